import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { SsoDiscovery } from '../../../../contract/sso.ts';
import { ForgotPasswordForm } from './forgot-password-form.tsx';
import { SignInForm } from './sign-in-form.tsx';

type Call = { path: string; body: unknown };

function serveApi(answer: (call: Call) => { status?: number; body: unknown }) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const call = {
        path: new URL(input, 'http://roster.test').pathname.replace('/api/v2', ''),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(call);
      const { status = 200, body } = answer(call);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

function renderWithClient(element: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MemoryRouter>
      <QueryClientProvider client={client}>{element}</QueryClientProvider>
    </MemoryRouter>,
  );
}

const discovery = (required: boolean): SsoDiscovery => ({
  sso: {
    organization_id: 'org1',
    organization_name: 'Globex',
    login_url: '/api/v2/sso/org1/login?email=carl%40globex.test',
    required,
  },
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Types the address and leaves the field, as a person moving on to the next one does. */
function enterEmail(value: string) {
  const email = screen.getByLabelText('Email');
  fireEvent.change(email, { target: { value } });
  fireEvent.blur(email);
}

describe('sign-in, email first', () => {
  it('keeps the password form for an address without SSO', async () => {
    const calls = serveApi(() => ({ body: { sso: null } }));
    renderWithClient(<SignInForm onSignedIn={() => undefined} />);
    enterEmail('Ada@Acme.test');
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('/auth/sso_discovery'));
    expect(calls[0]!.body).toEqual({ email: 'ada@acme.test' });
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Continue with SSO' })).toBeNull();
  });

  it('offers Continue with SSO beside the password where SSO is optional, and it goes to the IdP coming back to next', async () => {
    serveApi(() => ({ body: discovery(false) }));
    const goTo = vi.fn();
    renderWithClient(<SignInForm onSignedIn={() => undefined} next="/clouds" goTo={goTo} />);
    enterEmail('carl@globex.test');
    fireEvent.click(await screen.findByRole('button', { name: 'Continue with SSO' }));
    expect(goTo).toHaveBeenCalledWith('/api/v2/sso/org1/login?email=carl%40globex.test&next=%2Fclouds');
    expect(screen.getByText('Globex offers sign-in with SSO.')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('where SSO is required, offers no password field, says why, and keeps a break-glass for owners', async () => {
    const calls = serveApi((call) =>
      call.path === '/sessions' ? { body: { result: { id: 'm1' } } } : { body: discovery(true) },
    );
    const goTo = vi.fn();
    const onSignedIn = vi.fn();
    renderWithClient(<SignInForm onSignedIn={onSignedIn} goTo={goTo} />);
    enterEmail('carl@globex.test');
    expect(await screen.findByText('Your organization signs in with SSO.')).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    // Enter in the email field goes to the identity provider.
    fireEvent.submit(screen.getByLabelText('Email').closest('form')!);
    expect(goTo).toHaveBeenCalledWith('/api/v2/sso/org1/login?email=carl%40globex.test');

    fireEvent.click(screen.getByRole('button', { name: 'Sign in with your password (break-glass)' }));
    const password = screen.getByLabelText('Password');
    expect(document.activeElement).toBe(password);
    fireEvent.change(password, { target: { value: 'owner password here' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(calls.find((call) => call.path === '/sessions')!.body).toEqual({
      email: 'carl@globex.test',
      password: 'owner password here',
    });
  });

  it("shows the server's sso_required refusal of a collaborator's password", async () => {
    serveApi((call) =>
      call.path === '/sessions'
        ? {
            status: 403,
            body: { error: { code: 'sso_required', message: 'Your organization signs in with SSO.' } },
          }
        : { body: discovery(true) },
    );
    renderWithClient(<SignInForm onSignedIn={() => undefined} goTo={() => undefined} />);
    enterEmail('carl@globex.test');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in with your password (break-glass)' }));
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'collaborator password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your organization signs in with SSO. Use Continue with SSO.',
    );
  });
});

describe('forgot password where SSO is required', () => {
  it('says there is no password to reset and points to SSO', async () => {
    serveApi(() => ({
      status: 403,
      body: { error: { code: 'sso_required', message: 'Your organization signs in with SSO.' } },
    }));
    renderWithClient(<ForgotPasswordForm />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'carl@globex.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your organization signs in with SSO.');
    expect(alert.textContent).toContain('There is no Roster password to reset');
    expect(screen.getByRole('link', { name: 'Continue with SSO' }).getAttribute('href')).toBe('/login');
  });
});
