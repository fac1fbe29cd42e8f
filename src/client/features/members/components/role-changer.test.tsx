import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Collaborator } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { Toaster } from '../../../components/ui/toaster.tsx';
import { RoleControl, useRoleChanger } from './role-control.tsx';

const member = (name: string, role: PermissionLevel): Collaborator => {
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
const olive = member('Olive Owner', 'owner');
const casey = member('Casey Jones', 'collaborator');
const dana = member('Dana Scully', 'collaborator');

/** The server: PATCH answers the member with the new role; records each change. */
function serveApi() {
  const patches: { id: string; role: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      if (init?.method === 'PATCH') {
        const id = url.pathname.split('/').at(-1)!;
        const role = (JSON.parse(String(init.body)) as { permission_level: string }).permission_level;
        patches.push({ id, role });
        const found = [olive, casey, dana].find((m) => m.id === id)!;
        return new Response(JSON.stringify({ result: { ...found, permission_level: role } }), {
          status: 200,
        });
      }
      return new Response(
        JSON.stringify({
          results: [],
          metadata: { total: 0, next_paging_token: null, previous_paging_token: null },
        }),
      );
    }),
  );
  return patches;
}

function Harness() {
  const roles = useRoleChanger({ currentMemberId: olive.id, onOwnRoleChanged: () => undefined });
  return (
    <>
      <RoleControl member={casey} onChange={(role) => roles.change(casey, role)} />
      <button type="button" onClick={() => roles.changeMany([olive, casey, dana], 'owner')}>
        Bulk make owners
      </button>
      {roles.dialog}
    </>
  );
}

function renderHarness() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Harness />
      <Toaster />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useRoleChanger', () => {
  it('asks before making someone an owner, naming what they will be able to do', async () => {
    const patches = serveApi();
    renderHarness();
    fireEvent.click(screen.getByRole('radio', { name: 'Owner' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Make Casey Jones an owner?' });
    expect(dialog.textContent).toContain('invite and remove members');
    expect(dialog.textContent).toContain('audit log');
    expect(patches).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Make Casey Jones an owner' }));
    await vi.waitFor(() => expect(patches).toEqual([{ id: casey.id, role: 'owner' }]));
    expect(await screen.findByText('Casey Jones is now an owner')).toBeTruthy();
  });

  it('cancelling the promotion changes nothing', async () => {
    const patches = serveApi();
    renderHarness();
    fireEvent.click(screen.getByRole('radio', { name: 'Owner' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(patches).toHaveLength(0);
  });

  it('the role-change toast has Undo, which puts the old role back', async () => {
    const patches = serveApi();
    renderHarness();
    fireEvent.click(screen.getByRole('radio', { name: 'Owner' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Make Casey Jones an owner' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await vi.waitFor(() =>
      expect(patches).toEqual([
        { id: casey.id, role: 'owner' },
        { id: casey.id, role: 'collaborator' },
      ]),
    );
  });

  it('changes the role of a selection after one confirmation, skipping who already has it', async () => {
    const patches = serveApi();
    renderHarness();
    fireEvent.click(screen.getByRole('button', { name: 'Bulk make owners' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Make 2 members owners?' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Casey Jones (casey-jones@acme.test)', 'Dana Scully (dana-scully@acme.test)']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Make 2 members owners' }));
    await vi.waitFor(() => expect(patches).toHaveLength(2));
    expect(await screen.findByText('2 members are now owners')).toBeTruthy();
  });

  it('marks the current role with more than colour', () => {
    serveApi();
    renderHarness();
    const on = screen.getByRole('radio', { name: 'Collaborator' });
    expect(on.getAttribute('aria-checked')).toBe('true');
    expect(on.textContent).toContain('✓');
    expect(screen.getByRole('radio', { name: 'Owner' }).textContent).not.toContain('✓');
  });
});
