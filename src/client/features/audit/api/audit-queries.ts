import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditEventPage } from '#contract/audit.ts';
import type { CollaboratorPage } from '#contract/members.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** `from` and `to` are local calendar days (`2026-03-01`), both included. */
export type AuditLogFilters = {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  paging_token?: string;
  count?: number;
};

export const auditPageSize = 25;

function localMidnight(day: string, addDays = 0): string | undefined {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return undefined;
  return new Date(year, month - 1, date + addDays).toISOString();
}

/**
 * The API's filters for the console's: a day range in the viewer's time zone
 * becomes instants, from the first day's midnight to the midnight after the last.
 */
export function auditApiParams({ from, to, ...rest }: AuditLogFilters) {
  return {
    ...rest,
    from: from ? localMidnight(from) : undefined,
    to: to ? localMidnight(to, 1) : undefined,
  };
}

/** The CSV download of what the filters select (every page of it). */
export function auditExportHref(filters: AuditLogFilters): string {
  const params = new URLSearchParams();
  const { paging_token: _token, count: _count, ...rest } = auditApiParams(filters);
  for (const [key, value] of Object.entries(rest)) if (value) params.set(key, value);
  const query = params.toString();
  return `/api/v2/audit_events/export${query ? `?${query}` : ''}`;
}

export const auditQueries = {
  all: queryKeys.audit,
  lists: () => [...auditQueries.all(), 'list'] as const,
  list: (filters: AuditLogFilters) =>
    queryOptions({
      queryKey: [...auditQueries.lists(), filters] as const,
      queryFn: () =>
        api.get<AuditEventPage>('/audit_events', { count: auditPageSize, ...auditApiParams(filters) }),
      placeholderData: keepPreviousData,
      // The log only grows; show new events when the page is revisited.
      staleTime: 0,
    }),
  /** Members to pick as the actor filter. */
  actors: (q: string) =>
    queryOptions({
      queryKey: [...auditQueries.all(), 'actors', q] as const,
      queryFn: () => api.get<CollaboratorPage>('/organization_collaborators', { q, count: 50, sort: 'name' }),
      placeholderData: keepPreviousData,
    }),
};
