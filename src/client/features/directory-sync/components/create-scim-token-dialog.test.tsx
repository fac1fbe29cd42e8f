import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../../../lib/query-client.ts';
import { toast } from '../../../lib/toast.ts';
import { CreateScimTokenDialog } from './create-scim-token-dialog.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function renderDialog(
  onOpenChange: (open: boolean) => void = () => undefined,
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } }),
) {
  render(
    <QueryClientProvider client={client}>
      <CreateScimTokenDialog open onOpenChange={onOpenChange} />
    </QueryClientProvider>,
  );
}

const created = {
  id: 't1',
  name: 'Okta',
  token: 'rscim_thesecretvalue',
  created_at: new Date().toISOString(),
};

describe('creating a SCIM token', () => {
  it('sends the trimmed name and shows the token once, with Copy and a warning', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ result: created }), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    renderDialog();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '  Okta ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const token = (await screen.findByLabelText('SCIM token Okta')) as HTMLInputElement;
    expect(token.value).toBe('rscim_thesecretvalue');
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toMatch(/will not be shown again/);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toMatch(/\/api\/v2\/scim_tokens$/);
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ name: 'Okta' });
  });

  it('copies the token to the clipboard', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ result: created }), { status: 201 })),
    );
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderDialog();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Okta' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy token' }));
    expect(await screen.findByText('Copied')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('rscim_thesecretvalue');
  });

  it('shows a missing name under the field without asking the server', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderDialog();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const name = screen.getByLabelText('Name');
    expect(screen.getByText('Name the token.')).toBeTruthy();
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
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Okta' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const error = await screen.findByText('Must not contain control characters');
    expect(screen.getByLabelText('Name').getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.queryByLabelText('SCIM token Okta')).toBeNull();
  });

  it('says a refusal in the dialog only, not in a toast as well', async () => {
    const error = vi.spyOn(toast, 'error');
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: 'session_required', message: 'Use a session.' } }), {
            status: 403,
          }),
      ),
    );
    // The console's own client, which toasts a failed mutation unless its component says it.
    renderDialog(undefined, createQueryClient({ onUnauthenticated: () => undefined }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Okta' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Use a session.');
    expect(error).not.toHaveBeenCalled();
  });
});
