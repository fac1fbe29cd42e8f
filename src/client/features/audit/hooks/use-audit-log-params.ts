import * as React from 'react';
import { useSearchParams } from 'react-router';
import type { AuditLogFilters } from '../api/audit-queries.ts';

const day = /^\d{4}-\d{2}-\d{2}$/;

/** The audit log's filters live in the URL (`?actor=&action=&from=&to=&page=`); days are YYYY-MM-DD. */
export function auditFiltersFrom(params: URLSearchParams): AuditLogFilters {
  const date = (key: string) => {
    const value = params.get(key);
    return value && day.test(value) ? value : undefined;
  };
  return {
    actor: params.get('actor') || undefined,
    action: params.get('action') || undefined,
    from: date('from'),
    to: date('to'),
    paging_token: params.get('page') || undefined,
  };
}

type Key = 'actor' | 'action' | 'from' | 'to' | 'page';

export function useAuditLogParams() {
  const [params, setParams] = useSearchParams();
  const filters = auditFiltersFrom(params);
  type Changes = Partial<Record<Key, string | undefined>>;
  // Changes build on the URL as the last change left it, not as it was at the last
  // render: react-router's functional setSearchParams reads the rendered params, so
  // From and To filled in one tick would otherwise drop the first.
  const latest = React.useRef(params);
  React.useLayoutEffect(() => {
    latest.current = params;
  }, [params]);
  const update = (changes: Changes | ((current: AuditLogFilters) => Changes)) => {
    const next = new URLSearchParams(latest.current);
    const resolved = typeof changes === 'function' ? changes(auditFiltersFrom(latest.current)) : changes;
    for (const [key, value] of Object.entries(resolved)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    latest.current = next;
    setParams(next, { preventScrollReset: true });
  };
  return {
    filters,
    hasFilters: Boolean(filters.actor || filters.action || filters.from || filters.to),
    /** A filter change starts again from the newest events. */
    setActor: (actor: string | undefined) => update({ actor, page: undefined }),
    setAction: (action: string | undefined) => update({ action, page: undefined }),
    /** A start after the end (or an end before the start) moves the other bound with it: never an empty, invalid range. */
    setRange: (range: { from?: string } | { to?: string }) =>
      update((current) => {
        const from = 'from' in range ? range.from : current.from;
        const to = 'to' in range ? range.to : current.to;
        const crossed = from && to && from > to;
        return {
          from: crossed && 'to' in range ? to : from,
          to: crossed && 'from' in range ? from : to,
          page: undefined,
        };
      }),
    goToPage: (token: string | null) => update({ page: token ?? undefined }),
    clearFilters: () =>
      update({ actor: undefined, action: undefined, from: undefined, to: undefined, page: undefined }),
  };
}
