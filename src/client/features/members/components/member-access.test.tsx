import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { MemberCloudAccessList } from '#contract/clouds.ts';
import type { MemberProfile } from '#contract/members.ts';
import { MemberAccess, MemberGroups } from './member-access.tsx';

const ada = {
  id: 'm-ada',
  user_id: 'u-ada',
  name: 'Ada Lovelace',
  email: 'ada@acme.test',
} as unknown as MemberProfile['member'];
const olive = { id: 'm-olive', user_id: 'u-olive', name: 'Olive Owner', email: 'olive@acme.test' };
const granted = { granted_by: { ...olive, removed: false }, granted_at: '2026-05-03T10:00:00.000Z' };
const group = (id: string, name: string) => ({ id, name, source: 'manual' as const });

const access: MemberCloudAccessList = {
  member: { id: 'm-ada', user_id: 'u-ada', name: 'Ada Lovelace', email: 'ada@acme.test' },
  results: [
    {
      cloud: { id: 'c-prod', name: 'Production', provider: 'aws' },
      role: 'write',
      sources: [
        {
          source: { type: 'grant', role: 'write', ...granted },
          role_without: 'readonly',
          how_to_remove: 'Remove the direct grant in Manage users',
        },
        {
          source: { type: 'group', role: 'readonly', group: group('g-ds', 'Data Science'), ...granted },
          role_without: 'write',
          how_to_remove: 'Remove them from Data Science',
        },
      ],
    },
    {
      cloud: { id: 'c-lab', name: 'Lab', provider: 'gcp' },
      role: 'readonly',
      sources: [
        {
          source: { type: 'group', role: 'readonly', group: group('g-ops', 'Ops'), ...granted },
          role_without: null,
          how_to_remove: 'Remove them from Ops',
        },
      ],
    },
  ],
  metadata: { total: 2, next_paging_token: null, previous_paging_token: null },
};

function serve(routes: Record<string, unknown>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const body = routes[new URL(input, 'http://roster.test').pathname];
      return body === undefined
        ? new Response(JSON.stringify({ error: { code: 'internal', message: 'Something broke.' } }), {
            status: 500,
          })
        : new Response(JSON.stringify(body), { status: 200 });
    }),
  );
}

function renderWith(ui: React.ReactNode) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Member › Access', () => {
  it('lists each cloud with the role, every source and what removing it alone would change', async () => {
    serve({ '/api/v2/organization_collaborators/m-ada/cloud_access': access });
    renderWith(<MemberAccess member={ada} isYou={false} />);
    const clouds = await screen.findByRole('list', { name: 'Clouds Ada Lovelace can use' });
    const [prod, lab] = within(clouds).getAllByRole('listitem');
    expect(within(prod!).getByRole('link', { name: 'Production' }).getAttribute('href')).toBe(
      '/clouds/c-prod',
    );

    const rowsOf = (item: HTMLElement) =>
      within(within(item).getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .map((cell) => cell.textContent),
        );
    expect(rowsOf(prod!)).toEqual([
      [
        expect.stringMatching(/^Granted Write by Olive Owner on .*Remove the direct grant in Manage users$/),
        'Write → Read only',
        'Remove the direct grant in Manage users',
      ],
      [
        'Read only via group Data ScienceRemove them from Data Science',
        'No change (Write)',
        'Remove them from Data Science',
      ],
    ]);
    expect(rowsOf(lab!)).toEqual([
      ['Read only via group OpsRemove them from Ops', 'Loses access', 'Remove them from Ops'],
    ]);
    expect(within(lab!).getByRole('link', { name: 'Ops' }).getAttribute('href')).toBe(
      '/settings/groups/g-ops',
    );
  });

  it('says when they can use no cloud, and shows a failure with a retry', async () => {
    serve({
      '/api/v2/organization_collaborators/m-ada/cloud_access': {
        ...access,
        results: [],
        metadata: { total: 0 },
      },
    });
    renderWith(<MemberAccess member={ada} isYou />);
    expect(await screen.findByText('No cloud access')).toBeTruthy();
    expect(screen.getByText(/^You can’t use any cloud/)).toBeTruthy();

    cleanup();
    serve({});
    renderWith(<MemberAccess member={ada} isYou={false} />);
    expect(await screen.findByText('Cloud access could not be loaded')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

describe('Member › Groups', () => {
  it('links each group to its page and marks directory groups', async () => {
    serve({
      '/api/v2/groups': {
        results: [group('g-ds', 'Data Science'), { ...group('g-eng', 'Engineering'), source: 'scim' }],
        metadata: { total: 2, next_paging_token: null },
      },
    });
    renderWith(<MemberGroups member={ada} />);
    const list = await screen.findByRole('list', { name: 'Groups of Ada Lovelace' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Data Science', '/settings/groups/g-ds'],
      ['EngineeringSCIM', '/settings/groups/g-eng'],
    ]);
  });
});
