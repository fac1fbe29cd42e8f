import * as React from 'react';
import * as SelectPrimitive from '@radix-ui/react-select';
import { cn } from '../../lib/cn.ts';

/**
 * A styled listbox select (Radix). For a plain form field the native
 * `<select>` in input.tsx is enough; this one shows a hint under each option
 * and keeps its look in both themes.
 */
export const Select = SelectPrimitive.Root;
export const SelectValue = SelectPrimitive.Value;
export const SelectGroup = SelectPrimitive.Group;

export function SelectTrigger({
  className,
  children,
  size = 'md',
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Trigger> & { size?: 'sm' | 'md' }) {
  return (
    <SelectPrimitive.Trigger
      className={cn(
        'inline-flex items-center justify-between gap-2 rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 text-sm whitespace-nowrap text-slate-900 dark:text-slate-100 hover:bg-slate-50 dark:hover:bg-slate-800/50 disabled:cursor-not-allowed disabled:bg-slate-100 dark:disabled:bg-slate-800 disabled:text-slate-500 dark:disabled:text-slate-400 data-[placeholder]:text-slate-500 dark:data-[placeholder]:text-slate-400',
        size === 'sm' ? 'h-8 px-2.5' : 'h-9 px-3',
        className,
      )}
      {...props}
    >
      {children}
      <SelectPrimitive.Icon asChild>
        <span aria-hidden className="text-xs text-slate-500 dark:text-slate-400">
          ▾
        </span>
      </SelectPrimitive.Icon>
    </SelectPrimitive.Trigger>
  );
}

export function SelectContent({
  className,
  children,
  position = 'popper',
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Content>) {
  return (
    <SelectPrimitive.Portal>
      <SelectPrimitive.Content
        position={position}
        sideOffset={4}
        className={cn(
          'z-50 max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width) overflow-hidden rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-lg',
          className,
        )}
        {...props}
      >
        <SelectPrimitive.Viewport className="p-1">{children}</SelectPrimitive.Viewport>
      </SelectPrimitive.Content>
    </SelectPrimitive.Portal>
  );
}

export function SelectItem({
  className,
  children,
  hint,
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Item> & {
  /** A line under the option saying what it means; not shown in the closed trigger. */
  hint?: React.ReactNode;
}) {
  return (
    <SelectPrimitive.Item
      className={cn(
        'relative flex cursor-default flex-col rounded py-1.5 pr-2 pl-7 text-sm text-slate-800 dark:text-slate-200 outline-none select-none data-[disabled]:text-slate-400 dark:data-[disabled]:text-slate-500 data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800',
        className,
      )}
      {...props}
    >
      <span aria-hidden className="absolute top-2 left-2 flex h-4 w-4 items-center justify-center">
        <SelectPrimitive.ItemIndicator>
          <span className="text-xs font-bold text-indigo-600 dark:text-indigo-400">✓</span>
        </SelectPrimitive.ItemIndicator>
      </span>
      <SelectPrimitive.ItemText>{children}</SelectPrimitive.ItemText>
      {hint && <span className="max-w-xs text-xs text-slate-600 dark:text-slate-400">{hint}</span>}
    </SelectPrimitive.Item>
  );
}
