import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Collaborator } from '#contract/members.ts';
import { BulkRemoveBar } from './bulk-remove-bar.tsx';

afterEach(cleanup);

const person = (name: string, role: Collaborator['permission_level'] = 'collaborator'): Collaborator => ({
  id: `m-${name}`,
  user_id: `u-${name}`,
  email: `${name.toLowerCase()}@acme.test`,
  name,
  permission_level: role,
  base_role: role,
  additional_roles: [],
  is_service_account: false,
  created_at: '2026-01-01T00:00:00.000Z',
  last_active_at: null,
  source: 'invited',
  last_sso_login_at: null,
});

describe('BulkRemoveBar', () => {
  it('with owners in the selection, removes the collaborators and says which owner it left out', () => {
    const onRemove = vi.fn();
    const [ada, bob, otto] = [person('Ada'), person('Bob'), person('Otto', 'owner')];
    render(
      <BulkRemoveBar
        selected={[ada, otto, bob]}
        onClear={() => {}}
        onRemove={onRemove}
        onChangeRole={() => {}}
      />,
    );
    const bar = screen.getByRole('region', { name: 'Selected members' });
    expect(bar.textContent).toContain('owner Otto left out of removal');
    fireEvent.click(within(bar).getByRole('button', { name: 'Remove 2 collaborators' }));
    expect(onRemove).toHaveBeenCalledWith([ada, bob], [otto]);
  });

  it('with owners only, hands them all to the dialog (which offers make collaborator and remove)', () => {
    const onRemove = vi.fn();
    const owners = [person('Otto', 'owner'), person('Oona', 'owner')];
    render(
      <BulkRemoveBar selected={owners} onClear={() => {}} onRemove={onRemove} onChangeRole={() => {}} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove 2 members' }));
    expect(onRemove).toHaveBeenCalledWith(owners, []);
  });
});
