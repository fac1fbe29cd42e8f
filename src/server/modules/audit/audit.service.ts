import type { AuditEvent, AuditEventPage } from '../../../contract/audit.ts';
import type { AppDeps } from '../../app.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as repo from './audit.repository.ts';

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
    target: { type: row.target_type, id: row.target_id, label: row.target_label },
    before: parseJson(row.before),
    after: parseJson(row.after),
    ip: row.ip,
  };
}

export async function listAuditEvents(
  deps: AppDeps,
  principal: Principal,
  query: { actor?: string; action?: string; count: number; paging_token?: string },
): Promise<AuditEventPage> {
  const filters: repo.AuditFilters = {
    orgId: principal.orgId,
    actorMemberId: query.actor,
    action: query.action,
  };
  const scope = pagingScope(deps.config, {
    list: 'audit',
    orgId: principal.orgId,
    sort: cursorSort,
    filters,
  });
  const cursor = decodeCursor(query.paging_token, scope);
  const db = deps.database.db;
  const [rows, total] = await Promise.all([
    repo.listAuditEventsPage(db, filters, { cursor, limit: query.count }),
    repo.countAuditEvents(db, filters),
  ]);
  const page = keysetPage(rows, {
    count: query.count,
    cursor,
    scope,
    value: (row) => row.created_at,
  });
  return { results: page.rows.map(toAuditEvent), metadata: { total, ...page.metadata } };
}
