import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Collaborator } from '#contract/members.ts';
import { RoleControl } from './role-control.tsx';

const sana: Collaborator = {
  id: 'm-sana',
  user_id: 'u-sana',
  email: 'sana@tiny.test',
  name: 'Sana Kim',
  permission_level: 'owner',
  base_role: 'owner',
  additional_roles: [],
  is_service_account: false,
  created_at: '2026-01-05T10:00:00.000Z',
  last_active_at: null,
  source: 'invited',
  last_sso_login_at: null,
};

afterEach(cleanup);

function renderControl(props: Partial<React.ComponentProps<typeof RoleControl>> = {}) {
  const onChange = vi.fn();
  render(<RoleControl member={sana} onChange={onChange} {...props} />);
  return { onChange, group: screen.getByRole('radiogroup', { name: 'Role of Sana Kim' }) };
}

describe('RoleControl', () => {
  it('offers Owner and Collaborator and reports the choice', () => {
    const { onChange } = renderControl();
    expect(screen.getByRole('radio', { name: 'Owner' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('radio', { name: 'Collaborator' }));
    expect(onChange).toHaveBeenCalledWith('collaborator');
  });

  it('for the last owner: disabled, with the reason announced and behind a focusable hint', () => {
    const reason = 'You are the only owner. Make someone else an owner before becoming a collaborator.';
    const { onChange, group } = renderControl({ disabledReason: reason });
    const collaborator = screen.getByRole('radio', { name: 'Collaborator' });
    expect(collaborator).toHaveProperty('disabled', true);
    fireEvent.click(collaborator);
    expect(onChange).not.toHaveBeenCalled();
    const describedBy = group.getAttribute('aria-describedby');
    expect(describedBy && document.getElementById(describedBy)?.textContent).toBe(reason);
    expect(screen.getByRole('button', { name: 'Why the role of Sana Kim cannot change' })).toBeTruthy();
  });
});
