import * as React from 'react';
import { Button } from './ui/button.tsx';
import { cn } from '../lib/cn.ts';

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-6 py-12 text-center">
      <p className="font-medium text-slate-900 dark:text-slate-100">{title}</p>
      {children && <div className="max-w-md text-sm text-slate-600 dark:text-slate-400">{children}</div>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}

export function ErrorState({
  title = 'This could not be loaded',
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div
      role="alert"
      className="flex flex-col items-center gap-2 rounded-lg border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 px-6 py-10 text-center"
    >
      <p className="font-medium text-red-900 dark:text-red-200">{title}</p>
      <p className="max-w-md text-sm text-red-800 dark:text-red-200">{message}</p>
      {onRetry && (
        <Button variant="secondary" className="mt-2" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}

export function PageHeader({
  title,
  description,
  actions,
  compact = false,
}: {
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  /** Phones: title and actions on one line, no description (lists that should start above the fold). */
  compact?: boolean;
}) {
  return (
    <div
      className={cn(
        'mb-4 flex gap-3 sm:mb-6 sm:flex-row sm:items-end sm:justify-between',
        compact ? 'flex-row items-center justify-between' : 'flex-col',
      )}
    >
      <div>
        {/* Focusable so a route change can move focus here (see AppLayout). */}
        <h1
          tabIndex={-1}
          className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100 outline-none"
        >
          {title}
        </h1>
        {description && (
          <p className={cn('mt-1 text-sm text-slate-600 dark:text-slate-400', compact && 'hidden sm:block')}>
            {description}
          </p>
        )}
      </div>
      {actions && <div className="flex flex-wrap gap-2 sm:shrink-0">{actions}</div>}
    </div>
  );
}
