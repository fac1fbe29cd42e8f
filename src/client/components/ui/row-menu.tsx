import type * as React from 'react';
import { Button } from './button.tsx';
import { deferred, useDeferredHolder, useDeferredTrigger } from './deferred.ts';
import {
  RowMenuTriggerContent,
  rowMenuTriggerClassName,
  type RowMenuItemProps,
  type RowMenuProps,
} from './row-menu-trigger.tsx';

export type { RowMenuItemProps, RowMenuProps };

// Radix's menu (and its positioning code) loads when someone first reaches for a ⋯ button.
const menu = deferred(() => import('./row-menu-impl.tsx'));

/**
 * The ⋯ menu at the end of a table row. The trigger carries
 * `data-row-actions` so focus can come back to it (or to the next row's)
 * after a dialog opened from the menu closes (components/return-focus.ts).
 */
export function RowMenu({ triggerRef, ...props }: RowMenuProps) {
  const loaded = menu.useModule();
  const trigger = useDeferredTrigger(menu.preload);
  const holder = useDeferredHolder(loaded !== null);
  const pending = props.pendingLabel !== undefined;
  return (
    <span data-deferred ref={holder} className="contents">
      {loaded ? (
        <loaded.RowMenu {...props} triggerRef={triggerRef} defaultOpen={trigger.openOnLoad} />
      ) : (
        <Button
          ref={triggerRef}
          variant="ghost"
          size={pending ? 'sm' : 'icon'}
          data-row-actions={props.rowId}
          aria-label={pending ? props.pendingLabel : props.label}
          pending={pending}
          className={rowMenuTriggerClassName}
          {...trigger.props}
        >
          <RowMenuTriggerContent pendingLabel={props.pendingLabel} />
        </Button>
      )}
    </span>
  );
}

/** One action; `hint` is a second line (what it does, or why it is disabled); `destructive` reads red. */
export function RowMenuItem(props: RowMenuItemProps) {
  // Items render inside the open menu only, so the module is there by then.
  const loaded = menu.useModule();
  return loaded ? <loaded.RowMenuItem {...props} /> : null;
}

export function RowMenuSeparator(props: { className?: string }) {
  const loaded = menu.useModule();
  return loaded ? <loaded.RowMenuSeparator {...props} /> : null;
}
