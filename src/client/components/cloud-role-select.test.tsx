import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CloudRoleSelect } from './cloud-role-select.tsx';

afterEach(cleanup);
beforeAll(() => {
  // Radix Select measures and scrolls; jsdom has neither.
  Element.prototype.scrollIntoView ??= () => {};
  Element.prototype.hasPointerCapture ??= () => false;
  Element.prototype.releasePointerCapture ??= () => {};
});

describe('CloudRoleSelect', () => {
  it('names itself, shows the role, and offers the three roles with what each allows', () => {
    const changed = vi.fn();
    render(<CloudRoleSelect value="readonly" onChange={changed} label="Role of Ada on Research" />);
    const trigger = screen.getByRole('combobox', { name: 'Role of Ada on Research' });
    expect(trigger.textContent).toContain('Read only');
    fireEvent.keyDown(trigger, { key: 'Enter' });
    const options = screen.getAllByRole('option');
    expect(options.map((option) => option.textContent!.replace('✓', ''))).toEqual([
      'OwnerManages who can use the cloud, and uses it fully.',
      'WriteCreates, terminates and duplicates workloads.',
      'Read onlySees the cloud and its workloads; creates nothing.',
    ]);
    expect(options[2]!.getAttribute('data-state')).toBe('checked');
    fireEvent.click(options[1]!);
    expect(changed).toHaveBeenCalledWith('write');
  });

  it('does not report choosing the role it already has', () => {
    const changed = vi.fn();
    render(<CloudRoleSelect value="write" onChange={changed} label="Role" />);
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Role' }), { key: 'Enter' });
    fireEvent.click(screen.getAllByRole('option')[1]!);
    expect(changed).not.toHaveBeenCalled();
  });

  it('can be disabled with the reason as its description', () => {
    render(
      <>
        <CloudRoleSelect value="owner" onChange={() => {}} label="Role of Olive" disabled describedBy="why" />
        <p id="why">Organization owners own every cloud.</p>
      </>,
    );
    const trigger = screen.getByRole('combobox', { name: 'Role of Olive' });
    expect(trigger).toHaveProperty('disabled', true);
    expect(trigger.getAttribute('aria-describedby')).toBe('why');
  });
});
