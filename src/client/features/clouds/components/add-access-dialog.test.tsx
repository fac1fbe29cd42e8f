import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Cloud } from '#contract/clouds.ts';
import type { Collaborator } from '#contract/members.ts';
import { AddAccessDialog } from './add-access-dialog.tsx';

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
const ada = person('Ada Granted');
const alan = person('Alan New');
const olive = person('Olive Owner', 'owner');
const grace = person('Grace Grouped');

const cloud = {
  id: 'c1',
  name: 'Research',
  provider: 'aws',
  region: 'eu-west-1',
  owner: null,
} as unknown as Cloud;

function serveApi() {
  const posts: { path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      const page = (results: unknown[]) =>
        json({ results, metadata: { total: results.length, next_paging_token: null } });
      if (init?.method === 'POST') {
        posts.push({ path: url.pathname, body: JSON.parse(String(init.body)) });
        if (url.pathname.endsWith('/group_grants'))
          return json({ results: [{ group_id: 'g-ds', name: 'Data Science', outcome: 'granted' }] });
        return json({ results: [{ user_id: alan.user_id, name: alan.name, outcome: 'granted' }] });
      }
      if (url.pathname === '/api/v2/clouds/c1/collaborators') {
        // Ada holds a direct grant; Olive has access as an organization owner; Grace only through a group.
        const granted = { granted_by: null, granted_at: '2026-05-03T10:00:00.000Z' };
        return page([
          {
            ...ada,
            source: 'grant',
            grant: { role: 'write', ...granted },
            sources: [{ type: 'grant', role: 'write', ...granted }],
          },
          {
            ...olive,
            source: 'organization_owner',
            grant: null,
            sources: [{ type: 'organization_owner', role: 'owner' }],
          },
          {
            ...grace,
            source: 'group',
            grant: null,
            sources: [
              {
                type: 'group',
                role: 'readonly',
                group: { id: 'g-ds', name: 'Data Science', source: 'manual' },
                ...granted,
              },
            ],
          },
        ]);
      }
      if (url.pathname === '/api/v2/clouds/c1/group_grants') {
        return page([
          { group: { id: 'g-ops', name: 'Ops', source: 'manual', member_count: 2 }, role: 'write' },
        ]);
      }
      if (url.pathname === '/api/v2/groups') {
        return page([
          { id: 'g-ds', name: 'Data Science', member_count: 3 },
          { id: 'g-ops', name: 'Ops', member_count: 2 },
        ]);
      }
      return page([ada, alan, olive, grace]);
    }),
  );
  return posts;
}

beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined;
  Element.prototype.hasPointerCapture ??= () => false;
  Element.prototype.releasePointerCapture ??= () => {};
  // Radix measures checkboxes and the select with it; jsdom has none.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AddAccessDialog', () => {
  it('adds people and groups with the role chosen; those who already have access cannot be picked', async () => {
    const posts = serveApi();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <AddAccessDialog cloud={cloud} />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add people or groups' }));
    const dialog = screen.getByRole('dialog', { name: 'Add people or groups to Research' });
    const input = within(dialog).getByRole('combobox', { name: 'People' });
    fireEvent.click(input);

    const granted = await within(dialog).findByRole('option', { name: /Ada Granted/ }, { timeout: 5000 });
    await vi.waitFor(() => expect(granted.getAttribute('aria-disabled')).toBe('true'));
    expect(granted.textContent).toContain('Already granted Write: change it in the list');
    const owner = within(dialog).getByRole('option', { name: /Olive Owner/ });
    expect(owner.textContent).toContain('Already has access (organization owner)');
    const fresh = within(dialog).getByRole('option', { name: /Alan New/ });
    expect(fresh.getAttribute('aria-disabled')).toBeNull();
    // Access through a group alone does not stop a direct grant.
    expect(
      within(dialog)
        .getByRole('option', { name: /Grace Grouped/ })
        .getAttribute('aria-disabled'),
    ).toBeNull();
    fireEvent.click(granted);
    fireEvent.click(fresh);
    expect(
      within(within(dialog).getByRole('list', { name: 'Chosen members' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Alan New✕']);

    // Ops already has Write here: shown with its role, not pickable.
    const ops = await within(dialog).findByRole('checkbox', { name: 'Ops' });
    await vi.waitFor(() =>
      expect(ops.getAttribute('aria-disabled') ?? String(ops.hasAttribute('disabled'))).toBe('true'),
    );
    expect(within(dialog).getByText('Already has Write')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Data Science' }));

    const role = within(dialog).getByRole('combobox', { name: 'Role' });
    expect(role.textContent).toContain('Write');
    fireEvent.keyDown(role, { key: 'Enter' });
    fireEvent.click(screen.getByRole('option', { name: /^Read only/ }));
    expect(within(dialog).getByText('Sees the cloud and its workloads; creates nothing.')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Add 2 with read only' }));
    await vi.waitFor(() =>
      expect(posts).toEqual([
        { path: '/api/v2/clouds/c1/collaborators', body: { user_ids: [alan.user_id], role: 'readonly' } },
        { path: '/api/v2/clouds/c1/group_grants', body: { group_ids: ['g-ds'], role: 'readonly' } },
      ]),
    );
  }, 15_000);
});
