import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { SsoConfig, SsoTestResult } from '../../../../contract/sso.ts';
import { SsoSettingsPage } from './sso-settings-page.tsx';
import { TestConnection } from './test-connection.tsx';

const base: SsoConfig = {
  configured: false,
  sso_mode: 'off',
  jit_provisioning: false,
  allow_idp_initiated: false,
  domains: [],
  email_attribute: null,
  name_attribute: null,
  groups_attribute: null,
  idp_metadata_url: null,
  idp_entity_id: null,
  idp_sso_url: null,
  idp_certificates: [],
  sp_entity_id: 'https://roster.test/api/v2/sso/org1/metadata',
  acs_url: 'https://roster.test/api/v2/sso/org1/acs',
  sp_metadata_url: 'https://roster.test/api/v2/sso/org1/metadata',
  login_url: 'https://roster.test/api/v2/sso/org1/login',
  owner_has_sso_login: false,
  updated_at: null,
};

const configured: SsoConfig = {
  ...base,
  configured: true,
  sso_mode: 'optional',
  domains: ['acme.test'],
  idp_entity_id: 'https://idp.test/acme',
  idp_sso_url: 'https://idp.test/acme/sso',
  idp_certificates: [
    {
      fingerprint_sha256: 'AB:CD',
      subject: 'CN=Test IdP',
      not_before: '2026-01-01T00:00:00.000Z',
      not_after: '2036-01-01T00:00:00.000Z',
      expired: false,
    },
  ],
  updated_at: '2026-06-01T10:00:00.000Z',
};

type Call = { method: string; path: string; body: unknown };

/** The API as the browser sees it: answers by method + path, records each request. */
function serveApi(answer: (call: Call) => { status?: number; body: unknown }) {
  const calls: Call[] = [];
  // jsdom has no ResizeObserver; Radix's checkbox measures itself with one.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://roster.test');
      const call = {
        method: init?.method ?? 'GET',
        path: url.pathname.replace('/api/v2', ''),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(call);
      const { status = 200, body } = answer(call);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

function renderPage(path = '/settings/single-sign-on') {
  const router = createMemoryRouter([{ path: '/settings/single-sign-on', element: <SsoSettingsPage /> }], {
    initialEntries: [path],
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the Single sign-on page', () => {
  it('shows the values to copy into the IdP and asks for metadata before anything can be saved or tested', async () => {
    const calls = serveApi(() => ({ body: { result: base } }));
    renderPage();
    expect(await screen.findByRole('textbox', { name: 'ACS URL' })).toHaveProperty('value', base.acs_url);
    expect(screen.getByRole('textbox', { name: 'Entity ID' })).toHaveProperty('value', base.sp_entity_id);
    expect(screen.getByRole('button', { name: 'Copy ACS URL' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download SP metadata (XML)' }).getAttribute('href')).toBe(
      base.sp_metadata_url,
    );
    expect(screen.getByText('Not set up')).toBeTruthy();
    const test = screen.getByRole('button', { name: 'Test connection' }) as HTMLButtonElement;
    expect(test.disabled).toBe(true);
    expect(screen.getByText("Save your identity provider's metadata first.")).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const xml = screen.getByRole('textbox', { name: 'IdP metadata XML' });
    expect(xml.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("Paste your identity provider's metadata XML.")).toBeTruthy();
    expect(document.activeElement).toBe(xml);
    expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(0);
  });

  it('names a bad domain and keeps everything typed', async () => {
    const calls = serveApi(() => ({ body: { result: base } }));
    renderPage();
    const xml = await screen.findByRole('textbox', { name: 'IdP metadata XML' });
    fireEvent.change(xml, { target: { value: '<EntityDescriptor/>' } });
    const domains = screen.getByRole('textbox', { name: 'Email domains' });
    fireEvent.change(domains, { target: { value: 'acme.test\nnot a domain' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('“not” is not a domain. Enter domains such as example.com.')).toBeTruthy();
    expect(document.activeElement).toBe(domains);
    expect((xml as HTMLTextAreaElement).value).toBe('<EntityDescriptor/>');
    expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(0);
  });

  it('sends the settings, and shows the refusal to require SSO under the mode without losing the draft', async () => {
    const calls = serveApi((call) =>
      call.method === 'PUT'
        ? {
            status: 409,
            body: {
              error: {
                code: 'sso_login_required_first',
                message: 'Sign in once through SSO yourself before you require it.',
              },
            },
          }
        : { body: { result: configured } },
    );
    renderPage();
    expect(await screen.findByText('Saved identity provider')).toBeTruthy();
    expect(screen.getByText('https://idp.test/acme')).toBeTruthy();
    expect(screen.getByText(/Valid until/)).toBeTruthy();
    // Saved settings, nothing changed: the test can run.
    expect((screen.getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled).toBe(
      false,
    );

    fireEvent.change(screen.getByRole('textbox', { name: 'Email attribute' }), {
      target: { value: ' email ' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Provision new people just in time' }));
    fireEvent.click(screen.getByRole('radio', { name: /Required/ }));
    expect(screen.getByText('You have unsaved changes.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(screen.getByText(/Break-glass:/).closest('p')!.textContent).toContain(
      'owners can always sign in with their password',
    );
    expect(screen.getByText(/needs one SSO sign-in of your own first/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const refusal = await screen.findByText('Sign in once through SSO yourself before you require it.');
    expect(refusal.getAttribute('role')).toBe('alert');
    const put = calls.find((call) => call.method === 'PUT')!;
    expect(put.path).toBe('/sso_config');
    expect(put.body).toEqual({
      sso_mode: 'required',
      jit_provisioning: true,
      allow_idp_initiated: false,
      domains: ['acme.test'],
      email_attribute: 'email',
      name_attribute: null,
      groups_attribute: null,
    });
    const required = screen.getByRole('radio', { name: /Required/ }) as HTMLInputElement;
    expect(required.checked).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(required));
    expect((screen.getByRole('textbox', { name: 'Email attribute' }) as HTMLInputElement).value).toBe(
      ' email ',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect((screen.getByRole('radio', { name: /Optional/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByText('You have unsaved changes.')).toBeNull();
  });

  it('shows the assertion a test connection brought back', async () => {
    const result: SsoTestResult = {
      id: 't1',
      status: 'succeeded',
      created_at: '2026-06-01T10:00:00.000Z',
      completed_at: '2026-06-01T10:00:05.000Z',
      assertion: {
        issuer: 'https://idp.test/acme',
        name_id: 'olive@acme.test',
        name_id_format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        email: 'olive@acme.test',
        name: 'Olive Owner',
        groups: ['Engineering', 'Admins'],
        attributes: { email: ['olive@acme.test'], groups: ['Engineering', 'Admins'] },
        session_index: null,
      },
      failure: null,
    };
    serveApi((call) => ({
      body: { result: call.path === '/sso_config/test/t1' ? result : configured },
    }));
    const router = renderPage('/settings/single-sign-on?sso_test=t1');
    const heading = await screen.findByRole('heading', { name: 'Test connection succeeded' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const panel = heading.closest('section')!;
    expect(within(panel).getByText(/It would sign in olive@acme.test/)).toBeTruthy();
    expect(within(panel).getByText('Olive Owner')).toBeTruthy();
    expect(within(panel).getByText('Engineering, Admins', { selector: 'dd' })).toBeTruthy();
    expect(within(panel).getByRole('row', { name: /groups/ })).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('shows why a test connection was refused', async () => {
    serveApi((call) => ({
      body: {
        result:
          call.path === '/sso_config/test/t2'
            ? {
                id: 't2',
                status: 'failed',
                created_at: '2026-06-01T10:00:00.000Z',
                completed_at: '2026-06-01T10:00:05.000Z',
                assertion: null,
                failure: { code: 'sso_invalid_response', message: 'The response is not signed by your IdP.' },
              }
            : configured,
      },
    }));
    renderPage('/settings/single-sign-on?sso_test=t2');
    expect(await screen.findByRole('heading', { name: 'Test connection failed' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The response is not signed by your IdP.');
  });

  it('says when the settings could not be loaded, with Retry', async () => {
    serveApi(() => ({
      status: 500,
      body: { error: { code: 'internal_error', message: 'Boom on our side.' } },
    }));
    renderPage();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Single sign-on settings could not be loaded');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

describe('TestConnection', () => {
  it('starts a test login that comes back to this page, and sends the browser to the IdP', async () => {
    const calls = serveApi(() => ({
      body: { result: { id: 't1', login_url: '/api/v2/sso/org1/login?test=t1' } },
    }));
    const navigate = vi.fn();
    const client = new QueryClient();
    render(
      <QueryClientProvider client={client}>
        <TestConnection configured unsaved={false} navigate={navigate} />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/api/v2/sso/org1/login?test=t1'));
    expect(calls[0]).toEqual({
      method: 'POST',
      path: '/sso_config/test',
      body: { next: '/settings/single-sign-on' },
    });
  });
});
