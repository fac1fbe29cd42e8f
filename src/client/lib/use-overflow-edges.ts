import * as React from 'react';

/**
 * Whether a horizontally scrolling element has more to show before or after
 * what is in view, kept current as it scrolls or resizes: the cue that a row
 * of tabs on a phone goes on past the edge.
 */
export function useOverflowEdges(ref: React.RefObject<HTMLElement | null>) {
  const [edges, setEdges] = React.useState({ before: false, after: false });
  React.useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const before = element.scrollLeft > 1;
      const after = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setEdges((current) =>
        current.before === before && current.after === after ? current : { before, after },
      );
    };
    element.addEventListener('scroll', update, { passive: true });
    // The observer reports the element's first size after layout, so the first
    // reading costs no layout of its own (reading scrollWidth here would force
    // the page's layout in the middle of React's commit).
    const resized = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    if (resized) resized.observe(element);
    else update();
    return () => {
      element.removeEventListener('scroll', update);
      resized?.disconnect();
    };
  }, [ref]);
  return edges;
}

/** A fade over the edges that have more beyond them (a CSS mask, so it works on any background). */
export function overflowMask({ before, after }: { before: boolean; after: boolean }): React.CSSProperties {
  if (!before && !after) return {};
  const fade = '2.5rem';
  const image = `linear-gradient(to right, ${before ? `transparent, black ${fade}` : 'black'}, ${
    after ? `black calc(100% - ${fade}), transparent` : 'black'
  })`;
  return { maskImage: image, WebkitMaskImage: image };
}
