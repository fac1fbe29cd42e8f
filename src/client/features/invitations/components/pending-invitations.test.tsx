import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Invitation } from '#contract/invitations.ts';
import { toast } from '../../../lib/toast.ts';
import { PendingInvitations } from './pending-invitations.tsx';

const invitation = (email: string, over: Partial<Invitation> = {}): Invitation => ({
  id: `i-${email.split('@')[0]}`,
  email,
  organization_id: 'org-acme',
  accepted_at: null,
  invalidated_at: null,
  permission_level: 'collaborator',
  cloud_ids: [],
  cloud_grants: [],
  group_ids: [],
  invited_by: { id: 'm-olive', name: 'Olive Owner', removed: false },
  created_at: '2026-11-30T10:00:00.000Z',
  sent_at: '2026-11-30T10:00:00.000Z',
  expires_at: '2026-12-07T10:00:00.000Z',
  status: 'pending',
  delivery_status: 'sent',
  ...over,
});

function serveApi(rows: Invitation[]) {
  const posts: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      if (init?.method === 'POST') {
        posts.push(url.pathname);
        const id = url.pathname.split('/').at(-2)!;
        const row = rows.find((r) => r.id === id)!;
        const queued = { ...row, delivery_status: 'queued' };
        return new Response(
          JSON.stringify(
            url.pathname.endsWith('/retry_delivery')
              ? { result: queued }
              : { result: { invitation: queued, invite_link: 'http://x/y' } },
          ),
        );
      }
      return new Response(
        JSON.stringify({
          results: rows,
          metadata: { total: rows.length, next_paging_token: null, previous_paging_token: null },
        }),
      );
    }),
  );
  return posts;
}

function renderList() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <PendingInvitations />
    </QueryClientProvider>,
  );
}

function openMenu(email: string) {
  const trigger = screen.getByRole('button', { name: `Actions for the invitation to ${email}` });
  fireEvent.keyDown(trigger, { key: 'Enter' });
  // The menu loads on first use.
  return screen.findByRole('menu', undefined, { timeout: 5000 });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('PendingInvitations', () => {
  it('puts each row’s actions in one ⋯ menu, so the row holds a single button', async () => {
    serveApi([invitation('ada@example.test')]);
    renderList();
    const row = await screen.findByRole('row', { name: /ada@example.test/ }, { timeout: 5000 });
    expect(
      within(row)
        .getAllByRole('button')
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual(['Actions for the invitation to ada@example.test']);
    const menu = await openMenu('ada@example.test');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Resend', 'Revoke…']);
  });

  it('offers Retry delivery when the mail failed: it retries the same mail (no new link) and says so', async () => {
    const posts = serveApi([invitation('bob@example.test', { delivery_status: 'failed' })]);
    const toasts = vi.spyOn(toast, 'success');
    renderList();
    await screen.findByRole('row', { name: /bob@example.test/ }, { timeout: 5000 });
    const menu = await openMenu('bob@example.test');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Retry delivery' }));
    await vi.waitFor(() => expect(posts).toEqual(['/api/v2/organization_invitations/i-bob/retry_delivery']));
    await vi.waitFor(() =>
      expect(toasts).toHaveBeenCalledWith('Retrying delivery to bob@example.test', expect.any(String)),
    );
  });

  it('Revoke asks first, and focus goes back to the row’s ⋯ button when the dialog closes', async () => {
    serveApi([invitation('cy@example.test')]);
    renderList();
    await screen.findByRole('row', { name: /cy@example.test/ }, { timeout: 5000 });
    const menu = await openMenu('cy@example.test');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Revoke…' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Revoke the invitation to cy@example.test?',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep invitation' }));
    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Actions for the invitation to cy@example.test' }),
      ),
    );
  });
});
