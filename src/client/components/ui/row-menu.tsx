import * as React from 'react';
import { cn } from '../../lib/cn.ts';
import { Button } from './button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './dropdown-menu.tsx';

/**
 * The ⋯ menu at the end of a table row. The trigger carries
 * `data-row-actions` so focus can come back to it (or to the next row's)
 * after a dialog opened from the menu closes (components/return-focus.ts).
 */
export function RowMenu({
  label,
  rowId,
  triggerRef,
  pendingLabel,
  contentClassName,
  children,
}: {
  /** The trigger's accessible name: "Actions for Ada Lovelace". */
  label: string;
  rowId?: string;
  triggerRef?: React.Ref<HTMLButtonElement>;
  /** While set, the trigger says what is going on ("Duplicating…") and shows a spinner. */
  pendingLabel?: string;
  contentClassName?: string;
  children: React.ReactNode;
}) {
  const pending = pendingLabel !== undefined;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          ref={triggerRef}
          variant="ghost"
          size={pending ? 'sm' : 'icon'}
          data-row-actions={rowId}
          aria-label={pending ? pendingLabel : label}
          pending={pending}
          className="text-slate-600 dark:text-slate-400 hover:text-slate-900 dark:hover:text-slate-100 data-[state=open]:bg-slate-100 dark:data-[state=open]:bg-slate-800"
        >
          {pending ? (
            <span className="sr-only sm:not-sr-only">{pendingLabel}</span>
          ) : (
            <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="currentColor">
              <circle cx="3" cy="8" r="1.5" />
              <circle cx="8" cy="8" r="1.5" />
              <circle cx="13" cy="8" r="1.5" />
            </svg>
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className={cn('max-w-72', contentClassName)}>
        {children}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** One action; `hint` is a second line (what it does, or why it is disabled); `destructive` reads red. */
export function RowMenuItem({
  destructive = false,
  hint,
  className,
  children,
  asChild,
  ...props
}: React.ComponentProps<typeof DropdownMenuItem> & { destructive?: boolean; hint?: React.ReactNode }) {
  return (
    <DropdownMenuItem
      asChild={asChild}
      className={cn(
        hint && 'flex-col items-start gap-0.5',
        destructive &&
          'text-red-700 dark:text-red-300 data-[disabled]:text-slate-400 dark:data-[disabled]:text-slate-500 data-[highlighted]:bg-red-50 dark:data-[highlighted]:bg-red-950/40',
        className,
      )}
      {...props}
    >
      {asChild ? (
        children
      ) : (
        <>
          <span>{children}</span>
          {hint && <span className="text-xs text-slate-600 dark:text-slate-400">{hint}</span>}
        </>
      )}
    </DropdownMenuItem>
  );
}

export const RowMenuSeparator = DropdownMenuSeparator;
