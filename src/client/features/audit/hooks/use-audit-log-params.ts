import { useSearchParams } from 'react-router';
import type { AuditLogFilters } from '../api/audit-queries.ts';

/** The audit log's filters live in the URL (`?actor=&action=&page=`). */
export function auditFiltersFrom(params: URLSearchParams): AuditLogFilters {
  return {
    actor: params.get('actor') || undefined,
    action: params.get('action') || undefined,
    paging_token: params.get('page') || undefined,
  };
}

export function useAuditLogParams() {
  const [params, setParams] = useSearchParams();
  const filters = auditFiltersFrom(params);
  const update = (changes: Partial<Record<'actor' | 'action' | 'page', string | undefined>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { preventScrollReset: true },
    );
  return {
    filters,
    hasFilters: Boolean(filters.actor || filters.action),
    /** A filter change starts again from the newest events. */
    setActor: (actor: string | undefined) => update({ actor, page: undefined }),
    setAction: (action: string | undefined) => update({ action, page: undefined }),
    goToPage: (token: string | null) => update({ page: token ?? undefined }),
    clearFilters: () => update({ actor: undefined, action: undefined, page: undefined }),
  };
}
