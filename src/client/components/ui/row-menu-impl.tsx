import { cn } from '../../lib/cn.ts';
import { Button } from './button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './dropdown-menu.tsx';
import {
  RowMenuTriggerContent,
  rowMenuTriggerClassName,
  type RowMenuItemProps,
  type RowMenuProps,
} from './row-menu-trigger.tsx';

/** The ⋯ menu with Radix (loaded on first intent by row-menu.tsx). */
export function RowMenu({
  label,
  rowId,
  triggerRef,
  pendingLabel,
  contentClassName,
  children,
  defaultOpen,
}: RowMenuProps & { defaultOpen: boolean }) {
  const pending = pendingLabel !== undefined;
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <Button
          ref={triggerRef}
          variant="ghost"
          size={pending ? 'sm' : 'icon'}
          data-row-actions={rowId}
          aria-label={pending ? pendingLabel : label}
          pending={pending}
          className={rowMenuTriggerClassName}
        >
          <RowMenuTriggerContent pendingLabel={pendingLabel} />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className={cn('max-w-72', contentClassName)}>
        {children}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export function RowMenuItem({
  destructive = false,
  hint,
  className,
  children,
  asChild,
  ...props
}: RowMenuItemProps) {
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
