import * as React from 'react';
import { useDeferredVersion } from './ui/deferred.ts';

const focusable = 'a[href], button, input, select, textarea, [tabindex]';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * A roving tabindex over the rows of a table body: the table is one Tab stop
 * (the active row), ArrowUp/ArrowDown/Home/End move between rows, Enter calls
 * `onActivate` for the row. Controls inside the active row stay reachable with
 * Tab; those of the other rows leave the Tab order, so a long table costs one
 * stop instead of four per row. Rows carry `data-row-id`.
 */
export function useRovingRows<Row extends { id: string }>(
  rows: readonly Row[] | undefined,
  onActivate?: (row: Row, element: HTMLElement) => void,
) {
  const bodyRef = React.useRef<HTMLTableSectionElement>(null);
  // Row controls that load late (menus, tooltips) replace their stand-ins: run the effect below again.
  useDeferredVersion();
  const [activeId, setActiveId] = React.useState<string | null>(null);
  const ids = rows?.map((row) => row.id) ?? [];
  // The first row is active until another is chosen, and again when the active one leaves the page.
  const active = activeId !== null && ids.includes(activeId) ? activeId : (ids[0] ?? null);

  // Keep controls of inactive rows out of the Tab order. It runs after every
  // render: row content (menus, toggles) renders its own tabindex values.
  React.useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    for (const row of body.querySelectorAll<HTMLElement>('tr[data-row-id]')) {
      const on = row.dataset.rowId === active;
      for (const element of row.querySelectorAll<HTMLElement>(focusable)) {
        if (!on && element.dataset.rovingTabindex === undefined) {
          element.dataset.rovingTabindex = element.getAttribute('tabindex') ?? '';
          element.setAttribute('tabindex', '-1');
        } else if (on && element.dataset.rovingTabindex !== undefined) {
          const original = element.dataset.rovingTabindex;
          delete element.dataset.rovingTabindex;
          if (original) element.setAttribute('tabindex', original);
          else element.removeAttribute('tabindex');
        }
      }
    }
  });

  const focusRow = (id: string | undefined) => {
    if (!id) return;
    setActiveId(id);
    const rows = bodyRef.current?.querySelectorAll<HTMLElement>('tr[data-row-id]') ?? [];
    [...rows].find((row) => row.dataset.rowId === id)?.focus();
  };

  const bodyProps = {
    ref: bodyRef,
    onFocus: (event: React.FocusEvent<HTMLTableSectionElement>) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('tr[data-row-id]');
      if (row?.dataset.rowId && row.dataset.rowId !== active) setActiveId(row.dataset.rowId);
    },
    onKeyDown: (event: React.KeyboardEvent<HTMLTableSectionElement>) => {
      const row = event.target as HTMLElement;
      // Only keys pressed on the row itself: controls inside keep their own arrow keys.
      if (row.tagName !== 'TR' || !row.dataset.rowId || event.altKey || event.ctrlKey || event.metaKey)
        return;
      const index = ids.indexOf(row.dataset.rowId);
      const to = (next: number) => {
        event.preventDefault();
        focusRow(ids[Math.max(0, Math.min(ids.length - 1, next))]);
      };
      if (event.key === 'ArrowDown') to(index + 1);
      else if (event.key === 'ArrowUp') to(index - 1);
      else if (event.key === 'Home') to(0);
      else if (event.key === 'End') to(ids.length - 1);
      else if (event.key === 'Enter' && onActivate) {
        event.preventDefault();
        const current = rows?.find((candidate) => candidate.id === row.dataset.rowId);
        if (current) onActivate(current, row);
      }
    },
  };

  const rowProps = (row: Row) => ({
    'data-row-id': row.id,
    tabIndex: row.id === active ? 0 : -1,
  });

  return { bodyProps, rowProps };
}

/**
 * `/` focuses a search box, as on GitHub and most consoles, unless the person
 * is typing in a field (or a dialog is open: its own fields come first).
 */
export function useSlashToSearch(searchRef: React.RefObject<HTMLInputElement | null>) {
  React.useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const input = searchRef.current;
      if (!input) return;
      event.preventDefault();
      input.focus();
      input.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [searchRef]);
}

export { isTyping };
