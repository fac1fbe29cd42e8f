import type * as React from 'react';
import { deferred, useDeferredHolder } from './deferred.ts';

// Radix's tooltip (and its positioning code) loads on the first hover or focus of a trigger.
const tooltip = deferred(() => import('./tooltip-impl.tsx'));

export type TooltipProps = {
  content: React.ReactNode;
  children: React.ReactElement;
  className?: string;
};

/** A hint on hover and keyboard focus. The trigger must be focusable (one element, e.g. a button). */
export function Tooltip(props: TooltipProps) {
  const loaded = tooltip.useModule();
  // The real trigger replaces the stand-in; if the stand-in had focus, the real one takes it (and shows the hint).
  const holder = useDeferredHolder(loaded !== null);
  return (
    <span
      data-deferred
      ref={holder}
      className="contents"
      onPointerEnter={tooltip.preload}
      onFocus={tooltip.preload}
    >
      {loaded ? <loaded.Tooltip {...props} /> : props.children}
    </span>
  );
}
