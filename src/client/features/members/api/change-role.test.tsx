import * as React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Collaborator, CollaboratorPage } from '#contract/members.ts';
import { useChangeRoleMutation } from './change-role.ts';
import { memberQueries } from './member-queries.ts';

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
  ...olive,
  id: 'm-casey',
  user_id: 'u-casey',
  name: 'Casey',
  email: 'c@acme.test',
  permission_level: 'collaborator',
  base_role: 'collaborator',
  additional_roles: [],
  is_service_account: false,
};

const page = (results: Collaborator[]): CollaboratorPage => ({
  results,
  metadata: { total: results.length, next_paging_token: null, previous_paging_token: null },
});

/** The server: PATCH answers after `release()` with `status`; list reads answer what the server holds. */
function serveApi(status: number) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      if (init?.method === 'PATCH') {
        await released;
        const body =
          status === 200
            ? { result: { ...casey, permission_level: 'owner' } }
            : {
                error: {
                  code: 'forbidden',
                  message: 'Only organization owners can do this.',
                  detail: 'Only organization owners can do this.',
                },
              };
        return new Response(JSON.stringify(body), { status });
      }
      // After the change settles the lists are refetched; answer them as the server would.
      const url = new URL(input, 'http://roster.test');
      const caseyNow = {
        ...casey,
        permission_level: status === 200 ? 'owner' : 'collaborator',
      } as Collaborator;
      const all = [olive, caseyNow];
      const owners = url.searchParams.get('permission_level') === 'owner';
      return new Response(
        JSON.stringify(page(owners ? all.filter((m) => m.permission_level === 'owner') : all)),
      );
    }),
  );
  return release;
}

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const listKey = memberQueries.list({}).queryKey;
  client.setQueryData(listKey, page([olive, casey]));
  client.setQueryData(memberQueries.owners().queryKey, page([olive]));
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const { result } = renderHook(() => useChangeRoleMutation(), { wrapper });
  const roleInList = () =>
    client.getQueryData(listKey)?.results.find((m) => m.id === casey.id)?.permission_level;
  const ownerCount = () => client.getQueryData(memberQueries.owners().queryKey)?.metadata.total;
  return { result, roleInList, ownerCount };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('changing a role', () => {
  it('shows the new role at once, in the list and the owners count, before the server answers', async () => {
    const release = serveApi(200);
    const { result, roleInList, ownerCount } = setup();
    act(() => result.current.mutate({ member: casey, permission_level: 'owner' }));
    await waitFor(() => expect(roleInList()).toBe('owner'));
    expect(ownerCount()).toBe(2);
    release();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(roleInList()).toBe('owner');
  });

  it('rolls back the moment the server refuses, before any refetch', async () => {
    const release = serveApi(403);
    const { result, roleInList, ownerCount } = setup();
    act(() => result.current.mutate({ member: casey, permission_level: 'owner' }));
    await waitFor(() => expect(roleInList()).toBe('owner'));

    // Block the refetch that follows, so only the rollback can restore the old role.
    vi.mocked(fetch).mockImplementation(() => new Promise(() => {}));
    release();
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.message).toBe('Only organization owners can do this.');
    expect(roleInList()).toBe('collaborator');
    expect(ownerCount()).toBe(1);
  });
});
