import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { DirectorySyncPage } from './directory-sync-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPage(response: () => Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => response()),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <DirectorySyncPage />
    </QueryClientProvider>,
  );
}

const list = (results: unknown[]) =>
  new Response(
    JSON.stringify({
      results,
      metadata: { total: results.length },
      endpoint: 'https://roster.example.com/scim/v2',
    }),
    { status: 200 },
  );

describe('the Directory sync page', () => {
  it('shows the endpoint to copy and, without tokens, an empty state offering to create one', async () => {
    renderPage(() => list([]));
    expect(await screen.findByText('No SCIM tokens yet')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'SCIM endpoint URL' }) as HTMLInputElement).value).toBe(
      'https://roster.example.com/scim/v2',
    );
    expect(screen.getByRole('button', { name: 'Copy URL' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Create token' })).toHaveLength(1);
  });

  it('lists tokens with their prefix and when they were last used', async () => {
    renderPage(() =>
      list([
        {
          id: 't1',
          name: 'Okta',
          prefix: 'rscim_ab12cd',
          created_at: new Date(Date.now() - 3600_000).toISOString(),
          last_used_at: null,
        },
      ]),
    );
    const row = await screen.findByRole('row', { name: /Okta/ });
    expect(row.textContent).toContain('rscim_ab12cd…');
    expect(row.textContent).toContain('Never');
    expect(screen.getByRole('button', { name: 'Revoke Okta (rscim_ab12cd…)' })).toBeTruthy();
  });

  it('says when the tokens could not be loaded, with a retry', async () => {
    renderPage(
      () =>
        new Response(JSON.stringify({ error: { code: 'internal', message: 'Boom', detail: null } }), {
          status: 500,
        }),
    );
    expect(await screen.findByText('SCIM tokens could not be loaded')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Try again|Retry/ })).toBeTruthy();
  });
});
