import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditEventPage } from '../../../../contract/audit.ts';
import type { CollaboratorPage } from '../../../../contract/members.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type AuditLogFilters = { actor?: string; action?: string; paging_token?: string };

export const auditPageSize = 25;

export const auditQueries = {
  all: queryKeys.audit,
  lists: () => [...auditQueries.all(), 'list'] as const,
  list: (filters: AuditLogFilters) =>
    queryOptions({
      queryKey: [...auditQueries.lists(), filters] as const,
      queryFn: () => api.get<AuditEventPage>('/audit_events', { count: auditPageSize, ...filters }),
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
