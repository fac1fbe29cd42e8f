import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ApiKey } from '#contract/api-keys.ts';
import { ApiKeyExpiry } from './api-key-expiry.tsx';
import { CreateApiKeyDialog } from './create-api-key-dialog.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const day = 24 * 3600 * 1000;

function key(expiresInMs: number | null): ApiKey {
  return {
    id: 'k1',
    name: 'deploy bot',
    prefix: 'rst_abcd',
    created_at: new Date(Date.now() - 80 * day).toISOString(),
    last_used_at: null,
    last_used_ip: null,
    expires_at: expiresInMs === null ? null : new Date(Date.now() + expiresInMs).toISOString(),
  };
}

describe('the Expires cell', () => {
  it('reminds in the last week before expiry', () => {
    render(<ApiKeyExpiry apiKey={key(3 * day)} />);
    expect(screen.getByText('Expires in 3 days')).toBeTruthy();
  });

  it('says nothing extra a month ahead', () => {
    render(<ApiKeyExpiry apiKey={key(30 * day)} />);
    expect(screen.queryByText(/^Expires/)).toBeNull();
    expect(screen.queryByText('Expired')).toBeNull();
  });

  it('marks an expired key', () => {
    render(<ApiKeyExpiry apiKey={key(-2 * day)} />);
    expect(screen.getByText('Expired')).toBeTruthy();
  });

  it('shows Never for a key without expiry', () => {
    render(<ApiKeyExpiry apiKey={key(null)} />);
    expect(screen.getByText('Never')).toBeTruthy();
  });
});

function renderDialog() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CreateApiKeyDialog open onOpenChange={() => undefined} />
    </QueryClientProvider>,
  );
}

describe('creating a key', () => {
  it('sends the chosen expiry, 90 days unless changed', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            result: {
              id: 'k1',
              name: 'ci',
              token: 'rst_secret',
              created_at: new Date().toISOString(),
              expires_at: new Date(Date.now() + 365 * day).toISOString(),
            },
          }),
          { status: 201 },
        ),
    );
    vi.stubGlobal('fetch', fetch);
    renderDialog();
    expect((screen.getByLabelText('90 days') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'ci' } });
    fireEvent.click(screen.getByLabelText('1 year'));
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    await screen.findByText(/It expires on/);
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ name: 'ci', expires_in_days: 365 });
  });

  it('shows a missing name under the field without asking the server', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    const name = screen.getByLabelText('Name');
    expect(screen.getByText('Name the key.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows the server's refusal of the name under the field", async () => {
    const message = 'Invalid body: name: must not contain control characters';
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: 'validation_failed', message, detail: message } }), {
            status: 400,
          }),
      ),
    );
    renderDialog();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'ci' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    const error = await screen.findByText('Must not contain control characters');
    expect(screen.getByLabelText('Name').getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
