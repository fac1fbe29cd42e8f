import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Collaborator, OffboardingPreview } from '#contract/members.ts';
import { RemoveMembersDialog } from './remove-members-dialog.tsx';

const ada: Collaborator = {
  id: 'm-ada',
  user_id: 'u-ada',
  email: 'ada@acme.test',
  name: 'Ada Lovelace',
  permission_level: 'collaborator',
  base_role: 'collaborator',
  additional_roles: [],
  is_service_account: false,
  created_at: '2026-01-01T00:00:00.000Z',
  last_active_at: null,
  source: 'invited',
  last_sso_login_at: null,
};

const preview: OffboardingPreview = {
  member: ada,
  workloads: {
    workspaces: { running: 0, total: 0 },
    jobs: { running: 0, total: 0 },
    services: { running: 0, total: 0 },
  },
  clouds_owned: [],
  cloud_grants: 0,
  api_keys: 0,
  active_sessions: 0,
  scim_on: false,
  pending_invitations: [
    {
      id: 'i-1',
      email: 'one@acme.test',
      permission_level: 'collaborator',
      cloud_ids: ['c-b', 'c-a'],
      expires_at: '2026-02-01T00:00:00.000Z',
    },
    {
      id: 'i-2',
      email: 'two@acme.test',
      permission_level: 'collaborator',
      cloud_ids: ['c-a', 'c-b'],
      expires_at: '2026-02-01T00:00:00.000Z',
    },
    {
      id: 'i-3',
      email: 'boss@acme.test',
      permission_level: 'owner',
      cloud_ids: [],
      expires_at: '2026-02-01T00:00:00.000Z',
    },
  ],
};

function serveApi() {
  const sent: { path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (url.pathname.endsWith('/offboarding_preview')) return json({ result: preview });
      sent.push({ path: url.pathname, body: JSON.parse(String(init?.body ?? '{}')) });
      if (url.pathname.endsWith('/batch_delete')) {
        return json({ result: { removed: 1, removed_ids: [ada.id], invitations_revoked: 3 } });
      }
      return json({ results: [] });
    }),
  );
  return sent;
}

function renderDialog() {
  const onRemoved = vi.fn();
  const element = (
    <RemoveMembersDialog
      open
      onOpenChange={() => undefined}
      members={[ada]}
      organizationName="Acme"
      ssoEnabled={false}
      currentMemberId="m-olive"
      onRemoved={onRemoved}
      onDeselect={() => undefined}
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

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Removal dialog: invitations the person sent', () => {
  it('says they will be revoked and, without the option, sends nothing else', async () => {
    const sent = serveApi();
    const { onRemoved } = renderDialog();
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Ada Lovelace?' });
    const section = await within(dialog).findByRole('region', { name: 'Invitations Ada Lovelace sent' });
    expect(section.textContent).toContain(
      '3 pending invitations (one@acme.test, two@acme.test, boss@acme.test)',
    );
    expect(section.textContent).toContain('will be revoked');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove Ada Lovelace' }));
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalled());
    expect(sent.map((request) => request.path)).toEqual(['/api/v2/organization_collaborators/batch_delete']);
  });

  it('"Send again from me" re-invites them after the removal, grouped by role and clouds', async () => {
    const sent = serveApi();
    const { onRemoved } = renderDialog();
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Ada Lovelace?' });
    fireEvent.click(await within(dialog).findByRole('checkbox', { name: /Send again from me/ }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove Ada Lovelace' }));
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        path: '/api/v2/organization_collaborators/batch_delete',
        body: { ids: [ada.id], cloud_transfers: [] },
      },
      {
        path: '/api/v2/organization_invitations',
        body: {
          emails: ['one@acme.test', 'two@acme.test'],
          permission_level: 'collaborator',
          cloud_ids: ['c-a', 'c-b'],
        },
      },
      {
        path: '/api/v2/organization_invitations',
        body: { emails: ['boss@acme.test'], permission_level: 'owner', cloud_ids: [] },
      },
    ]);
  });
});
