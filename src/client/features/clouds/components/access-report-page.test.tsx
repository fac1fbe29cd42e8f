import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { CloudAccessReport } from '#contract/clouds.ts';
import { AccessReportPage } from './access-report-page.tsx';

const olive = { id: 'm-olive', user_id: 'u-olive', name: 'Olive Owner', email: 'olive@acme.test' };
const granted = { granted_by: { ...olive, removed: false }, granted_at: '2026-05-03T10:00:00.000Z' };
const dataScience = { id: 'g-ds', name: 'Data Science', source: 'manual' as const };

const report: CloudAccessReport = {
  cloud: { id: 'c1', name: 'Research' },
  generated_at: '2026-06-01T09:00:00.000Z',
  results: [
    {
      id: 'm-ada',
      user_id: 'u-ada',
      name: 'Ada Lovelace',
      email: 'ada@acme.test',
      permission_level: 'collaborator',
      role: 'write',
      sources: [
        { type: 'grant', role: 'write', ...granted },
        { type: 'group', role: 'readonly', group: dataScience, ...granted },
      ],
      last_workload_created_at: '2026-05-30T08:00:00.000Z',
      workloads_created: 3,
    },
    {
      ...olive,
      permission_level: 'owner',
      role: 'owner',
      sources: [{ type: 'organization_owner', role: 'owner' }],
      last_workload_created_at: null,
      workloads_created: 0,
    },
  ],
  metadata: { total: 2, next_paging_token: null, previous_paging_token: null },
};

function serve(respond: () => Response) {
  const fetch = vi.fn(async () => respond());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderReport() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <AccessReportPage cloudId="c1" linkGroups />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Access report', () => {
  it('lists each person with role, every source and last activity, and offers the CSV', async () => {
    serve(() => new Response(JSON.stringify(report), { status: 200 }));
    renderReport();
    expect(await screen.findByRole('heading', { name: 'Access report: Research' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/^2 people with access · as of /);

    const row = (name: string) => screen.getAllByRole('row').find((r) => within(r).queryByText(name))!;
    const ada = row('Ada Lovelace');
    expect(within(ada).getByText('Write')).toBeTruthy();
    // Sources show twice (folded in the person cell on phones, and in their own column).
    const sources = (r: HTMLElement) =>
      within(r)
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    const adaSources = [
      expect.stringMatching(/^Granted Write by Olive Owner on /),
      'Read only via group Data Science',
    ];
    expect(sources(ada)).toEqual([...adaSources, ...adaSources]);
    const groupLinks = within(ada).getAllByRole('link', { name: 'Data Science' });
    expect(groupLinks[0]!.getAttribute('href')).toBe('/settings/groups/g-ds');
    expect(within(ada).getAllByText('3 workloads in all').length).toBeGreaterThan(0);

    const owner = row('Olive Owner');
    expect(sources(owner)).toEqual(['Organization owner (implicit)', 'Organization owner (implicit)']);
    expect(within(owner).getAllByText('No workloads yet').length).toBeGreaterThan(0);

    const csv = screen.getByRole('link', { name: 'Download CSV' });
    expect(csv.getAttribute('href')).toBe('/api/v2/clouds/c1/access_report/export');
    expect(csv.hasAttribute('download')).toBe(true);
  });

  it('says so when nobody has access', async () => {
    serve(
      () => new Response(JSON.stringify({ ...report, results: [], metadata: { total: 0 } }), { status: 200 }),
    );
    renderReport();
    expect(await screen.findByText('Nobody has access')).toBeTruthy();
  });

  it('tells a missing cloud apart from a failure, and retries a failure', async () => {
    const fetch = serve(
      () =>
        new Response(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong.' } }), {
          status: 500,
        }),
    );
    renderReport();
    expect(await screen.findByText('The report could not be built')).toBeTruthy();
    fetch.mockImplementation(async () => new Response(JSON.stringify(report), { status: 200 }));
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy();

    cleanup();
    serve(
      () =>
        new Response(JSON.stringify({ error: { code: 'not_found', message: 'This cloud was not found.' } }), {
          status: 404,
        }),
    );
    renderReport();
    expect(await screen.findByText('Cloud not found')).toBeTruthy();
  });
});
