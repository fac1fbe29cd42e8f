import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { SetupForm } from './setup-form.tsx';
import { SignInForm } from './sign-in-form.tsx';

function renderWithClient(element: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MemoryRouter>
      <QueryClientProvider client={client}>{element}</QueryClientProvider>
    </MemoryRouter>,
  );
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

describe("the server's refusal of a password shows under the field", () => {
  it('setup: a 400 naming the password lands on the password field, not in a banner', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: {
                code: 'validation_failed',
                message: 'Invalid body: password: This is similar to a commonly used password.',
                detail: 'Invalid body: password: This is similar to a commonly used password.',
              },
            }),
            { status: 400 },
          ),
      ),
    );
    renderWithClient(<SetupForm onDone={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Organization name'), { target: { value: 'Acme' } });
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Olive Owner' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'olive@acme.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a password of twelve' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Create organization' }).closest('form')!);
    const message = await screen.findByText('This is similar to a commonly used password.');
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toContain(message.id);
    expect(document.activeElement).toBe(password);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
