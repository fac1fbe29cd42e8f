import type * as React from 'react';
import type { DropdownMenuItemProps } from '@radix-ui/react-dropdown-menu';

// What the ⋯ stand-in (row-menu.tsx) and the Radix menu (row-menu-impl.tsx) share.

export type RowMenuProps = {
  /** The trigger's accessible name: "Actions for Ada Lovelace". */
  label: string;
  rowId?: string;
  triggerRef?: React.Ref<HTMLButtonElement>;
  /** While set, the trigger says what is going on ("Duplicating…") and shows a spinner. */
  pendingLabel?: string;
  contentClassName?: string;
  children: React.ReactNode;
};

export const rowMenuTriggerClassName =
  'text-slate-600 dark:text-slate-400 hover:text-slate-900 dark:hover:text-slate-100 data-[state=open]:bg-slate-100 dark:data-[state=open]:bg-slate-800';

export function RowMenuTriggerContent({ pendingLabel }: { pendingLabel?: string }) {
  return pendingLabel !== undefined ? (
    <span className="sr-only sm:not-sr-only">{pendingLabel}</span>
  ) : (
    <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="currentColor">
      <circle cx="3" cy="8" r="1.5" />
      <circle cx="8" cy="8" r="1.5" />
      <circle cx="13" cy="8" r="1.5" />
    </svg>
  );
}

export type RowMenuItemProps = DropdownMenuItemProps & { destructive?: boolean; hint?: React.ReactNode };
