import type { Collaborator, CollaboratorPage, MemberSort } from '../../../contract/members.ts';
import type { PermissionLevel } from '../../../contract/roles.ts';
import type { AppDeps } from '../../app.ts';
import { normalizeEmail } from '../../lib/email.ts';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/paging.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as repo from './members.repository.ts';

const sortColumns: Record<string, repo.SortColumn> = {
  name: 'search_text',
  email: 'email',
  created_at: 'created_at',
};

export function toCollaborator(row: repo.MemberRow): Collaborator {
  return {
    id: row.id,
    user_id: row.user_id,
    email: row.email,
    name: row.name,
    permission_level: row.role,
    created_at: row.created_at,
  };
}

export async function listCollaborators(
  deps: AppDeps,
  principal: Principal,
  query: {
    email?: string;
    q?: string;
    permission_level?: PermissionLevel;
    sort: MemberSort;
    count: number;
    paging_token?: string;
  },
): Promise<CollaboratorPage> {
  const descending = query.sort.startsWith('-');
  const column = sortColumns[query.sort.replace(/^-/, '')]!;
  const cursor = decodeCursor(query.paging_token, query.sort);
  const filters: repo.MemberFilters = {
    orgId: principal.orgId,
    email: query.email ? normalizeEmail(query.email) : undefined,
    q: query.q || undefined,
    role: query.permission_level,
  };
  const db = deps.database.db;
  const [rows, total] = await Promise.all([
    repo.listMembersPage(db, filters, { column, descending, cursor, limit: query.count }),
    repo.countMembers(db, filters),
  ]);
  const hasMore = rows.length > query.count;
  const page = rows.slice(0, query.count);
  const backwards = cursor?.direction === 'previous';
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  // Moving forward, a previous page exists when we came from a cursor; moving
  // backward, a next page always exists (the one we came from).
  const hasNext = backwards ? cursor !== undefined : hasMore;
  const hasPrevious = backwards ? hasMore : cursor !== undefined;
  const edge = (row: repo.MemberRow, direction: 'next' | 'previous') =>
    encodeCursor({ sort: query.sort, value: row[column], id: row.id, direction });
  return {
    results: page.map(toCollaborator),
    metadata: {
      total,
      next_paging_token: hasNext && last ? edge(last, 'next') : null,
      previous_paging_token: hasPrevious && first ? edge(first, 'previous') : null,
    },
  };
}

export async function getCollaborator(
  deps: AppDeps,
  principal: Principal,
  id: string,
): Promise<Collaborator> {
  const row = await repo.findMember(deps.database.db, principal.orgId, id);
  if (!row) throw notFound('This member');
  return toCollaborator(row);
}
