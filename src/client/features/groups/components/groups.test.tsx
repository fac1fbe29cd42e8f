import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { Group, GroupDeletion, GroupDetail, GroupMember } from '#contract/groups.ts';
import { GroupPage } from './group-page.tsx';
import { GroupsPage } from './groups-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const group = (name: string, over: Partial<Group> = {}): Group => ({
  id: `g-${name.toLowerCase().replace(/\W+/g, '-')}`,
  name,
  source: 'manual',
  member_count: 3,
  cloud_count: 1,
  read_only_reason: null,
  created_at: '2026-11-01T10:00:00.000Z',
  updated_at: '2026-11-01T10:00:00.000Z',
  ...over,
});
const scimReason = 'Synced from your identity provider (SCIM). Change its name and members there.';
const dataScience = group('Data Science');
const okta = group('Okta Engineers', { source: 'scim', read_only_reason: scimReason, cloud_count: 0 });
const person = (name: string): GroupMember => {
  const key = name.toLowerCase().replace(/\s+/g, '-');
  return {
    id: `m-${key}`,
    user_id: `u-${key}`,
    name,
    email: `${key}@acme.test`,
    added_at: '2026-11-02T10:00:00.000Z',
    added_by: null,
  };
};
const detail = (base: Group): GroupDetail => ({
  ...base,
  clouds:
    base.cloud_count > 0
      ? [
          {
            id: 'c-research',
            name: 'Research',
            provider: 'aws',
            role: 'readonly',
            granted_by: null,
            granted_at: '2026-11-03T10:00:00.000Z',
          },
        ]
      : [],
});
const page = (results: unknown[]) => ({
  results,
  metadata: { total: results.length, next_paging_token: null, previous_paging_token: null },
});

function serve(routes: Record<string, unknown | (() => Response)>) {
  const calls: { method: string; path: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const method = init?.method ?? 'GET';
      calls.push({ method, path: url.pathname });
      const route = routes[`${method} ${url.pathname}`];
      if (route === undefined)
        return new Response(JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }), {
          status: 404,
        });
      if (typeof route === 'function') return (route as () => Response)();
      return new Response(JSON.stringify(route), { status: 200 });
    }),
  );
  return calls;
}

function renderWith(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the Groups page', () => {
  it('lists groups with members, clouds and source; synced groups cannot be renamed or deleted, and say why', async () => {
    serve({ 'GET /api/v2/groups': page([dataScience, okta]) });
    renderWith(<GroupsPage />);
    // The first render also loads the Radix modules: allow it more than the default second.
    const row = await screen.findByRole('row', { name: /Data Science/ }, { timeout: 5000 });
    expect(within(row).getByRole('link', { name: 'Data Science' }).getAttribute('href')).toBe(
      '/settings/groups/g-data-science',
    );
    expect(row.textContent).toContain('3 members');
    expect(row.textContent).toContain('1 cloud');
    expect(row.textContent).toContain('Manual');
    expect(screen.getByRole('row', { name: /Okta Engineers/ }).textContent).toContain('SCIM');
    expect(screen.getByRole('status').textContent).toBe('2 groups');

    fireEvent.keyDown(screen.getByRole('button', { name: 'Actions for Okta Engineers' }), { key: 'Enter' });
    const rename = await screen.findByRole('menuitem', { name: /Rename/ }, { timeout: 5000 });
    expect(rename.getAttribute('aria-disabled')).toBe('true');
    expect(rename.textContent).toContain(scimReason);
    expect(screen.getByRole('menuitem', { name: /Delete/ }).getAttribute('aria-disabled')).toBe('true');
  });

  it('explains groups when there are none, with Create group', async () => {
    serve({ 'GET /api/v2/groups': page([]) });
    renderWith(<GroupsPage />);
    expect(await screen.findByText('No groups yet')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Create group' })).toHaveLength(1);
  });

  it('says when groups could not be loaded, with Retry', async () => {
    serve({
      'GET /api/v2/groups': () =>
        new Response(JSON.stringify({ error: { code: 'internal', message: 'Boom' } }), { status: 500 }),
    });
    renderWith(<GroupsPage />);
    expect(await screen.findByText('Groups could not be loaded')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

describe('a group’s page', () => {
  it('shows its members with Remove and the clouds it can use with the role', async () => {
    serve({
      'GET /api/v2/groups/g-data-science': detail(dataScience),
      'GET /api/v2/groups/g-data-science/members': page([person('Ada Lovelace'), person('Alan Turing')]),
    });
    renderWith(<GroupPage groupId="g-data-science" />);
    expect(
      await screen.findByRole('heading', { level: 1, name: /Data Science/ }, { timeout: 5000 }),
    ).toBeTruthy();
    const members = await screen.findByRole('list', { name: 'Members of Data Science' });
    expect(within(members).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Remove Ada Lovelace from Data Science' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add members' })).toHaveProperty('disabled', false);
    const clouds = screen.getByRole('list', { name: 'Clouds Data Science can use' });
    expect(clouds.textContent).toContain('Research');
    expect(clouds.textContent).toContain('Read only');
  });

  it('is read-only when synced over SCIM, with the reason as visible text on the disabled controls', async () => {
    serve({
      'GET /api/v2/groups/g-okta-engineers': detail(okta),
      'GET /api/v2/groups/g-okta-engineers/members': page([person('Grace Hopper')]),
    });
    renderWith(<GroupPage groupId="g-okta-engineers" />);
    const reason = await screen.findByText(scimReason);
    for (const name of ['Rename', 'Delete group', 'Add members']) {
      const button = screen.getByRole('button', { name });
      expect(button).toHaveProperty('disabled', true);
      expect(button.getAttribute('aria-describedby')).toBe(reason.id);
    }
    await screen.findByText('Grace Hopper');
    expect(screen.queryByRole('button', { name: /^Remove Grace Hopper/ })).toBeNull();
  });

  it('asks before deleting, listing per cloud whose access ends', async () => {
    const preview: GroupDeletion = {
      group: dataScience,
      clouds: [
        {
          cloud: { id: 'c-research', name: 'Research' },
          role: 'readonly',
          changes: [
            {
              id: 'm-ada',
              user_id: 'u-ada',
              name: 'Ada Lovelace',
              email: 'ada@acme.test',
              role_before: 'readonly',
              role_after: null,
            },
          ],
        },
      ],
      people_losing_access: 1,
    };
    const calls = serve({
      'GET /api/v2/groups/g-data-science': detail(dataScience),
      'GET /api/v2/groups/g-data-science/members': page([]),
      'GET /api/v2/groups/g-data-science/deletion_preview': preview,
    });
    renderWith(<GroupPage groupId="g-data-science" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete group' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete Data Science?' });
    const ends = await within(dialog).findByRole('list', { name: 'Cloud access that ends' });
    expect(ends.textContent).toContain('Research');
    expect(ends.textContent).toMatch(/Ada Lovelace: Read only →\s*becomes no access/);
    expect(dialog.textContent).toContain('1 person loses access on their next request');
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    expect(within(dialog).getByRole('button', { name: 'Delete Data Science' })).toBeTruthy();
  });
});
