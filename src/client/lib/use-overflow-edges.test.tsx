import * as React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { overflowMask, useOverflowEdges } from './use-overflow-edges.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/**
 * A browser's ResizeObserver reports an element once it is laid out, then on
 * every resize; jsdom has none, so the test says when layout happened.
 */
function observeSizes() {
  const reports: (() => void)[] = [];
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly callback: () => void) {}
      observe() {
        reports.push(() => this.callback());
      }
      disconnect() {}
    },
  );
  return { laidOut: () => act(() => reports.forEach((report) => report())) };
}

/** jsdom lays nothing out: give the row the sizes a phone would. */
function sized(element: HTMLElement, { client, scroll }: { client: number; scroll: number }) {
  Object.defineProperty(element, 'clientWidth', { configurable: true, value: client });
  Object.defineProperty(element, 'scrollWidth', { configurable: true, value: scroll });
}

function Row({ client, scroll }: { client: number; scroll: number }) {
  const ref = React.useRef<HTMLDivElement | null>(null);
  const edges = useOverflowEdges(ref);
  return (
    // The ref is set (and sized) before the hook's layout effect first measures.
    <div
      ref={(element) => {
        if (element) sized(element, { client, scroll });
        ref.current = element;
      }}
    >
      <output>{`${edges.before ? 'before' : '-'} ${edges.after ? 'after' : '-'}`}</output>
    </div>
  );
}

describe('useOverflowEdges', () => {
  it('says which edges have more once the row is laid out, and as it scrolls', () => {
    const sizes = observeSizes();
    const { container } = render(<Row client={375} scroll={900} />);
    // Nothing is measured during React's commit (that would force the page's layout there).
    expect(screen.getByRole('status').textContent).toBe('- -');
    sizes.laidOut();
    expect(screen.getByRole('status').textContent).toBe('- after');
    const row = container.firstElementChild as HTMLElement;
    act(() => {
      row.scrollLeft = 200;
      fireEvent.scroll(row);
    });
    expect(screen.getByRole('status').textContent).toBe('before after');
    act(() => {
      row.scrollLeft = 525;
      fireEvent.scroll(row);
    });
    expect(screen.getByRole('status').textContent).toBe('before -');
  });

  it('says nothing when everything fits', () => {
    const sizes = observeSizes();
    render(<Row client={1200} scroll={1200} />);
    sizes.laidOut();
    expect(screen.getByRole('status').textContent).toBe('- -');
  });

  it('measures at once where there is no ResizeObserver', () => {
    vi.stubGlobal('ResizeObserver', undefined);
    render(<Row client={375} scroll={900} />);
    expect(screen.getByRole('status').textContent).toBe('- after');
  });
});

describe('overflowMask', () => {
  it('fades only the edges with more beyond them', () => {
    expect(overflowMask({ before: false, after: false })).toEqual({});
    expect(overflowMask({ before: false, after: true }).maskImage).toBe(
      'linear-gradient(to right, black, black calc(100% - 2.5rem), transparent)',
    );
    expect(overflowMask({ before: true, after: false }).maskImage).toBe(
      'linear-gradient(to right, transparent, black 2.5rem, black)',
    );
  });
});
