import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { UserInfo } from '#contract/auth.ts';
import { ChangePasswordForm } from './change-password-form.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const user = {
  email: 'casey@acme.test',
  name: 'Casey',
  organization: { id: 'o1', name: 'Acme', sso_enabled: false },
} as UserInfo;

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status })),
  );
}

function submit(current: string, next: string) {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <ChangePasswordForm user={user} />
    </QueryClientProvider>,
  );
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('changing the password', () => {
  it('a wrong current password is shown under that field, and focus goes there', async () => {
    const message = 'Your current password is not right.';
    answer(400, { error: { code: 'wrong_password', message, detail: message } });
    submit('old guess', 'quartz lantern hobbit drizzle');
    const error = await screen.findByText(message);
    const current = screen.getByLabelText('Current password');
    expect(current.getAttribute('aria-describedby')).toBe(error.id);
    expect(document.activeElement).toBe(current);
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBeNull();
  });

  it('an empty current password is asked for before anything is sent', () => {
    answer(200, {});
    submit('', 'quartz lantern hobbit drizzle');
    expect(screen.getByText('Enter your current password.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('on success the form empties and says how many other sessions ended', async () => {
    answer(200, { result: { signed_out_sessions: 2 } });
    submit('my old password', 'quartz lantern hobbit drizzle');
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Password changed.');
    expect(status.textContent).toContain('Your 2 other sessions were signed out; you stay signed in here.');
    expect((screen.getByLabelText('Current password') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });
});
