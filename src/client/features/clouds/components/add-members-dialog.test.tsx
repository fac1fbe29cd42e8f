import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Cloud } from '#contract/clouds.ts';
import type { Collaborator } from '#contract/members.ts';
import { AddMembersDialog } from './add-members-dialog.tsx';

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
  };
};
const ada = person('Ada Granted');
const alan = person('Alan New');
const olive = person('Olive Owner', 'owner');

const cloud = {
  id: 'c1',
  name: 'Research',
  provider: 'aws',
  region: 'eu-west-1',
  owner: null,
} as unknown as Cloud;

function serveApi() {
  const grants: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      const page = (results: unknown[]) =>
        json({ results, metadata: { total: results.length, next_paging_token: null } });
      if (url.pathname === '/api/v2/clouds/c1/collaborators' && init?.method === 'POST') {
        grants.push(JSON.parse(String(init.body)));
        return json({ results: [{ user_id: alan.user_id, name: alan.name, outcome: 'granted' }] });
      }
      if (url.pathname === '/api/v2/clouds/c1/collaborators') {
        // Ada holds a direct grant; Olive has access as an organization owner.
        return page([
          { ...ada, source: 'grant', grant: null, removal_blocked_reason: null },
          { ...olive, source: 'organization_owner', grant: null, removal_blocked_reason: 'x' },
        ]);
      }
      return page([ada, alan, olive]);
    }),
  );
  return grants;
}

beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AddMembersDialog', () => {
  it('shows people who already have access (direct grants too) disabled, and adds the others', async () => {
    const grants = serveApi();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <AddMembersDialog cloud={cloud} />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add members' }));
    const dialog = screen.getByRole('dialog', { name: 'Add members to Research' });
    const input = within(dialog).getByRole('combobox', { name: 'Members' });
    fireEvent.click(input);

    const granted = await within(dialog).findByRole('option', { name: /Ada Granted/ });
    await vi.waitFor(() => expect(granted.getAttribute('aria-disabled')).toBe('true'));
    expect(granted.textContent).toContain('Already has access');
    const owner = within(dialog).getByRole('option', { name: /Olive Owner/ });
    expect(owner.textContent).toContain('Already has access (organization owner)');
    const fresh = within(dialog).getByRole('option', { name: /Alan New/ });
    expect(fresh.getAttribute('aria-disabled')).toBeNull();

    fireEvent.click(granted);
    fireEvent.click(fresh);
    // The results open over a fixed box that also holds the chosen members: nothing below moves.
    const box = within(dialog).getByRole('listbox').closest('.h-56')!;
    const chosen = within(box as HTMLElement).getByRole('list', { name: 'Chosen members' });
    expect(
      within(chosen)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Alan New✕']);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Add 1 member' }));
    await vi.waitFor(() => expect(grants).toEqual([{ user_ids: [alan.user_id] }]));
  });
});
