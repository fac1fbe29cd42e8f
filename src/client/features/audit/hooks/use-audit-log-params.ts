import { useSearchParamsState, type SearchParamChanges } from '../../../lib/use-search-params-state.ts';
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
type Changes = SearchParamChanges<Key>;

export function useAuditLogParams() {
  const [params, setParams] = useSearchParamsState<Key>();
  const filters = auditFiltersFrom(params);
  const update = (changes: Changes | ((current: AuditLogFilters) => Changes)) =>
    setParams((current) => (typeof changes === 'function' ? changes(auditFiltersFrom(current)) : changes));
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
