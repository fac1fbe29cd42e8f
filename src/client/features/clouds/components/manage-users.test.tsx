import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { Cloud, CloudAccessEntry } from '#contract/clouds.ts';
import { toast } from '../../../lib/toast.ts';
import { ManageUsers } from './manage-users.tsx';

const cloud = { id: 'c1', name: 'Research', owner: null } as unknown as Cloud;
const olive = { id: 'm-olive', user_id: 'u-olive', name: 'Olive Owner', email: 'olive@acme.test' };
const dataScience = { id: 'g-ds', name: 'Data Science', source: 'manual' as const };
const granted = { granted_by: { ...olive, removed: false }, granted_at: '2026-05-03T10:00:00.000Z' };

const ada: CloudAccessEntry = {
  id: 'm-ada',
  user_id: 'u-ada',
  name: 'Ada Lovelace',
  email: 'ada@acme.test',
  permission_level: 'collaborator',
  source: 'grant',
  role: 'write',
  sources: [
    { type: 'grant', role: 'write', ...granted },
    { type: 'group', role: 'readonly', group: dataScience, ...granted },
  ],
  grant: { role: 'write', ...granted },
  removal_blocked_reason: null,
};
const owner: CloudAccessEntry = {
  ...olive,
  permission_level: 'owner',
  source: 'organization_owner',
  role: 'owner',
  sources: [{ type: 'organization_owner', role: 'owner' }],
  grant: null,
  removal_blocked_reason: 'Organization owners can use every cloud.',
};
const grace: CloudAccessEntry = {
  id: 'm-grace',
  user_id: 'u-grace',
  name: 'Grace Hopper',
  email: 'grace@acme.test',
  permission_level: 'collaborator',
  source: 'group',
  role: 'readonly',
  sources: [{ type: 'group', role: 'readonly', group: dataScience, ...granted }],
  grant: null,
  removal_blocked_reason: null,
};

function serveApi() {
  const writes: { method: string; path: string; body?: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const method = init?.method ?? 'GET';
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      const list = (results: unknown[]) =>
        json({ results, metadata: { total: results.length, next_paging_token: null } });
      if (method !== 'GET') {
        writes.push({
          method,
          path: url.pathname,
          body: init?.body ? JSON.parse(String(init.body)) : undefined,
        });
        if (method === 'DELETE')
          return json({
            result: { still_has_access: { ...ada, role: 'readonly', sources: ada.sources.slice(1) } },
          });
        return json({ result: { ...ada, grant: { ...ada.grant, role: 'readonly' }, role: 'readonly' } });
      }
      if (url.pathname === '/api/v2/clouds/c1/collaborators') return list([owner, ada, grace]);
      if (url.pathname === '/api/v2/clouds/c1/group_grants')
        return list([{ group: { ...dataScience, member_count: 3 }, role: 'readonly', ...granted }]);
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'x' } }), { status: 404 });
    }),
  );
  return writes;
}

beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
  Element.prototype.hasPointerCapture ??= () => false;
  Element.prototype.releasePointerCapture ??= () => {};
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function renderManageUsers() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <ManageUsers cloud={cloud} currentMemberId="m-olive" isOrganizationOwner />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('Manage users', () => {
  it('lists every source of each person’s access, with the effective role', async () => {
    serveApi();
    renderManageUsers();
    const why = (name: string) =>
      within(screen.getByRole('list', { name: `Why ${name} has access` }))
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    await screen.findByText('Ada Lovelace', undefined, { timeout: 5000 });
    expect(why('Olive Owner')).toEqual(['Organization owner (implicit)']);
    expect(why('Ada Lovelace')).toEqual([
      expect.stringMatching(/^Granted Write by Olive Owner on /),
      'Read only via group Data Science',
    ]);
    expect(why('Grace Hopper')).toEqual(['Read only via group Data Science']);
    const groups = screen.getByRole('list', { name: 'Groups with access to Research' });
    expect(within(groups).getByRole('link', { name: 'Data Science' }).getAttribute('href')).toBe(
      '/settings/groups/g-ds',
    );
    // Only direct grants have a role to change and a grant to remove.
    expect(screen.getByRole('combobox', { name: 'Role of Ada Lovelace’s direct grant' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: /Role of Grace Hopper/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove Grace Hopper/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove Olive Owner/ })).toBeNull();
  });

  it('changes the role of a direct grant inline', async () => {
    const writes = serveApi();
    renderManageUsers();
    const select = await screen.findByRole(
      'combobox',
      { name: 'Role of Ada Lovelace’s direct grant' },
      { timeout: 5000 },
    );
    fireEvent.keyDown(select, { key: 'Enter' });
    fireEvent.click(screen.getByRole('option', { name: /^Read only/ }));
    await vi.waitFor(() =>
      expect(writes).toEqual([
        { method: 'PATCH', path: '/api/v2/clouds/c1/collaborators/u-ada', body: { role: 'readonly' } },
      ]),
    );
  });

  it('removing a direct grant says what access is left through a group', async () => {
    const writes = serveApi();
    const success = vi.spyOn(toast, 'success');
    renderManageUsers();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Remove Ada Lovelace’s direct grant' }, { timeout: 5000 }),
    );
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('keeps access another way: Read only via group Data Science');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove grant' }));
    await vi.waitFor(() => expect(writes.map((write) => write.method)).toEqual(['DELETE']));
    await vi.waitFor(() =>
      expect(success).toHaveBeenCalledWith(
        'Removed Ada Lovelace’s direct grant on Research',
        'Still has Read only via Data Science.',
      ),
    );
  });
});
