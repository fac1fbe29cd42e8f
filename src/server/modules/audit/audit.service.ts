import { auditTotalCap, directoryActorLabel, type AuditEvent, type AuditEventPage } from '#contract/audit.ts';
import type { AppDeps } from '../../deps.ts';
import { chunkedCsv, exportChunkRows } from '../../lib/csv.ts';
import { badRequest } from '../../lib/errors.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as repo from './audit.repository.ts';
import type { AuditActor } from './audit.repository.ts';

type EventRow = Awaited<ReturnType<typeof repo.listAuditEventsPage>>[number];

// The cursor is bound to this ordering; a members cursor cannot be replayed here.
const cursorSort = 'audit:-created_at';

function parseJson(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function toAuditEvent(row: EventRow): AuditEvent {
  return {
    id: row.id,
    action: row.action,
    created_at: row.created_at,
    actor:
      row.actor_member_id && row.actor_name !== null && row.actor_email !== null
        ? {
            id: row.actor_member_id,
            name: row.actor_name,
            email: row.actor_email,
            removed: row.actor_removed_at !== null,
          }
        : null,
    api_key:
      row.actor_api_key_id && row.api_key_name !== null
        ? { id: row.actor_api_key_id, name: row.api_key_name }
        : null,
    directory: row.actor_scim_token_id
      ? {
          label: directoryActorLabel,
          token_id: row.actor_scim_token_id,
          token_name: row.scim_token_name ?? '',
        }
      : null,
    target: { type: row.target_type, id: row.target_id, label: row.target_label },
    before: parseJson(row.before),
    after: parseJson(row.after),
    ip: row.ip,
  };
}

export type AuditFilterQuery = {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
};

/** Date-only bounds mean UTC midnight; every bound is compared as the stored ISO text. */
function auditFilters(principal: Principal, query: AuditFilterQuery): repo.AuditFilters {
  const from = query.from ? new Date(query.from).toISOString() : undefined;
  const to = query.to ? new Date(query.to).toISOString() : undefined;
  if (from && to && from > to) {
    throw badRequest('invalid_date_range', 'The start of the date range must not be after its end.');
  }
  return {
    orgId: principal.orgId,
    actorMemberId: query.actor,
    action: query.action,
    targetId: query.target,
    from,
    to,
  };
}

export async function listAuditEvents(
  deps: AppDeps,
  principal: Principal,
  query: AuditFilterQuery & { count: number; paging_token?: string },
): Promise<AuditEventPage> {
  const filters = auditFilters(principal, query);
  const scope = pagingScope(deps.config, {
    list: 'audit',
    orgId: principal.orgId,
    sort: cursorSort,
    filters,
  });
  const cursor = decodeCursor(query.paging_token, scope);
  const db = deps.database.db;
  const [rows, counted] = await Promise.all([
    repo.listAuditEventsPage(db, filters, { cursor, limit: query.count }),
    repo.countAuditEventsUpTo(db, filters, auditTotalCap),
  ]);
  const page = keysetPage(rows, {
    count: query.count,
    cursor,
    scope,
    value: (row) => row.created_at,
  });
  return {
    results: page.rows.map(toAuditEvent),
    metadata: { total: counted.total, ...(counted.capped ? { total_capped: true } : {}), ...page.metadata },
  };
}

const auditCsvHeader = [
  'time',
  'action',
  'actor_name',
  'actor_email',
  'actor_id',
  'api_key',
  'target_type',
  'target_id',
  'target',
  'before',
  'after',
  'ip',
];

/**
 * The filtered audit log as CSV, newest first, read in keyset chunks so an
 * export of a million events never holds more than one chunk. The export
 * itself is audited (who took a copy of the log, and of which range) before
 * the first row is read.
 */
export async function exportAuditEvents(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  query: AuditFilterQuery,
): Promise<AsyncIterable<string>> {
  const filters = auditFilters(principal, query);
  const db = deps.database.db;
  await repo.insertAuditEvent(db, {
    orgId: principal.orgId,
    actor,
    action: 'audit.exported',
    targetType: 'audit_log',
    after: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)),
    at: deps.config.now().toISOString(),
  });
  return chunkedCsv<Awaited<ReturnType<typeof repo.listAuditEventsPage>>[number]>({
    header: auditCsvHeader,
    // Audit rows carry before and after: no more than 500 to a chunk.
    limit: Math.min(exportChunkRows[deps.database.dialect], 500),
    read: (last, limit) =>
      repo.listAuditEventsPage(db, filters, {
        cursor: last && { sort: cursorSort, value: last.created_at, id: last.id, direction: 'next' },
        limit,
      }),
    cells: (row) => {
      const event = toAuditEvent(row);
      return [
        event.created_at,
        event.action,
        event.actor?.name ?? event.directory?.label,
        event.actor?.email,
        event.actor?.id,
        event.api_key?.name,
        event.target.type,
        event.target.id,
        event.target.label,
        row.before,
        row.after,
        event.ip,
      ];
    },
  });
}
