import * as React from 'react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRovingRows, useSlashToSearch } from './roving-rows.ts';

afterEach(cleanup);

const people = [
  { id: 'a', name: 'Ada' },
  { id: 'b', name: 'Bea' },
  { id: 'c', name: 'Cy' },
];

function Table({ onOpen }: { onOpen: (id: string) => void }) {
  const search = React.useRef<HTMLInputElement>(null);
  useSlashToSearch(search);
  const roving = useRovingRows(people, (row) => onOpen(row.id));
  return (
    <>
      <input ref={search} aria-label="Search" />
      <input aria-label="Other field" />
      <table>
        <tbody {...roving.bodyProps}>
          {people.map((person) => (
            <tr key={person.id} {...roving.rowProps(person)} aria-label={person.name}>
              <td>
                <button type="button">Actions for {person.name}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

describe('a table with a roving tabindex', () => {
  it('is one Tab stop; arrows, Home and End move it; Enter opens the row', () => {
    const onOpen = vi.fn();
    render(<Table onOpen={onOpen} />);
    const row = (name: string) => screen.getByRole('row', { name });
    const actions = (name: string) => screen.getByRole('button', { name: `Actions for ${name}` });
    expect(people.map((p) => row(p.name).tabIndex)).toEqual([0, -1, -1]);
    // Only the active row's controls are in the Tab order.
    expect(actions('Ada').getAttribute('tabindex')).toBeNull();
    expect(actions('Bea').getAttribute('tabindex')).toBe('-1');

    act(() => row('Ada').focus());
    fireEvent.keyDown(row('Ada'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('Bea'));
    expect(people.map((p) => row(p.name).tabIndex)).toEqual([-1, 0, -1]);
    expect(actions('Bea').getAttribute('tabindex')).toBeNull();
    expect(actions('Ada').getAttribute('tabindex')).toBe('-1');

    fireEvent.keyDown(row('Bea'), { key: 'End' });
    expect(document.activeElement).toBe(row('Cy'));
    fireEvent.keyDown(row('Cy'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('Cy'));
    fireEvent.keyDown(row('Cy'), { key: 'Home' });
    expect(document.activeElement).toBe(row('Ada'));
    fireEvent.keyDown(row('Ada'), { key: 'ArrowUp' });
    expect(document.activeElement).toBe(row('Ada'));

    fireEvent.keyDown(row('Ada'), { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith('a');
    // Keys pressed on a control inside the row are the control's own.
    fireEvent.keyDown(actions('Ada'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('Ada'));
  });

  it('makes a row active when one of its controls gets focus', () => {
    render(<Table onOpen={() => undefined} />);
    act(() => screen.getByRole('button', { name: 'Actions for Cy' }).focus());
    expect(screen.getByRole('row', { name: 'Cy' }).tabIndex).toBe(0);
    expect(screen.getByRole('row', { name: 'Ada' }).tabIndex).toBe(-1);
  });
});

describe('/ to search', () => {
  it('focuses the search box, except while typing in a field', () => {
    render(<Table onOpen={() => undefined} />);
    const other = screen.getByRole('textbox', { name: 'Other field' });
    act(() => other.focus());
    fireEvent.keyDown(other, { key: '/' });
    expect(document.activeElement).toBe(other);
    act(() => other.blur());
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Search' }));
  });
});
