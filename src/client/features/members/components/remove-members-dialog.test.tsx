import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Collaborator, OffboardingPreview } from '#contract/members.ts';
import { RemoveMembersDialog } from './remove-members-dialog.tsx';

const person = (name: string, role: Collaborator['permission_level'] = 'collaborator'): Collaborator => {
  const key = name.toLowerCase().replace(/\s+/g, '-');
  return {
    id: `m-${key}`,
    user_id: `u-${key}`,
    email: `${key}@acme.test`,
    name,
    permission_level: role,
    base_role: role,
    additional_roles: [],
    is_service_account: false,
    created_at: '2026-01-01T00:00:00.000Z',
    last_active_at: null,
    source: 'invited',
    last_sso_login_at: null,
  };
};
const margaret = person('Margaret Hamilton');
const grace = person('Grace Hopper');
const katherine = person('Katherine Johnson');
const otto = person('Otto Owner', 'owner');
const olive = { ...person('Olive Owner', 'owner'), id: 'm-olive' };
const everyone = [margaret, grace, katherine, otto, olive];

const preview = (member: Collaborator, over: Partial<OffboardingPreview> = {}): OffboardingPreview => ({
  member,
  workloads: {
    workspaces: { running: 2, total: 3 },
    jobs: { running: 0, total: 0 },
    services: { running: 0, total: 0 },
  },
  clouds_owned: member.id === margaret.id ? [{ id: 'c-apollo', name: 'Apollo' }] : [],
  cloud_grants: 0,
  api_keys: 1,
  active_sessions: 0,
  scim_on: false,
  pending_invitations: [],
  ...over,
});

type Sent = { path: string; body: unknown };

function serveApi(over: Partial<OffboardingPreview> = {}) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (url.pathname.endsWith('/offboarding_preview')) {
        const id = url.pathname.split('/').at(-2)!;
        return json({
          result: preview(
            everyone.find((member) => member.id === id)!,
            over,
          ),
        });
      }
      if (url.pathname.endsWith('/batch_delete')) {
        sent.push({ path: url.pathname, body: JSON.parse(String(init?.body)) });
        return json({
          result: {
            removed: 1,
            workloads_left_running: 2,
            clouds_transferred: 1,
            clouds_returned_to_owners: 0,
            cloud_grants_removed: 0,
            api_keys_revoked: 1,
            sessions_ended: 0,
          },
        });
      }
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const results = everyone.filter((member) => `${member.name} ${member.email}`.toLowerCase().includes(q));
      return json({
        results,
        metadata: { total: results.length, next_paging_token: null, previous_paging_token: null },
      });
    }),
  );
  return sent;
}

function renderDialog(members: Collaborator[], leftOut: Collaborator[] = []) {
  const onRemoved = vi.fn();
  const element = (
    <RemoveMembersDialog
      open
      onOpenChange={() => undefined}
      members={members}
      organizationName="Acme"
      ssoEnabled={false}
      currentMemberId="m-olive"
      onRemoved={onRemoved}
      onDeselect={() => undefined}
      leftOut={leftOut}
    />
  );
  const router = createMemoryRouter([{ path: '/', element }]);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { onRemoved };
}

beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('RemoveMembersDialog', () => {
  it('warns that the identity provider would provision the person again only while SCIM is on', async () => {
    const line =
      'SCIM is on: remove them from your identity provider too, or they will be provisioned again.';
    serveApi({ scim_on: true });
    renderDialog([grace]);
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Grace Hopper?' });
    expect(await within(dialog).findByText(line)).toBeTruthy();
    cleanup();

    serveApi();
    renderDialog([grace]);
    const plain = await screen.findByRole('alertdialog', { name: 'Remove Grace Hopper?' });
    await within(plain).findByRole('button', { name: 'Remove Grace Hopper' });
    expect(within(plain).queryByText(line)).toBeNull();
  });

  it('transfers the cloud to the member chosen in the search, and names the person on the button', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const sent = serveApi();
    const { onRemoved } = renderDialog([margaret]);
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Margaret Hamilton?' });
    const picker = await within(dialog).findByRole('combobox', { name: 'Transfer ownership of Apollo to' });

    fireEvent.change(picker, { target: { value: 'grace' } });
    await act(async () => {
      vi.advanceTimersByTime(300);
    });
    const option = await within(dialog).findByRole('option', { name: /Grace Hopper/ });
    await vi.waitFor(() => expect(picker.getAttribute('aria-activedescendant')).toBe(option.id));
    fireEvent.keyDown(picker, { key: 'Enter' });
    expect(within(dialog).getByRole('list', { name: 'Chosen member' }).textContent).toContain('Grace Hopper');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove Margaret Hamilton' }));
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalled());
    expect(sent[0]!.body).toEqual({
      ids: ['m-margaret-hamilton'],
      cloud_transfers: [{ cloud_id: 'c-apollo', user_id: 'u-grace-hopper' }],
    });
  });

  it('offers no one being removed as the new owner, and with nobody chosen says the owners take over', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const sent = serveApi();
    renderDialog([margaret, katherine]);
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove 2 members?' });
    const picker = await within(dialog).findByRole('combobox', {
      name: 'Transfer ownership of Apollo to',
    });
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    await act(async () => {
      vi.advanceTimersByTime(300);
    });
    const option = await within(dialog).findByRole('option', { name: /Katherine Johnson/ });
    expect(option.getAttribute('aria-disabled')).toBe('true');
    expect(option.textContent).toContain('Being removed');
    expect(dialog.textContent).toContain('the organization owners become the implicit owner');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 2 members' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toEqual({
      ids: ['m-margaret-hamilton', 'm-katherine-johnson'],
      cloud_transfers: [],
    });
  });

  it('shows only what they have: no rows for kinds with nothing, no access lines at zero', async () => {
    serveApi();
    renderDialog([margaret]);
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Margaret Hamilton?' });
    await within(dialog).findByText('Workspaces');
    expect(within(dialog).queryByText('Jobs')).toBeNull();
    expect(within(dialog).queryByText('Services')).toBeNull();
    expect(dialog.textContent).toContain('1 API key revoked');
    expect(dialog.textContent).not.toContain('active session');
    expect(dialog.textContent).not.toContain('cloud grant');
    // The consequence for workspaces is said once.
    expect(dialog.textContent!.split('Remain running unless you terminate them').length - 1).toBe(1);
  });

  it('removes an owner in one confirmed step: made a collaborator and removed', async () => {
    const sent = serveApi();
    const { onRemoved } = renderDialog([otto]);
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Otto Owner?' });
    await within(dialog).findByText(/Confirming makes them a collaborator and removes them in one step/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Make collaborator and remove Otto Owner' }));
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalled());
    expect(sent[0]!.body).toEqual({ ids: ['m-otto-owner'], cloud_transfers: [], downgrade_owners: true });
  });

  it('never removes you: points to Leave organization instead', async () => {
    const sent = serveApi();
    renderDialog([olive]);
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Olive Owner?' });
    await within(dialog).findByText(/choose Leave organization in your account menu/);
    const confirm = within(dialog).getByRole('button', { name: 'Remove Olive Owner' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(dialog.textContent).not.toMatch(/ask another owner/i);
    expect(sent).toHaveLength(0);
  });

  it('names the owners a bulk removal left out', async () => {
    serveApi();
    renderDialog([grace, katherine], [otto]);
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove 2 members?' });
    expect((await within(dialog).findByText(/Left out of this removal/)).textContent).toContain(
      'Otto Owner (an owner)',
    );
  });
});
