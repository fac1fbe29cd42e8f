import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Collaborator, CollaboratorPage } from '#contract/members.ts';
import { MembersList } from './members-list.tsx';
import { MembersTable } from './members-table.tsx';
import { OwnersContact } from './owners-contact.tsx';
import { visibleRange } from './member-pagination.tsx';
import { MemberSearch } from './member-search.tsx';

const olive: Collaborator = {
  id: 'm-olive',
  user_id: 'u-olive',
  email: 'olive@acme.test',
  name: 'Olive Owner',
  permission_level: 'owner',
  base_role: 'owner',
  additional_roles: [],
  is_service_account: false,
  created_at: '2026-01-05T10:00:00.000Z',
  last_active_at: null,
  source: 'invited',
  last_sso_login_at: null,
};
const casey: Collaborator = {
  id: 'm-casey',
  user_id: 'u-casey',
  email: 'casey@acme.test',
  name: 'Casey Collaborator',
  permission_level: 'collaborator',
  base_role: 'collaborator',
  additional_roles: [],
  is_service_account: false,
  created_at: '2026-02-10T10:00:00.000Z',
  last_active_at: null,
  source: 'invited',
  last_sso_login_at: null,
};

function page(
  results: Collaborator[],
  metadata: Partial<CollaboratorPage['metadata']> = {},
): CollaboratorPage {
  return {
    results,
    metadata: { total: results.length, next_paging_token: null, previous_paging_token: null, ...metadata },
  };
}

/** The API as the browser sees it: answers by path + query, records each request. */
function serveApi(answer: (url: URL) => unknown) {
  const requests: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://roster.test');
      requests.push(url);
      const body = answer(url);
      const status = body instanceof Failure ? body.status : 200;
      return new Response(JSON.stringify(body instanceof Failure ? { error: body.error } : body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return requests;
}

class Failure {
  constructor(
    readonly status: number,
    readonly error: { code: string; message: string },
  ) {}
}

function renderAt(path: string, element: React.ReactNode) {
  const router = createMemoryRouter([{ path: '/settings/members', element }], { initialEntries: [path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('MembersTable', () => {
  it('shows each member read-only by default, marking who you are', () => {
    render(
      <MembersTable
        members={[olive, casey]}
        caption="Members of Acme"
        sort="name"
        onSortChange={() => undefined}
        currentMemberId="m-casey"
      />,
    );
    const table = screen.getByRole('table', { name: 'Members of Acme' });
    const oliveRow = within(table).getByRole('row', { name: /Olive Owner/ });
    expect(oliveRow.textContent).toContain('olive@acme.test');
    expect(within(oliveRow).getByText('Owner')).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Casey Collaborator/ }).textContent).toContain('You');
    expect(within(table).queryAllByRole('checkbox')).toHaveLength(0);
    expect(within(table).getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
  });

  it('renders the owner controls that the route passes in through its slots', () => {
    render(
      <MembersTable
        members={[olive, casey]}
        caption="Members"
        sort="name"
        onSortChange={() => undefined}
        selection={{
          header: (members) => <input type="checkbox" aria-label={`Select all ${members.length}`} />,
          cell: (member) => <input type="checkbox" aria-label={`Select ${member.name}`} />,
        }}
        renderRole={(member) => <button type="button">Change role of {member.name}</button>}
        actions={{
          label: 'Actions',
          cell: (member) => <button type="button">Actions for {member.name}</button>,
        }}
        isSelected={(member) => member.id === 'm-casey'}
      />,
    );
    expect(screen.getByRole('checkbox', { name: 'Select all 2' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Select Casey Collaborator' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change role of Olive Owner' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toBeTruthy();
    const caseyRow = screen.getByRole('row', { name: /Casey Collaborator/ });
    expect(caseyRow.getAttribute('data-selected')).toBe('true');
    expect(within(caseyRow).getByRole('button', { name: 'Actions for Casey Collaborator' })).toBeTruthy();
  });

  it('names the groups each member belongs to, under the name', () => {
    const inGroups: Collaborator = {
      ...casey,
      groups: [
        { id: 'g-data', name: 'Data Science' },
        { id: 'g-ops', name: 'Ops' },
      ],
    };
    render(
      <MembersTable
        members={[olive, inGroups]}
        caption="Members"
        sort="name"
        onSortChange={() => undefined}
      />,
    );
    const rows = screen.getAllByRole('row');
    const caseyRow = rows.find((row) => within(row).queryByText('Casey Collaborator'))!;
    expect(within(caseyRow).getByText('Data Science, Ops')).toBeTruthy();
    const oliveRow = rows.find((row) => within(row).queryByText('Olive Owner'))!;
    expect(within(oliveRow).queryByText('Groups:')).toBeNull();
  });

  it('flips the sort direction when the active column header is pressed again', () => {
    const onSortChange = vi.fn();
    render(<MembersTable members={[olive]} caption="Members" sort="name" onSortChange={onSortChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    fireEvent.click(screen.getByRole('button', { name: 'Joined' }));
    expect(onSortChange.mock.calls).toEqual([['-name'], ['created_at']]);
  });

  it('shows skeleton rows, not a spinner, while the first page loads', () => {
    render(<MembersTable members={undefined} caption="Members" sort="name" onSortChange={() => undefined} />);
    const table = screen.getByRole('table', { name: 'Members' });
    expect(table.getAttribute('aria-busy')).toBe('true');
    expect(within(table).getAllByRole('row')).toHaveLength(9);
  });
});

describe('MembersList', () => {
  it('says nothing matched the search, and Clear filters brings back the whole list', async () => {
    const requests = serveApi((url) => (url.searchParams.get('q') ? page([]) : page([olive, casey])));
    const router = renderAt(
      '/settings/members?q=zed&role=owner',
      <MembersList organizationName="Acme" currentMemberId="m-olive" />,
    );

    expect(await screen.findByText('No owners match “zed”')).toBeTruthy();
    expect(requests[0]!.searchParams.get('permission_level')).toBe('owner');
    expect(screen.queryByRole('table')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('row', { name: /Casey Collaborator/ })).toBeTruthy();
    expect(router.state.location.search).toBe('');
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('2 members');
  });

  it('says a capped search total is a floor: "1,000+ members found"', async () => {
    serveApi(() => page([olive, casey], { total: 1000, total_capped: true, next_paging_token: 'next-1' }));
    renderAt('/settings/members?q=son', <MembersList organizationName="Acme" currentMemberId="m-olive" />);
    expect(await screen.findByText('1,000+ members found')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Pagination' }).textContent).toContain(
      'Showing 1–2 of 1,000+',
    );
  });

  it('pages with the API tokens and shows which rows are on screen', async () => {
    const requests = serveApi((url) =>
      url.searchParams.get('paging_token') === 'next-1'
        ? page([casey], { total: 26, previous_paging_token: 'prev-2' })
        : page([olive], { total: 26, next_paging_token: 'next-1' }),
    );
    const router = renderAt(
      '/settings/members',
      <MembersList organizationName="Acme" currentMemberId="m-olive" />,
    );
    expect(await screen.findByText(/Showing/)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Pagination' }).textContent).toContain('Showing 1–1 of 26');

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('row', { name: /Casey Collaborator/ })).toBeTruthy();
    expect(router.state.location.search).toBe('?page=next-1');
    expect(requests.at(-1)!.searchParams.get('paging_token')).toBe('next-1');
    // The last page ends at the total, whatever the page size.
    expect(screen.getByRole('navigation', { name: 'Pagination' }).textContent).toContain(
      'Showing 26–26 of 26',
    );
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('MembersList source filter', () => {
  const sam: Collaborator = { ...casey, id: 'm-sam', user_id: 'u-sam', name: 'Sam Sso', source: 'sso_jit' };
  const dina: Collaborator = {
    ...casey,
    id: 'm-dina',
    user_id: 'u-dina',
    name: 'Dina Directory',
    source: 'scim',
  };

  it('shows each member’s source, filters by it through the URL and starts again from the first page', async () => {
    const requests = serveApi((url) => {
      const source = url.searchParams.get('source');
      if (source === 'sso_jit') return page([sam]);
      return page([olive, sam, dina], { total: 30, next_paging_token: 'next-1' });
    });
    const router = renderAt(
      '/settings/members?page=next-0',
      <MembersList organizationName="Acme" currentMemberId="m-olive" />,
    );
    const samRow = await screen.findByRole('row', { name: /Sam Sso/ });
    const table = screen.getByRole('table', { name: 'Members of Acme' });
    expect(within(table).getByRole('columnheader', { name: 'Source' })).toBeTruthy();
    expect(within(samRow).getByText('SSO just-in-time')).toBeTruthy();
    expect(within(samRow).getByText('JIT').getAttribute('title')).toMatch(/first sign-in/);
    expect(
      within(within(table).getByRole('row', { name: /Dina Directory/ })).getAllByText('SCIM'),
    ).toHaveLength(2);
    expect(within(within(table).getByRole('row', { name: /Olive Owner/ })).getByText('Invited')).toBeTruthy();

    const select = screen.getByRole('combobox', { name: 'Source' }) as HTMLSelectElement;
    expect([...select.options].map((option) => option.text)).toEqual([
      'All sources',
      'Invited',
      'SSO just-in-time',
      'SCIM',
    ]);
    fireEvent.change(select, { target: { value: 'sso_jit' } });
    expect(await screen.findByText('1 member found')).toBeTruthy();
    // A paging token belongs to the filters it was minted for: a new filter starts at the first page.
    expect(router.state.location.search).toBe('?source=sso_jit');
    expect(requests.at(-1)!.searchParams.get('source')).toBe('sso_jit');
    expect(requests.at(-1)!.searchParams.has('paging_token')).toBe(false);
    expect(screen.queryByRole('row', { name: /Dina Directory/ })).toBeNull();
  });

  it('reads the source from a shared link, says when none match, and Clear filters drops it', async () => {
    const requests = serveApi((url) =>
      url.searchParams.get('source') === 'scim' ? page([]) : page([olive]),
    );
    const router = renderAt(
      '/settings/members?source=scim&role=collaborator',
      <MembersList organizationName="Acme" currentMemberId="m-olive" />,
    );
    expect(await screen.findByText('No collaborators from SCIM')).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Source' }) as HTMLSelectElement).value).toBe('scim');
    expect(requests[0]!.searchParams.get('source')).toBe('scim');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('row', { name: /Olive Owner/ })).toBeTruthy();
    expect(router.state.location.search).toBe('');
  });

  it('ignores a source it does not know', async () => {
    const requests = serveApi(() => page([olive]));
    renderAt(
      '/settings/members?source=ldap',
      <MembersList organizationName="Acme" currentMemberId="m-olive" />,
    );
    expect(await screen.findByRole('row', { name: /Olive Owner/ })).toBeTruthy();
    expect(requests[0]!.searchParams.has('source')).toBe(false);
  });
});

describe('MembersList when the API fails', () => {
  it('shows the error with Retry, and Retry loads the list', async () => {
    let calls = 0;
    serveApi(() =>
      ++calls === 1
        ? new Failure(500, { code: 'internal_error', message: 'Something went wrong on our side.' })
        : page([olive]),
    );
    renderAt('/settings/members', <MembersList organizationName="Acme" currentMemberId="m-olive" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Members could not be loaded');
    expect(alert.textContent).toContain('Something went wrong on our side.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('row', { name: /Olive Owner/ })).toBeTruthy();
  });

  it('offers the first page when a shared page link no longer fits the list', async () => {
    serveApi((url) =>
      url.searchParams.get('paging_token')
        ? new Failure(400, {
            code: 'invalid_paging_token',
            message: 'The paging_token is not valid for this list.',
          })
        : page([olive]),
    );
    const router = renderAt(
      '/settings/members?sort=email&page=stale',
      <MembersList organizationName="Acme" currentMemberId="m-olive" />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Go to the first page' }));
    expect(await screen.findByRole('row', { name: /Olive Owner/ })).toBeTruthy();
    expect(router.state.location.search).toBe('?sort=email');
  });
});

describe('OwnersContact', () => {
  it('names the owners a collaborator can ask, with a mail link each', async () => {
    const owners = ['Olive Owner', 'Omar Owner', 'Ola Owner', 'Otto Owner'].map((name, index) => ({
      ...olive,
      id: `o${index}`,
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@acme.test`,
    }));
    serveApi(() => page(owners, { total: 5 }));
    renderAt('/settings/members', <OwnersContact />);
    const line = await screen.findByText(/Ask an owner —/);
    expect(line.textContent).toBe(
      'You have read-only access. Ask an owner — Olive Owner, Omar Owner, Ola Owner or 2 other owners — to change roles or invite people.',
    );
    expect(screen.getByRole('link', { name: 'Omar Owner' }).getAttribute('href')).toBe(
      'mailto:omar@acme.test',
    );
  });
});

describe('MemberSearch', () => {
  it('commits once, 300 ms after the last keystroke, trimmed', () => {
    vi.useFakeTimers();
    const onSearch = vi.fn();
    render(<MemberSearch value="" onSearch={onSearch} />);
    const box = screen.getByRole('searchbox');
    for (const text of ['a', 'ad', 'ada ']) fireEvent.change(box, { target: { value: text } });
    act(() => vi.advanceTimersByTime(299));
    expect(onSearch).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onSearch.mock.calls).toEqual([['ada']]);
    expect((box as HTMLInputElement).value).toBe('ada ');
  });

  it('keeps letters typed after a commit when the committed value comes back from the URL', () => {
    vi.useFakeTimers();
    const onSearch = vi.fn();
    const { rerender } = render(<MemberSearch value="" onSearch={onSearch} />);
    const box = screen.getByRole('searchbox') as HTMLInputElement;
    fireEvent.change(box, { target: { value: 'ad' } });
    act(() => vi.advanceTimersByTime(300));
    fireEvent.change(box, { target: { value: 'ada' } });
    rerender(<MemberSearch value="ad" onSearch={onSearch} />);
    expect(box.value).toBe('ada');
    // A change from elsewhere (Clear filters, Back) does replace the text.
    rerender(<MemberSearch value="" onSearch={onSearch} />);
    expect(box.value).toBe('');
  });

  it('keeps letters when an older commit comes back from the URL after a newer one was made', () => {
    vi.useFakeTimers();
    const onSearch = vi.fn();
    const { rerender } = render(<MemberSearch value="" onSearch={onSearch} />);
    const box = screen.getByRole('searchbox') as HTMLInputElement;
    fireEvent.change(box, { target: { value: 'quin' } });
    act(() => vi.advanceTimersByTime(300));
    fireEvent.change(box, { target: { value: 'quinc' } });
    act(() => vi.advanceTimersByTime(300));
    expect(onSearch.mock.calls).toEqual([['quin'], ['quinc']]);
    fireEvent.change(box, { target: { value: 'quincy' } });
    // The navigation for "quin" lands only now (its loader was slow), then the one for "quinc".
    rerender(<MemberSearch value="quin" onSearch={onSearch} />);
    expect(box.value).toBe('quincy');
    rerender(<MemberSearch value="quinc" onSearch={onSearch} />);
    expect(box.value).toBe('quincy');
    act(() => vi.advanceTimersByTime(300));
    expect(onSearch.mock.calls.at(-1)).toEqual(['quincy']);
    rerender(<MemberSearch value="quincy" onSearch={onSearch} />);
    // Back to an earlier search is still a change from elsewhere.
    rerender(<MemberSearch value="quin" onSearch={onSearch} />);
    expect(box.value).toBe('quin');
  });
});

describe('visibleRange', () => {
  const meta = (previous: boolean, next: boolean) => ({
    total: 60,
    previous_paging_token: previous ? 'p' : null,
    next_paging_token: next ? 'n' : null,
  });
  it('is exact on the first and last pages and uses the carried offset in between', () => {
    expect(visibleRange(meta(false, true), 25)).toEqual({ from: 1, to: 25 });
    expect(visibleRange(meta(true, false), 10)).toEqual({ from: 51, to: 60 });
    expect(visibleRange(meta(true, true), 25, 25)).toEqual({ from: 26, to: 50 });
    expect(visibleRange(meta(true, true), 25)).toBeNull();
  });
});

describe('MembersList SSO sign-in', () => {
  const sid: Collaborator = {
    ...casey,
    id: 'm-sid',
    user_id: 'u-sid',
    name: 'Sid Signed',
    last_sso_login_at: '2026-06-01T09:30:00.000Z',
  };

  it('marks who signed in with SSO, and filters on it through the URL where the organization uses SSO', async () => {
    const requests = serveApi((url) => {
      const sso = url.searchParams.get('sso');
      if (sso === 'true') return page([sid]);
      if (sso === 'false') return page([]);
      return page([olive, sid], { total: 30, next_paging_token: 'next-1' });
    });
    const router = renderAt(
      '/settings/members?page=next-0',
      <MembersList organizationName="Acme" currentMemberId="m-olive" ssoEnabled />,
    );
    const sidRow = await screen.findByRole('row', { name: /Sid Signed/ });
    expect(within(sidRow).getByText('SSO').getAttribute('title')).toMatch(/^Signs in with SSO: last on /);
    expect(within(screen.getByRole('row', { name: /Olive Owner/ })).queryByText('SSO')).toBeNull();

    const select = screen.getByRole('combobox', { name: 'SSO sign-in' }) as HTMLSelectElement;
    expect([...select.options].map((option) => option.text)).toEqual([
      'Any sign-in',
      'Signed in with SSO',
      'Never signed in with SSO',
    ]);
    fireEvent.change(select, { target: { value: 'yes' } });
    expect(await screen.findByText('1 member found')).toBeTruthy();
    expect(router.state.location.search).toBe('?sso=yes');
    expect(requests.at(-1)!.searchParams.get('sso')).toBe('true');
    expect(requests.at(-1)!.searchParams.has('paging_token')).toBe(false);

    fireEvent.change(select, { target: { value: 'no' } });
    expect(await screen.findByText('Every member has signed in with SSO')).toBeTruthy();
    expect(requests.at(-1)!.searchParams.get('sso')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('row', { name: /Olive Owner/ })).toBeTruthy();
    expect(router.state.location.search).toBe('');
  });

  it('offers no SSO filter where the organization has no SSO, unless a link already filters on it', async () => {
    serveApi(() => page([olive]));
    renderAt('/settings/members', <MembersList organizationName="Acme" currentMemberId="m-olive" />);
    await screen.findByRole('row', { name: /Olive Owner/ });
    expect(screen.queryByRole('combobox', { name: 'SSO sign-in' })).toBeNull();
    cleanup();

    const requests = serveApi(() => page([olive]));
    renderAt('/settings/members?sso=no', <MembersList organizationName="Acme" currentMemberId="m-olive" />);
    await screen.findByRole('row', { name: /Olive Owner/ });
    expect((screen.getByRole('combobox', { name: 'SSO sign-in' }) as HTMLSelectElement).value).toBe('no');
    expect(requests[0]!.searchParams.get('sso')).toBe('false');
  });
});
