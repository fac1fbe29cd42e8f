import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import type { ApiError } from '../lib/api-client.ts';
import { CredentialList, type Credential } from './credential-list.tsx';
import { RevokeCredentialButton } from './revoke-credential-button.tsx';

afterEach(cleanup);

const ci: Credential = { id: 'c1', name: 'ci', prefix: 'w_abcdef' };

function Revoke({ revoke }: { revoke: (credential: Credential) => Promise<void> }) {
  const mutation = useMutation<void, ApiError, Credential>({ mutationFn: revoke });
  return (
    <RevokeCredentialButton
      credential={ci}
      noun="secret"
      consequence="Widgets using it stop working."
      mutation={mutation}
    />
  );
}

function renderList(
  items: Credential[] | undefined,
  revoke = vi.fn(async (_credential: Credential) => undefined),
) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <CredentialList
        caption="Widget secrets"
        items={items}
        prefixHeader="Secret"
        columns={[{ header: 'Last used', from: 'sm', onPhones: true, cell: () => 'yesterday' }]}
        action={() => <Revoke revoke={revoke} />}
      />
    </QueryClientProvider>,
  );
  return revoke;
}

describe('the credential list', () => {
  it('names each row by name and prefix, repeats hidden columns under the name, and offers its action', () => {
    renderList([ci]);
    const row = screen.getByRole('rowheader', { name: /ci/ });
    expect(row.textContent).toBe('ciw_abcdef…Last used yesterday');
    expect(screen.getByRole('columnheader', { name: 'Secret' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Revoke ci (w_abcdef…)' })).toBeTruthy();
  });

  it('is busy while loading', () => {
    renderList(undefined);
    expect(screen.getByRole('table').getAttribute('aria-busy')).toBe('true');
  });
});

describe('revoking a credential', () => {
  it('asks first, naming it and what stops working, then revokes it and closes', async () => {
    const revoke = renderList([ci]);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke ci (w_abcdef…)' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke “ci”?' });
    expect(dialog.textContent).toMatch(
      'Widgets using it stop working. This cannot be undone; create a new secret if you need one.',
    );
    expect(revoke).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke secret' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(revoke.mock.calls[0]![0]).toEqual(ci);
  });

  it('keeps the confirmation open when revoking fails', async () => {
    renderList(
      [ci],
      vi.fn(async () => Promise.reject(new Error('offline'))),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Revoke ci (w_abcdef…)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke secret' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Revoke secret' }).hasAttribute('disabled')).toBe(false),
    );
    expect(screen.getByRole('alertdialog')).toBeTruthy();
  });
});
