import * as React from 'react';
import { cn } from '../../lib/cn.ts';

export function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return (
    <div
      aria-hidden
      className={cn('animate-pulse rounded bg-slate-200 dark:bg-slate-700', className)}
      {...props}
    />
  );
}
