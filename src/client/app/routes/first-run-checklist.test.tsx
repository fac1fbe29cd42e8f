import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { UserInfo } from '#contract/auth.ts';
import { FirstRunChecklist } from './first-run-checklist.tsx';

const owner: UserInfo = {
  id: 'm-riley',
  user_id: 'u-riley',
  email: 'riley@founders.test',
  name: 'Riley Founder',
  username: 'riley',
  verified: true,
  organization_permission_level: 'owner',
  organization_ids: ['o-1'],
  organizations: [],
  ld_hash: '',
  ld_hash_fields: [],
  permission_level: 'owner',
  organization: { id: 'o-1', name: 'Founders Inc', sso_enabled: false },
  auth_method: 'session',
};

function serveApi(counts: { members: number; invitations: number; clouds: number; apiKeys: number }) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const path = new URL(input, 'http://roster.test').pathname;
      const total =
        path === '/api/v2/organization_collaborators'
          ? counts.members
          : path === '/api/v2/organization_invitations'
            ? counts.invitations
            : counts.clouds;
      if (path === '/api/v2/api_keys') {
        return new Response(JSON.stringify({ results: Array.from({ length: counts.apiKeys }, () => ({})) }));
      }
      return new Response(JSON.stringify({ results: [], metadata: { total, next_paging_token: null } }));
    }),
  );
}

function renderChecklist() {
  const router = createMemoryRouter([{ path: '/', element: <FirstRunChecklist user={owner} /> }]);
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('FirstRunChecklist', () => {
  it('reads what is done from the data: a cloud registered, nobody invited, no API key yet', async () => {
    serveApi({ members: 1, invitations: 0, clouds: 1, apiKeys: 0 });
    renderChecklist();
    const list = await screen.findByRole('region', { name: 'Get Founders Inc started' });
    expect(list.textContent).toContain('1 of 3 done');
    const items = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items[0]).toContain('Invite teammates (to do)');
    expect(items[1]).toContain('Register a cloud (done)');
    expect(items[2]).toContain('Create an API key (to do)');
    expect(items[3]).toContain('Set up single sign-on (to do)');
    // The sole owner is never sent to "an organization owner".
    expect(list.textContent).not.toMatch(/ask an? (organization )?owner/i);
  });

  it('stays dismissed once dismissed, across visits', async () => {
    serveApi({ members: 1, invitations: 0, clouds: 0, apiKeys: 0 });
    const first = renderChecklist();
    fireEvent.click(await screen.findByRole('button', { name: 'Dismiss this checklist' }));
    expect(screen.queryByRole('region', { name: 'Get Founders Inc started' })).toBeNull();
    first.unmount();
    renderChecklist();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('region', { name: 'Get Founders Inc started' })).toBeNull();
  });

  it('goes away by itself when the three steps are done', async () => {
    serveApi({ members: 3, invitations: 0, clouds: 2, apiKeys: 1 });
    renderChecklist();
    await vi.waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(4));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('region', { name: /started/ })).toBeNull();
  });
});
