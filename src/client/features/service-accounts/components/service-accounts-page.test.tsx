import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../../../lib/query-client.ts';
import { toast } from '../../../lib/toast.ts';
import { ServiceAccountsPage } from './service-accounts-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const account = {
  id: 'sa1',
  user_id: 'u1',
  email: 'ci-deployer.1@service-accounts.invalid',
  name: 'ci-deployer',
  permission_level: 'collaborator',
  created_at: new Date().toISOString(),
  is_service_account: true,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const failure = (status: number, message: string) =>
  json(status, { error: { code: status >= 500 ? 'internal' : 'conflict', message } });

function renderPage(answer: (url: string, init?: RequestInit) => Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => answer(String(url), init)),
  );
  // The console's own client: mutations toast by default, failed loads retry.
  const client = createQueryClient({ onUnauthenticated: () => undefined });
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  render(
    <QueryClientProvider client={client}>
      <ServiceAccountsPage onRemove={() => undefined} />
    </QueryClientProvider>,
  );
}

describe('the Service accounts page when requests fail', () => {
  it('says which list could not be loaded, with a retry', async () => {
    renderPage(() => failure(503, 'The database is not reachable right now.'));
    expect(await screen.findByText('Service accounts could not be loaded')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it("says inside the account's card that its keys could not be loaded, and retries them", async () => {
    let keyLoads = 0;
    renderPage((url) => {
      if (url.includes('/api_keys')) {
        keyLoads++;
        return keyLoads === 1
          ? failure(500, 'Something went wrong.')
          : json(200, { results: [], metadata: { total: 0 } });
      }
      return json(200, { results: [account], metadata: { total: 1, next_paging_token: null } });
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The keys of ci-deployer could not be loaded.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No keys.')).toBeTruthy();
  });

  it('says a failed creation once, naming what failed', async () => {
    const error = vi.spyOn(toast, 'error');
    renderPage((url, init) =>
      init?.method === 'POST'
        ? failure(409, 'A service account with this name exists.')
        : json(200, { results: [], metadata: { total: 0, next_paging_token: null } }),
    );
    await screen.findByText('No service accounts yet');
    fireEvent.change(screen.getByLabelText('Service account name'), { target: { value: 'ci-deployer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create service account' }));
    await waitFor(() => expect(error).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(error.mock.calls).toEqual([
      ['Could not create the service account', 'A service account with this name exists.'],
    ]);
  });
});
