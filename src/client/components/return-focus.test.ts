import { afterEach, describe, expect, it } from 'vitest';
import { focusOrder, returnFocusToRow } from './return-focus.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('returning focus to a row', () => {
  it('tries the row, then the rows after it, then the ones before', () => {
    expect(focusOrder(['a', 'b', 'c', 'd'], ['b'])).toEqual(['b', 'c', 'd', 'a']);
    expect(focusOrder(['a', 'b', 'c', 'd'], ['b', 'c'])).toEqual(['b', 'c', 'd', 'a']);
  });

  it('focuses the first ⋯ button still on the page, else the heading', () => {
    document.body.innerHTML =
      '<main><h1 tabindex="-1">Members</h1><button data-row-actions="c">⋯</button></main>';
    returnFocusToRow(['b', 'c']);
    expect(document.activeElement?.getAttribute('data-row-actions')).toBe('c');
    returnFocusToRow(['x']);
    expect(document.activeElement?.tagName).toBe('H1');
  });
});
