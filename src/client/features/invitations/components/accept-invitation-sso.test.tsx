import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { InvitationPreview } from '#contract/invitations.ts';
import { AcceptInvitationForm } from './accept-invitation-form.tsx';

const preview: InvitationPreview = {
  organization: { name: 'Globex' },
  inviter: { name: 'Sally Owner' },
  email: 'carl@globex.test',
  permission_level: 'collaborator',
  expires_at: '2026-06-08T10:00:00.000Z',
  already_member: false,
  sso: null,
};

function renderForm(value: InvitationPreview) {
  const client = new QueryClient();
  render(
    <MemoryRouter>
      <QueryClientProvider client={client}>
        <AcceptInvitationForm token="t" preview={value} signedInAs={null} onAccepted={() => undefined} />
      </QueryClientProvider>
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('accepting an invitation where the organization uses SSO', () => {
  it('where SSO is required, offers only Continue with SSO and says why', () => {
    renderForm({
      ...preview,
      sso: { login_url: '/api/v2/sso/o1/login?email=carl%40globex.test', required: true },
    });
    expect(screen.getByText('Your organization signs in with SSO.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Continue with SSO' })).toBeTruthy();
    expect(screen.queryByLabelText('Choose a password')).toBeNull();
    expect(screen.getByText('Globex')).toBeTruthy();
  });

  it('where SSO is optional, offers it above the password form', () => {
    renderForm({ ...preview, sso: { login_url: '/api/v2/sso/o1/login', required: false } });
    expect(screen.getByRole('button', { name: 'Continue with SSO' })).toBeTruthy();
    expect(screen.getByText('or choose a password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Join Globex' })).toBeTruthy();
  });

  it("shows the server's sso_required refusal clearly instead of a password error", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: { code: 'sso_required', message: 'Your organization signs in with SSO.' },
            }),
            { status: 403 },
          ),
      ),
    );
    renderForm(preview);
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Carl' } });
    fireEvent.change(screen.getByLabelText('Choose a password'), {
      target: { value: 'quartz lantern hobbit drizzle' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Join Globex' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your organization signs in with SSO.');
    expect(screen.getByRole('link', { name: 'Continue with SSO' }).getAttribute('href')).toBe('/login');
  });
});
