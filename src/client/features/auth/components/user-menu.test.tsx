import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { UserInfo } from '#contract/auth.ts';
import { avatarColor } from '../../../components/avatar.tsx';
import { UserMenu } from './user-menu.tsx';

const user = (role: UserInfo['permission_level']): UserInfo => ({
  id: 'm-ada',
  user_id: 'u-ada',
  email: 'ada@acme.test',
  name: 'Ada Lovelace',
  username: 'ada',
  verified: true,
  organization_permission_level: role,
  organization_ids: ['o-acme'],
  organizations: [],
  ld_hash: '',
  ld_hash_fields: [],
  permission_level: role,
  organization: { id: 'o-acme', name: 'Acme', sso_enabled: false },
  auth_method: 'session',
});

function serveApi(owners: number) {
  const posts: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
      if (init?.method === 'POST') {
        posts.push(url.pathname);
        return json({ result: { removed: 1, removed_ids: ['m-ada'] } });
      }
      return json({ results: [], metadata: { total: owners, next_paging_token: null } });
    }),
  );
  return posts;
}

function renderMenu(info: UserInfo) {
  const onLeft = vi.fn();
  const assign = vi.fn();
  vi.stubGlobal('location', { ...window.location, assign });
  const router = createMemoryRouter([{ path: '/', element: <UserMenu user={info} onSignedOut={onLeft} /> }]);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { assign };
}

async function openLeaveDialog() {
  fireEvent.keyDown(screen.getByRole('button', { name: 'Ada Lovelace, account menu' }), { key: 'Enter' });
  // The menu loads on first use.
  fireEvent.click(await screen.findByRole('menuitem', { name: 'Leave organization…' }, { timeout: 5000 }));
  return screen.findByRole('alertdialog', { name: 'Leave Acme?' });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('UserMenu', () => {
  it('is named by the text it shows (and shows nothing else), and its avatar has the colour of the same person in the member list', () => {
    serveApi(2);
    renderMenu(user('collaborator'));
    const button = screen.getByRole('button', { name: 'Ada Lovelace, account menu' });
    // Its text is all in its name (label in name): the initials are drawn by CSS, not written.
    expect(button.textContent).toBe('Ada Lovelace');
    const avatar = button.querySelector('[aria-hidden]')!;
    expect(avatar.getAttribute('data-initials')).toBe('AL');
    expect(avatar.className).toContain('before:content-[attr(data-initials)]');
    expect(avatar.className).toContain(avatarColor('u-ada'));
  });

  it('a collaborator leaves after confirming, and lands signed out on the sign-in page', async () => {
    const posts = serveApi(1);
    const { assign } = renderMenu(user('collaborator'));
    const dialog = await openLeaveDialog();
    expect(dialog.textContent).toContain('You lose access at once');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Leave Acme' }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('/login?reason=left'));
    expect(posts).toEqual(['/api/v2/organization_collaborators/leave']);
  });

  it('the only owner is told why they cannot leave (and never to ask an owner)', async () => {
    const posts = serveApi(1);
    renderMenu(user('owner'));
    const dialog = await openLeaveDialog();
    await within(dialog).findByText(/You are the only owner of Acme, so you cannot leave yet/);
    const leave = within(dialog).getByRole('button', { name: 'Leave Acme' }) as HTMLButtonElement;
    expect(leave.disabled).toBe(true);
    expect(dialog.textContent).not.toMatch(/ask an? (organization )?owner/i);
    expect(posts).toEqual([]);
  });
});
