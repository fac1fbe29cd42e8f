import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '#contract/audit.ts';
import { auditActions, auditTotalCap } from '#contract/audit.ts';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { formatDateTime, formatRelative } from '../../../components/format.ts';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input, Select } from '../../../components/ui/input.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { cn } from '../../../lib/cn.ts';
import { auditExportHref, auditQueries } from '../api/audit-queries.ts';
import { useAuditLogParams } from '../hooks/use-audit-log-params.ts';
import { actionLabel, describeChange } from './audit-labels.ts';

/** Organization settings › Audit log (owners): who did what, newest first. */
export function AuditLogPage({ organizationName }: { organizationName: string }) {
  const params = useAuditLogParams();
  const { filters } = params;
  const events = useQuery(auditQueries.list(filters));
  const page = events.data;
  const actorName = page?.results.find((event) => event.actor?.id === filters.actor)?.actor?.name;

  let content: React.ReactNode;
  if (events.isError && isApiError(events.error, 'invalid_paging_token')) {
    content = (
      <EmptyState
        title="This page link is no longer valid"
        action={<Button onClick={() => params.goToPage(null)}>Go to the newest events</Button>}
      />
    );
  } else if (events.isError) {
    content = (
      <ErrorState
        title="The audit log could not be loaded"
        error={events.error}
        onRetry={() => events.refetch()}
      />
    );
  } else if (page && page.results.length === 0) {
    content = (
      <EmptyState
        title={params.hasFilters ? 'No events match these filters' : 'Nothing has happened yet'}
        action={
          params.hasFilters ? (
            <Button variant="secondary" onClick={params.clearFilters}>
              Clear filters
            </Button>
          ) : undefined
        }
      >
        {params.hasFilters
          ? 'Try another action, person or date range.'
          : 'Role changes, removals, invitations, cloud access and API keys are recorded here.'}
      </EmptyState>
    );
  } else {
    content = (
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
        {events.isPlaceholderData && (
          <div aria-hidden className="absolute inset-x-0 top-0 h-0.5 animate-pulse bg-indigo-500" />
        )}
        <table
          className="w-full text-left text-sm"
          aria-busy={events.isPending || events.isPlaceholderData || undefined}
        >
          <caption className="sr-only">Audit log of {organizationName}, newest first</caption>
          <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="hidden px-4 py-2 whitespace-nowrap md:table-cell">
                Time
              </th>
              <th scope="col" className="hidden px-4 py-2 md:table-cell">
                Actor
              </th>
              <th scope="col" className="px-4 py-2">
                Event
              </th>
              <th scope="col" className="hidden px-4 py-2 sm:table-cell">
                Change
              </th>
            </tr>
          </thead>
          <tbody
            className={cn(
              'divide-y divide-slate-100 dark:divide-slate-800',
              events.isPlaceholderData && 'opacity-60',
            )}
          >
            {page
              ? page.results.map((event) => (
                  <EventRow key={event.id} event={event} onActorFilter={params.setActor} />
                ))
              : Array.from({ length: 6 }, (_, index) => <SkeletonRow key={index} />)}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Audit log"
        description={`Who changed what in ${organizationName}: roles, removals, invitations, cloud access and API keys.`}
        actions={
          <Button asChild variant="secondary">
            <a href={auditExportHref(filters)} download>
              {params.hasFilters ? 'Export these events (CSV)' : 'Export all events (CSV)'}
            </a>
          </Button>
        }
      />
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="audit-action" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Action
          </label>
          <Select
            id="audit-action"
            value={filters.action ?? ''}
            onChange={(event) => params.setAction(event.target.value || undefined)}
          >
            <option value="">All actions</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </Select>
        </div>
        <ActorFilter value={filters.actor} valueName={actorName} onChange={params.setActor} />
        <DateRangeFilter
          from={filters.from}
          to={filters.to}
          onFromChange={(from) => params.setRange({ from })}
          onToChange={(to) => params.setRange({ to })}
        />
        {params.hasFilters && (
          <Button variant="ghost" onClick={params.clearFilters}>
            Clear filters
          </Button>
        )}
      </div>
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {page
          ? eventCountLabel(page.metadata.total, page.metadata.total_capped, params.hasFilters)
          : events.isPending
            ? 'Loading events…'
            : ''}
      </p>
      {content}
      {page && (page.metadata.previous_paging_token || page.metadata.next_paging_token) && (
        <nav aria-label="Audit log pages" className="flex justify-between gap-2">
          <Button
            variant="secondary"
            disabled={!page.metadata.previous_paging_token || events.isPlaceholderData}
            onClick={() => params.goToPage(page.metadata.previous_paging_token)}
          >
            ← Newer
          </Button>
          <Button
            variant="secondary"
            disabled={!page.metadata.next_paging_token || events.isPlaceholderData}
            onClick={() => params.goToPage(page.metadata.next_paging_token)}
          >
            Older →
          </Button>
        </nav>
      )}
    </div>
  );
}

function ActorCell({ event, onActorFilter }: { event: AuditEvent; onActorFilter: (id: string) => void }) {
  if (!event.actor && event.directory) {
    return (
      <span className="flex flex-col">
        <span className="text-slate-800 dark:text-slate-200">{event.directory.label}</span>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          token “{event.directory.token_name}”
        </span>
      </span>
    );
  }
  if (!event.actor) return <span className="text-slate-600 dark:text-slate-400">System</span>;
  const actor = event.actor;
  return (
    <div className="flex min-w-0 flex-col">
      <span className="flex flex-wrap items-center gap-1">
        <button
          type="button"
          onClick={() => onActorFilter(actor.id)}
          className="text-left font-medium text-slate-900 dark:text-slate-100 underline-offset-2 hover:underline"
          title={`Show only what ${actor.name} did`}
        >
          {actor.name}
        </button>
        {actor.removed && <Badge>removed</Badge>}
      </span>
      <span
        className="block max-w-56 truncate text-xs text-slate-600 dark:text-slate-400"
        title={actor.email}
      >
        {actor.email}
      </span>
      {event.api_key && (
        <span className="text-xs text-slate-600 dark:text-slate-400">via API key “{event.api_key.name}”</span>
      )}
      {event.ip && <span className="text-xs text-slate-600 dark:text-slate-400">from {event.ip}</span>}
    </div>
  );
}

function Change({ event }: { event: AuditEvent }) {
  const { before, after } = describeChange(event);
  if (!before && !after) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <span className="text-slate-700 dark:text-slate-300">
      {before && (
        <span className="line-through decoration-slate-400 dark:decoration-slate-500">{before}</span>
      )}
      {before && after && (
        <span aria-label="changed to" role="img" className="px-1.5 text-slate-500 dark:text-slate-400">
          →
        </span>
      )}
      {after && <span className="font-medium text-slate-900 dark:text-slate-100">{after}</span>}
    </span>
  );
}

function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

function EventRow({ event, onActorFilter }: { event: AuditEvent; onActorFilter: (id: string) => void }) {
  return (
    <tr className="align-top">
      <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 md:table-cell">
        <Time iso={event.created_at} />
      </td>
      <td className="hidden px-4 py-3 md:table-cell">
        <ActorCell event={event} onActorFilter={onActorFilter} />
      </td>
      <th scope="row" className="px-4 py-3 text-left font-normal">
        <span className="block font-medium text-slate-900 dark:text-slate-100">
          {actionLabel(event.action)}
        </span>
        {event.target.label && (
          <span className="block text-xs break-words text-slate-600 dark:text-slate-400">
            {event.target.label}
          </span>
        )}
        {/* On narrow screens the other columns stack here. */}
        <div className="mt-2 flex flex-col gap-1 text-xs md:hidden">
          <ActorCell event={event} onActorFilter={onActorFilter} />
          <span className="text-slate-600 dark:text-slate-400">
            <Time iso={event.created_at} />
          </span>
          <span className="sm:hidden">
            <Change event={event} />
          </span>
        </div>
      </th>
      <td className="hidden px-4 py-3 sm:table-cell">
        <Change event={event} />
      </td>
    </tr>
  );
}

function SkeletonRow() {
  return (
    <tr>
      <td className="hidden px-4 py-3 md:table-cell">
        <Skeleton className="h-4 w-20" />
      </td>
      <td className="hidden px-4 py-3 md:table-cell">
        <Skeleton className="h-4 w-32" />
      </td>
      <td className="px-4 py-3">
        <Skeleton className="h-4 w-40" />
      </td>
      <td className="hidden px-4 py-3 sm:table-cell">
        <Skeleton className="h-4 w-36" />
      </td>
    </tr>
  );
}

/** Actor filter: search members by name or email, then pick one. */
function ActorFilter({
  value,
  valueName,
  onChange,
}: {
  value: string | undefined;
  valueName: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const [q, setQ] = React.useState('');
  const candidates = useQuery(auditQueries.actors(q.trim()));
  const people = candidates.data?.results ?? [];
  const showChosen = value !== undefined && !people.some((person) => person.id === value);
  return (
    <div className="flex flex-col gap-1.5">
      <span id="audit-actor-label" className="text-sm font-medium text-slate-800 dark:text-slate-200">
        Actor
      </span>
      <div className="flex gap-2">
        <Input
          type="search"
          aria-label="Search people to filter by"
          placeholder="Search people…"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          className="w-40"
        />
        <Select
          aria-labelledby="audit-actor-label"
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value || undefined)}
          className="min-w-0 flex-1 sm:w-56 sm:flex-none"
          aria-busy={candidates.isFetching || undefined}
        >
          <option value="">Anyone</option>
          {showChosen && <option value={value}>{valueName ?? 'Selected person'}</option>}
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({person.email})
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}

/** Totals are exact up to 1,000 events; beyond, the server stops counting and the page says "1,000+". */
function eventCountLabel(total: number, capped: boolean | undefined, filtered: boolean): string {
  const count = `${total.toLocaleString()}${capped ? '+' : ''}`;
  const label = `${count} ${total === 1 && !capped ? 'event' : 'events'}${filtered ? ' found' : ''}`;
  return capped
    ? `${label} (counting stops at ${auditTotalCap.toLocaleString()}; narrow the dates for an exact count)`
    : label;
}

/** From and to days, both included (the viewer's time zone). */
function DateRangeFilter({
  from,
  to,
  onFromChange,
  onToChange,
}: {
  from: string | undefined;
  to: string | undefined;
  onFromChange: (from: string | undefined) => void;
  onToChange: (to: string | undefined) => void;
}) {
  return (
    <fieldset className="flex gap-2">
      <legend className="sr-only">Date range</legend>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="audit-from" className="text-sm font-medium text-slate-800 dark:text-slate-200">
          From
        </label>
        <Input
          id="audit-from"
          type="date"
          value={from ?? ''}
          max={to}
          onChange={(event) => onFromChange(event.target.value || undefined)}
          className="w-40"
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="audit-to" className="text-sm font-medium text-slate-800 dark:text-slate-200">
          To
        </label>
        <Input
          id="audit-to"
          type="date"
          value={to ?? ''}
          min={from}
          onChange={(event) => onToChange(event.target.value || undefined)}
          className="w-40"
        />
      </div>
    </fieldset>
  );
}
