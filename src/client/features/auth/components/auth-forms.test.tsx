import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SetupForm } from './setup-form.tsx';
import { SignInForm } from './sign-in-form.tsx';

function renderWithClient(element: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={client}>{element}</QueryClientProvider>);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('focus after a failed submit', () => {
  it('setup: focus lands on the first field to fix', () => {
    renderWithClient(<SetupForm onDone={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Organization name'), { target: { value: 'Acme' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create organization' }));
    const name = screen.getByLabelText('Your name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
  });

  it('sign-in: a refused pair puts focus in the password field', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ error: { code: 'invalid_credentials', message: 'Wrong email or password.' } }),
            { status: 401 },
          ),
      ),
    );
    renderWithClient(<SignInForm onSignedIn={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'a@b.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Sign in' }).closest('form')!);
    await screen.findByText('Wrong email or password.');
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
  });
});
