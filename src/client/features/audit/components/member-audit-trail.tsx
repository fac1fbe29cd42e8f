import * as React from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '#contract/audit.ts';
import { formatDateTime, formatRelative } from '../../../components/format.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { auditQueries } from '../api/audit-queries.ts';
import { actionLabel, describeChange } from './audit-labels.ts';

const pageSize = 10;
type Side = 'actor' | 'target';

/** A member's audit trail on their page: what they did, or what was done to them, newest first, paged. */
export function MemberAuditTrail({ member }: { member: { id: string; name: string } }) {
  const [side, setSide] = React.useState<Side>('actor');
  const [token, setToken] = React.useState<string | undefined>(undefined);
  const events = useQuery(auditQueries.list({ [side]: member.id, paging_token: token, count: pageSize }));
  const page = events.data;
  const choose = (next: Side) => {
    setSide(next);
    setToken(undefined);
  };
  return (
    <section aria-labelledby="member-audit-heading" className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2 id="member-audit-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            Audit trail
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <Link
              to={`/settings/audit-log?actor=${encodeURIComponent(member.id)}`}
              className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
            >
              Open in the audit log
            </Link>
          </p>
        </div>
        <div
          role="group"
          aria-label="Whose actions"
          className="inline-flex rounded-md border border-slate-300 dark:border-slate-600 p-0.5"
        >
          {(
            [
              ['actor', `By ${member.name}`],
              ['target', `About ${member.name}`],
            ] as const
          ).map(([value, label]) => (
            <button
              key={value}
              type="button"
              aria-pressed={side === value}
              onClick={() => choose(value)}
              className={cn(
                'rounded px-3 py-1 text-sm font-medium',
                side === value
                  ? 'bg-indigo-600 text-white'
                  : 'text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800',
              )}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {events.isError ? (
        <ErrorState
          title="The audit trail could not be loaded"
          error={events.error}
          onRetry={() => events.refetch()}
        />
      ) : page && page.results.length === 0 ? (
        <EmptyState
          title={
            side === 'actor'
              ? `${member.name} has not changed anything yet`
              : 'Nothing recorded about them yet'
          }
        />
      ) : (
        <ol
          aria-busy={events.isPending || events.isPlaceholderData || undefined}
          className={cn(
            'divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs',
            events.isPlaceholderData && 'opacity-60',
          )}
        >
          {page
            ? page.results.map((event) => <TrailItem key={event.id} event={event} />)
            : Array.from({ length: 3 }, (_, index) => (
                <li key={index} className="px-4 py-3">
                  <Skeleton className="h-4 w-56" />
                </li>
              ))}
        </ol>
      )}
      {page && (page.metadata.previous_paging_token || page.metadata.next_paging_token) && (
        <nav aria-label="Audit trail pages" className="flex justify-between gap-2">
          <Button
            variant="secondary"
            disabled={!page.metadata.previous_paging_token || events.isPlaceholderData}
            onClick={() => setToken(page.metadata.previous_paging_token ?? undefined)}
          >
            ← Newer
          </Button>
          <Button
            variant="secondary"
            disabled={!page.metadata.next_paging_token || events.isPlaceholderData}
            onClick={() => setToken(page.metadata.next_paging_token ?? undefined)}
          >
            Older →
          </Button>
        </nav>
      )}
    </section>
  );
}

function TrailItem({ event }: { event: AuditEvent }) {
  const { before, after } = describeChange(event);
  return (
    <li className="flex flex-col gap-0.5 px-4 py-3 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
      <div className="min-w-0">
        <span className="font-medium text-slate-900 dark:text-slate-100">{actionLabel(event.action)}</span>
        {event.target.label && (
          <span className="text-slate-600 dark:text-slate-400"> · {event.target.label}</span>
        )}
        {(before || after) && (
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            {before && <span className="line-through">{before}</span>}
            {before && after && ' → '}
            {after}
          </span>
        )}
        {event.actor && (
          <span className="block text-xs text-slate-600 dark:text-slate-400">by {event.actor.name}</span>
        )}
      </div>
      <time
        dateTime={event.created_at}
        title={formatDateTime(event.created_at)}
        className="shrink-0 text-xs text-slate-600 dark:text-slate-400"
      >
        {formatRelative(event.created_at)}
      </time>
    </li>
  );
}
