import * as React from 'react';
import * as CheckboxPrimitive from '@radix-ui/react-checkbox';
import { cn } from '../../lib/cn.ts';

export function Checkbox({ className, ...props }: React.ComponentProps<typeof CheckboxPrimitive.Root>) {
  return (
    <CheckboxPrimitive.Root
      className={cn(
        'flex h-4 w-4 shrink-0 items-center justify-center rounded border border-slate-400 dark:border-slate-500 bg-white dark:bg-slate-900 data-[state=checked]:border-indigo-600 dark:data-[state=checked]:border-indigo-400 data-[state=checked]:bg-indigo-600 data-[state=indeterminate]:border-indigo-600 dark:data-[state=indeterminate]:border-indigo-400 data-[state=indeterminate]:bg-indigo-600 disabled:cursor-not-allowed disabled:opacity-50',
        className,
      )}
      {...props}
    >
      <CheckboxPrimitive.Indicator className="text-[10px] leading-none font-bold text-white">
        {props.checked === 'indeterminate' ? '–' : '✓'}
      </CheckboxPrimitive.Indicator>
    </CheckboxPrimitive.Root>
  );
}
