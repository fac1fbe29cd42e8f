import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { CreateInvitationsResponse } from '#contract/invitations.ts';
import { InviteDialog } from './invite-dialog.tsx';

type Sent = { method: string; path: string; body: unknown };

// Radix Select (the role per cloud) captures the pointer and scrolls options into view; jsdom does neither.
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.releasePointerCapture ??= () => {};
Element.prototype.scrollIntoView ??= () => {};

/** The API as the browser sees it; records what was sent. */
function serveApi(options: { clouds: 'none' | 'missing' | 'some'; delivery?: string }) {
  const sent: Sent[] = [];
  // jsdom has no ResizeObserver; Radix's checkbox measures itself with one.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      sent.push({ method, path: url.pathname, body });
      const json = (status: number, value: unknown) =>
        new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/api/v2/organization_invitations/delivery') {
        return json(200, { result: { mode: options.delivery ?? 'smtp' } });
      }
      if (url.pathname === '/api/v2/clouds') {
        if (options.clouds === 'missing') return json(404, { error: { code: 'not_found', message: 'x' } });
        const results =
          options.clouds === 'some' ? [{ id: 'c1', name: 'gpu-east', region: 'us-east-1' }] : [];
        return json(200, {
          results,
          metadata: { total: results.length, next_paging_token: null, previous_paging_token: null },
        });
      }
      if (url.pathname === '/api/v2/groups') {
        const results =
          options.clouds === 'some' ? [{ id: 'g-ds', name: 'Data Science', member_count: 4 }] : [];
        return json(200, {
          results,
          metadata: { total: results.length, next_paging_token: null, previous_paging_token: null },
        });
      }
      if (url.pathname === '/api/v2/organization_invitations/lookup') {
        const known: Record<string, string> = { 'b@x.com': 'member', 'c@x.com': 'invited' };
        return json(200, {
          results: (body.emails as string[]).map((email) => ({ email, status: known[email] ?? 'new' })),
        });
      }
      if (url.pathname === '/api/v2/organization_invitations' && method === 'POST') {
        const response: CreateInvitationsResponse = {
          delivery: 'smtp',
          metadata: { total: 4, next_paging_token: null, previous_paging_token: null },
          results: [
            {
              email: 'a@x.com',
              outcome: 'invited',
              invitation_id: 'i1',
              invite_link: 'http://r/accept?token=t1',
            },
            { email: 'b@x.com', outcome: 'already_member' },
            {
              email: 'c@x.com',
              outcome: 'already_invited',
              invitation_id: 'i2',
              invite_link: 'http://r/a?token=t2',
            },
            { email: 'bad@@x', outcome: 'invalid', reason: 'Has more than one @ sign.' },
          ],
        };
        return json(200, response);
      }
      return json(404, { error: { code: 'not_found', message: 'no such route in this test' } });
    }),
  );
  return sent;
}

async function renderDialog() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: '/', element: <InviteDialog /> }]);
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Invite teammates' }));
  // The dialog, then its form, load with the first opening.
  const dialog = await screen.findByRole('dialog', { name: 'Invite teammates' }, { timeout: 5000 });
  await within(dialog).findByLabelText('Email addresses', undefined, { timeout: 5000 });
  return dialog;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Invite teammates', () => {
  it('reads addresses as they are typed, counts valid and invalid, and sends the canonical list', async () => {
    const sent = serveApi({ clouds: 'some' });
    const dialog = await renderDialog();
    const field = within(dialog).getByLabelText('Email addresses');
    fireEvent.change(field, { target: { value: 'a@x.com, b@x.com;c@x.com\n bad@@x, A@X.COM' } });
    expect(
      within(dialog).getByText('3 valid, 1 invalid (they will be skipped) · 1 duplicate merged.'),
    ).toBeTruthy();
    const chips = within(dialog).getByRole('list', { name: 'Addresses to invite' });
    expect(within(chips).getAllByRole('listitem')).toHaveLength(4);
    expect(within(chips).getByText(/Has more than one @ sign/)).toBeTruthy();

    fireEvent.click(await within(dialog).findByRole('checkbox', { name: /gpu-east/ }));
    // A chosen cloud gets a role, Write unless changed; here it is made read only.
    const role = within(dialog).getByRole('combobox', { name: 'Role on gpu-east' });
    expect(role.textContent).toContain('Write');
    fireEvent.keyDown(role, { key: 'Enter' });
    fireEvent.click(screen.getByRole('option', { name: /^Read only/ }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Data Science/ }));
    // By now the preview knows b@x.com is a member: it is skipped, so two people are invited.
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Invite 2 people' }));

    const results = await within(dialog).findByRole('list', { name: 'Invitation results' });
    const post = sent.find(
      (request) => request.method === 'POST' && request.path === '/api/v2/organization_invitations',
    )!;
    expect(post.body).toEqual({
      emails: ['a@x.com', 'b@x.com', 'c@x.com', 'bad@@x'],
      permission_level: 'collaborator',
      cloud_grants: [{ cloud_id: 'c1', role: 'readonly' }],
      group_ids: ['g-ds'],
    });
    expect(within(dialog).getByRole('status').textContent).toBe(
      '1 invited · 1 invitation re-sent · 1 already a member · 1 invalid address',
    );
    const row = (email: string) => within(results).getByText(email).closest('li')!;
    expect(row('a@x.com').textContent).toContain('Invited');
    expect(row('b@x.com').textContent).toContain('Already a member');
    expect(row('c@x.com').textContent).toContain('Already invited (link re-sent)');
    expect(row('bad@@x').textContent).toContain('Invalid address');
    expect(within(dialog).getByRole('button', { name: 'Copy link for a@x.com' })).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Copy link for b@x.com' })).toBeNull();
  });

  it('says why it cannot send: nothing typed, nothing valid, or more than 100 addresses', async () => {
    serveApi({ clouds: 'none' });
    const dialog = await renderDialog();
    const submit = () => within(dialog).getByRole('button', { name: /Send invitation|Invite \d+ people/ });
    expect((submit() as HTMLButtonElement).disabled).toBe(true);

    const field = within(dialog).getByLabelText('Email addresses');
    fireEvent.change(field, { target: { value: 'nope' } });
    expect((submit() as HTMLButtonElement).disabled).toBe(true);
    expect(
      within(dialog).getByText('None of these addresses is valid. Correct them to continue.'),
    ).toBeTruthy();

    const many = Array.from({ length: 101 }, (_, i) => `p${i}@x.com`).join(' ');
    fireEvent.change(field, { target: { value: many } });
    expect((submit() as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByText('Invite up to 100 addresses at a time; this list has 101.')).toBeTruthy();
  });

  it('leaves the cloud picker out when the server has no clouds API, and says when mail is not sent', async () => {
    serveApi({ clouds: 'missing', delivery: 'manual' });
    const dialog = await renderDialog();
    expect(await within(dialog).findByText(/This server sends no email/)).toBeTruthy();
    // One message about delivery, not an email promise beside a no-email warning.
    expect(dialog.textContent).not.toMatch(/They get an email/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(within(dialog).queryByText('Clouds to grant (optional)')).toBeNull();
  });

  it('opens empty each time, and gives focus back to its button when closed', async () => {
    serveApi({ clouds: 'none' });
    const dialog = await renderDialog();
    const button = screen.getByRole('button', { name: 'Invite teammates', hidden: true });
    fireEvent.change(within(dialog).getByLabelText('Email addresses'), {
      target: { value: 'ada@example.com' },
    });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await vi.waitFor(() => expect(document.activeElement).toBe(button));
    fireEvent.click(button);
    const again = await screen.findByRole('dialog', { name: 'Invite teammates' });
    const field = await within(again).findByLabelText('Email addresses');
    expect((field as HTMLTextAreaElement).value).toBe('');
  });

  it('has nothing to grant to owners', async () => {
    serveApi({ clouds: 'some' });
    const dialog = await renderDialog();
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Owner' }));
    const checkbox = await within(dialog).findByRole('checkbox', { name: /gpu-east/ });
    expect(checkbox.hasAttribute('disabled')).toBe(true);
    expect(within(dialog).getByText('Owners can use every cloud; there is nothing to grant.')).toBeTruthy();
  });

  it('marks who is already a member or already invited before sending, and says how many duplicates merged', async () => {
    const sent = serveApi({ clouds: 'none' });
    const dialog = await renderDialog();
    fireEvent.change(within(dialog).getByLabelText('Email addresses'), {
      target: { value: 'a@x.com, b@x.com, c@x.com, a@x.com, A@X.com' },
    });
    const chips = within(dialog).getByRole('list', { name: 'Addresses to invite' });
    const chip = (email: string) => within(chips).getByText(email).closest('li')!;
    await vi.waitFor(() => expect(chip('b@x.com').textContent).toContain('already a member'));
    expect(chip('c@x.com').textContent).toContain('already invited (will be re-sent)');
    expect(chip('a@x.com').textContent).not.toContain('already');
    expect(
      within(dialog).getByText(
        '3 valid, 0 invalid · 1 already a member · 1 already invited (will be re-sent) · 2 duplicates merged.',
      ),
    ).toBeTruthy();
    // The member is skipped, so two people are invited.
    expect(within(dialog).getByRole('button', { name: 'Invite 2 people' })).toBeTruthy();
    const lookups = sent.filter((request) => request.path === '/api/v2/organization_invitations/lookup');
    expect(lookups.at(-1)!.body).toEqual({ emails: ['a@x.com', 'b@x.com', 'c@x.com'] });
  });

  it('says when everyone typed is already a member', async () => {
    serveApi({ clouds: 'none' });
    const dialog = await renderDialog();
    fireEvent.change(within(dialog).getByLabelText('Email addresses'), { target: { value: 'b@x.com' } });
    expect(await within(dialog).findByText('They are already a member.')).toBeTruthy();
    expect(
      (within(dialog).getByRole('button', { name: 'Send invitation' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });
});
