/**
 * Where focus goes when a dialog opened from a row menu closes: the row's ⋯
 * button if the row is still there, else the nearest remaining row's (the
 * next one first), else the page heading. Rows mark their ⋯ button with
 * `data-row-actions="<id>"`.
 */
export function returnFocusToRow(ids: readonly string[]): void {
  const buttons = [...document.querySelectorAll<HTMLElement>('[data-row-actions]')];
  for (const id of ids) {
    const button = buttons.find((element) => element.dataset.rowActions === id);
    if (button) {
      button.focus();
      return;
    }
  }
  document.querySelector<HTMLElement>('main h1')?.focus();
}

/** The row itself, then the rows after it, then the rows before it (nearest first). */
export function focusOrder(rowIds: readonly string[], ids: readonly string[]): string[] {
  const first = rowIds.findIndex((id) => ids.includes(id));
  if (first < 0) return [...ids];
  const after = rowIds.slice(first).filter((id) => !ids.includes(id));
  const before = rowIds.slice(0, first).reverse();
  return [...ids, ...after, ...before];
}
