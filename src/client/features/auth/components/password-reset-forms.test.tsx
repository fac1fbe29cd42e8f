import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { invalidResetTokenMessage, passwordResetRequestedMessage } from '#contract/credentials.ts';
import { ForgotPasswordForm } from './forgot-password-form.tsx';
import { ResetPasswordForm } from './reset-password-form.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderWithClient(element: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MemoryRouter>
      <QueryClientProvider client={client}>{element}</QueryClientProvider>
    </MemoryRouter>,
  );
}

function answer(status: number, body?: unknown) {
  const fetch = vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('forgot password', () => {
  it("shows the server's one answer, whatever the address", async () => {
    const fetch = answer(202, { result: { message: passwordResetRequestedMessage } });
    renderWithClient(<ForgotPasswordForm />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: ' Fern@Acme.test ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect((await screen.findByRole('status')).textContent).toBe(passwordResetRequestedMessage);
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ email: 'fern@acme.test' });
  });

  it('asks for an address before sending anything', () => {
    const fetch = answer(202, {});
    renderWithClient(<ForgotPasswordForm />);
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(screen.getByText('Enter the email address you sign in with.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('reset password', () => {
  const preview = { email: 'fern@acme.test', expires_at: new Date(Date.now() + 1_800_000).toISOString() };

  it('a link used up meanwhile turns into the one generic answer with a way to ask again', async () => {
    answer(400, {
      error: {
        code: 'invalid_reset_token',
        message: invalidResetTokenMessage,
        detail: invalidResetTokenMessage,
      },
    });
    const onReset = vi.fn();
    renderWithClient(<ResetPasswordForm token="t" preview={preview} onReset={onReset} />);
    fireEvent.change(screen.getByLabelText('New password'), {
      target: { value: 'quartz lantern hobbit drizzle' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('alert')).textContent).toBe(invalidResetTokenMessage);
    expect(screen.getByRole('link', { name: 'Send me a new link' }).getAttribute('href')).toBe(
      '/forgot-password',
    );
    expect(onReset).not.toHaveBeenCalled();
  });

  it('a password the server refuses is shown under the field', async () => {
    const message = 'Invalid body: password: This is similar to a commonly used password.';
    answer(400, { error: { code: 'validation_failed', message, detail: message } });
    renderWithClient(<ResetPasswordForm token="t" preview={preview} onReset={() => undefined} />);
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'fern@acme.test1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    await screen.findByText('This is similar to a commonly used password.');
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
  });

  it('success hands over to sign-in', async () => {
    answer(204);
    const onReset = vi.fn();
    renderWithClient(<ResetPasswordForm token="t" preview={preview} onReset={onReset} />);
    fireEvent.change(screen.getByLabelText('New password'), {
      target: { value: 'quartz lantern hobbit drizzle' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    await vi.waitFor(() => expect(onReset).toHaveBeenCalled());
  });
});
