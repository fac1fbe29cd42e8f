import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import type { AppDeps } from '../../deps.ts';
import type { Trx } from '../../db/transaction.ts';
import { newId } from '../../lib/crypto.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import * as members from '../members/members.repository.ts';
import { deprovisionUnderLock } from '../members/members.service.ts';
import { underOrganizationLock } from '../members/owner-lock.ts';
import type { DirectoryPrincipal } from '../directory-sync/scim-tokens.service.ts';
import { scimEndpoint } from '../directory-sync/scim-tokens.service.ts';
import { ScimError } from './scim-errors.ts';
import {
  groupFilter,
  listResponse,
  memberName,
  readUserAttributes,
  schemas,
  scimPage,
  toScimUser,
  userFilterToSql,
  type UserAttributes,
} from './scim-resources.ts';
import * as groups from '../groups/groups.repository.ts';
import * as repo from './scim.repository.ts';

export type ScimContext = { deps: AppDeps; directory: DirectoryPrincipal; ip: string | null };

const actorOf = (context: ScimContext): AuditActor => ({
  memberId: null,
  apiKeyId: null,
  ip: context.ip,
  scimTokenId: context.directory.tokenId,
});

const userNotFound = (id: string) => new ScimError(404, `User ${id} not found.`);
const groupNotFound = (id: string) => new ScimError(404, `Group ${id} not found.`);

async function userResource(context: ScimContext, row: repo.ScimUserRow) {
  const groups = await repo.listGroupsOfScimUser(context.deps.database.db, row.id);
  return toScimUser(row, scimEndpoint(context.deps), groups);
}

export async function listUsers(
  context: ScimContext,
  query: { filter?: string; startIndex?: string; count?: string },
) {
  const where = userFilterToSql(query.filter);
  const page = scimPage(query);
  const db = context.deps.database.db;
  const orgId = context.directory.orgId;
  const [total, rows] = await Promise.all([
    repo.countScimUsers(db, orgId, where),
    repo.listScimUsers(db, orgId, where, page),
  ]);
  const base = scimEndpoint(context.deps);
  return listResponse(
    rows.map((row) => toScimUser(row, base)),
    total,
    page.startIndex,
  );
}

export async function getUser(context: ScimContext, id: string) {
  const row = await repo.findScimUser(context.deps.database.db, context.directory.orgId, id);
  if (!row) throw userNotFound(id);
  return userResource(context, row);
}

/**
 * A new SCIM user. A person who is already an active member with that email
 * (invited before the directory was connected, or the owner who connected it)
 * is linked, not duplicated.
 */
export async function createUser(context: ScimContext, body: unknown) {
  const attributes = readUserAttributes(body);
  const { deps, directory } = context;
  const id = await underOrganizationLock(deps, directory.orgId, async (trx) => {
    await requireUniqueUserName(trx, directory.orgId, attributes.userName, null);
    const at = deps.config.now().toISOString();
    const scimUserId = newId();
    let memberId: string | null = null;
    if (attributes.active) {
      memberId = await activeMembership(trx, context, attributes, { scimUserId, at });
    }
    await repo.insertScimUser(trx, {
      id: scimUserId,
      org_id: directory.orgId,
      member_id: memberId,
      user_name: attributes.userName,
      user_name_key: attributes.userName.toLowerCase(),
      external_id: attributes.externalId,
      email: attributes.email,
      given_name: attributes.givenName,
      family_name: attributes.familyName,
      display_name: attributes.displayName,
      active: attributes.active ? 1 : 0,
      created_at: at,
      updated_at: at,
    });
    return scimUserId;
  });
  return getUser(context, id);
}

export async function replaceUser(context: ScimContext, id: string, body: unknown) {
  return updateUser(context, id, () => readUserAttributes(body));
}

/** PATCH in the dialects identity providers speak (Okta: lower-case ops with a value object; Entra ID: "Replace" with paths and "False"). */
export async function patchUser(context: ScimContext, id: string, body: unknown) {
  const operations = patchOperations(body);
  return updateUser(context, id, (current) => {
    let patched: ScimResource;
    try {
      patched = scimPatch(current as unknown as ScimResource, operations, { mutateDocument: false });
    } catch (error) {
      throw new ScimError(400, error instanceof Error ? error.message : 'Invalid PATCH.', 'invalidValue');
    }
    return readUserAttributes(patched);
  });
}

export async function deleteUser(context: ScimContext, id: string): Promise<void> {
  const { deps, directory } = context;
  const outcome = await underOrganizationLock(deps, directory.orgId, async (trx) => {
    const row = await repo.findScimUser(trx, directory.orgId, id);
    if (!row) throw userNotFound(id);
    if (row.active === 1 && row.member_id) {
      const result = await deprovisionUnderLock(
        trx,
        deps,
        { orgId: directory.orgId },
        actorOf(context),
        row.member_id,
      );
      if (result.outcome === 'refused') {
        await auditRefusal(trx, context, row);
        return 'refused' as const;
      }
    }
    await repo.deleteScimUser(trx, id);
    return 'deleted' as const;
  });
  if (outcome === 'refused') throw lastOwnerRefusal();
}

async function updateUser(
  context: ScimContext,
  id: string,
  next: (current: ReturnType<typeof toScimUser>) => UserAttributes,
) {
  const { deps, directory } = context;
  const outcome = await underOrganizationLock(deps, directory.orgId, async (trx) => {
    const row = await repo.findScimUser(trx, directory.orgId, id);
    if (!row) throw userNotFound(id);
    const attributes = next(toScimUser(row, scimEndpoint(deps)));
    await requireUniqueUserName(trx, directory.orgId, attributes.userName, row.id);
    const at = deps.config.now().toISOString();
    const wasActive = row.active === 1 && row.member_id !== null;
    let memberId = row.member_id;
    if (wasActive && !attributes.active) {
      // Checked before anything else changes, so a refusal leaves only its audit event behind.
      const result = await deprovisionUnderLock(
        trx,
        deps,
        { orgId: directory.orgId },
        actorOf(context),
        row.member_id!,
      );
      if (result.outcome === 'refused') {
        await auditRefusal(trx, context, row);
        return 'refused' as const;
      }
    } else if (!wasActive && attributes.active) {
      memberId = await activeMembership(trx, context, attributes, {
        scimUserId: row.id,
        at,
      });
    } else if (wasActive) {
      await syncMember(trx, context, row.member_id!, row, attributes, at);
    }
    await repo.updateScimUser(trx, row.id, {
      member_id: memberId,
      user_name: attributes.userName,
      user_name_key: attributes.userName.toLowerCase(),
      external_id: attributes.externalId,
      email: attributes.email,
      given_name: attributes.givenName,
      family_name: attributes.familyName,
      display_name: attributes.displayName,
      active: attributes.active ? 1 : 0,
      updated_at: at,
    });
    // A fresh membership joins the groups the directory lists the person in.
    if (!wasActive && attributes.active) await groups.syncScimMemberships(trx, { scimUserId: row.id });
    return 'updated' as const;
  });
  if (outcome === 'refused') throw lastOwnerRefusal();
  return getUser(context, id);
}

const lastOwnerRefusal = () =>
  new ScimError(
    409,
    'This person is the last owner of the organization and is never deprovisioned by the directory. Make someone else an owner in Roster first.',
  );

async function auditRefusal(trx: Trx, context: ScimContext, row: repo.ScimUserRow): Promise<void> {
  await audit.insertAuditEvent(trx, {
    orgId: context.directory.orgId,
    actor: actorOf(context),
    action: 'member.deprovision_refused',
    targetType: 'member',
    targetId: row.member_id,
    targetLabel: row.email,
    after: { reason: 'last_owner' },
    at: context.deps.config.now().toISOString(),
  });
}

async function requireUniqueUserName(trx: Trx, orgId: string, userName: string, self: string | null) {
  const taken = await repo.findScimUserByUserName(trx, orgId, userName.toLowerCase());
  if (taken && taken.id !== self) {
    throw new ScimError(409, `userName ${userName} is already taken.`, 'uniqueness');
  }
}

/**
 * The membership an active SCIM user stands for: an existing active member with
 * the address (linked), else a fresh collaborator without a password and with no
 * grants (source "scim"). Reactivation comes through here too, so it never
 * brings old grants back.
 */
async function activeMembership(
  trx: Trx,
  context: ScimContext,
  attributes: UserAttributes,
  ids: { scimUserId: string; at: string },
): Promise<string> {
  const orgId = context.directory.orgId;
  const existing = await members.findActiveMemberByEmail(trx, orgId, attributes.email);
  if (existing) {
    if (existing.is_service_account === 1) {
      throw new ScimError(409, `${attributes.email} is a service account, not a person.`, 'uniqueness');
    }
    const linked = await repo.findScimUserByMember(trx, existing.id);
    if (linked && linked.id !== ids.scimUserId) {
      throw new ScimError(409, `${attributes.email} belongs to another directory user.`, 'uniqueness');
    }
    return existing.id;
  }
  const memberId = newId();
  const name = memberName(attributes);
  await members.insertMember(trx, {
    id: memberId,
    user_id: newId(),
    org_id: orgId,
    email: attributes.email,
    name,
    role: 'collaborator',
    password_hash: null,
    created_at: ids.at,
    invited_by: null,
    source: 'scim',
  });
  await audit.insertAuditEvent(trx, {
    orgId,
    actor: actorOf(context),
    action: 'member.provisioned',
    targetType: 'member',
    targetId: memberId,
    targetLabel: `${name} <${attributes.email}>`,
    after: { permission_level: 'collaborator', scim_user_id: ids.scimUserId },
    at: ids.at,
  });
  return memberId;
}

async function syncMember(
  trx: Trx,
  context: ScimContext,
  memberId: string,
  row: repo.ScimUserRow,
  attributes: UserAttributes,
  at: string,
): Promise<void> {
  const member = await members.findMember(trx, context.directory.orgId, memberId);
  if (!member) return;
  const name = memberName(attributes);
  if (member.name === name && member.email === attributes.email) return;
  if (member.email !== attributes.email) {
    const other = await members.findActiveMemberByEmail(trx, context.directory.orgId, attributes.email);
    if (other && other.id !== memberId) {
      throw new ScimError(409, `${attributes.email} is already a member's address.`, 'uniqueness');
    }
  }
  await repo.updateMemberIdentity(trx, memberId, {
    name,
    email: attributes.email,
    search_text: members.searchText(name, attributes.email),
  });
  await audit.insertAuditEvent(trx, {
    orgId: context.directory.orgId,
    actor: actorOf(context),
    action: 'member.updated_by_directory',
    targetType: 'member',
    targetId: memberId,
    targetLabel: `${name} <${attributes.email}>`,
    before: { name: member.name, email: member.email },
    after: { name, email: attributes.email, scim_user_id: row.id },
    at,
  });
}

function patchOperations(body: unknown): ScimPatchOperation[] {
  const operations = (body as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimError(400, 'A PatchOp body needs a non-empty Operations array.', 'invalidSyntax');
  }
  for (const operation of operations) {
    const op = (operation as { op?: unknown })?.op;
    if (typeof op !== 'string' || !['add', 'remove', 'replace'].includes(op.toLowerCase())) {
      throw new ScimError(400, 'Each operation is add, remove or replace.', 'invalidSyntax');
    }
  }
  return operations as ScimPatchOperation[];
}

// Groups: the directory's record stays in scim_groups / scim_group_members (its
// users, active or not); every write mirrors it into a group with source 'scim'
// whose members are those users' active memberships (read-only in the console).

/** Group names are unique per organization ignoring case, manual groups included. */
async function requireFreeGroupName(
  trx: Trx,
  orgId: string,
  displayName: string,
  scimGroupId: string | null,
) {
  const taken = await groups.findGroupByName(trx, orgId, displayName);
  if (taken && taken.id !== scimGroupId) {
    throw new ScimError(409, `A group named ${displayName} exists.`, 'uniqueness');
  }
}

type GroupResource = {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members: { value: string; display?: string; $ref?: string }[];
  meta: { resourceType: 'Group'; created: string; lastModified: string; location: string };
};

async function groupResources(
  context: ScimContext,
  rows: repo.ScimGroupRow[],
  db: Trx | AppDeps['database']['db'] = context.deps.database.db,
): Promise<GroupResource[]> {
  const base = scimEndpoint(context.deps);
  const memberRows = await repo.listGroupMembers(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    schemas: [schemas.group],
    id: row.id,
    ...(row.external_id !== null ? { externalId: row.external_id } : {}),
    displayName: row.display_name,
    members: memberRows
      .filter((member) => member.group_id === row.id)
      .map((member) => ({
        value: member.id,
        display: member.display_name ?? member.user_name,
        $ref: `${base}/Users/${member.id}`,
      })),
    meta: {
      resourceType: 'Group',
      created: row.created_at,
      lastModified: row.updated_at,
      location: `${base}/Groups/${row.id}`,
    },
  }));
}

export async function listGroups(
  context: ScimContext,
  query: { filter?: string; startIndex?: string; count?: string; excludedAttributes?: string },
) {
  const page = scimPage(query);
  const { total, rows } = await repo.listScimGroups(
    context.deps.database.db,
    context.directory.orgId,
    groupFilter(query.filter),
    page,
  );
  let resources = await groupResources(context, rows);
  if (query.excludedAttributes?.split(',').some((a) => a.trim().toLowerCase() === 'members')) {
    resources = resources.map(({ members: _members, ...rest }) => ({ ...rest, members: [] }));
  }
  return listResponse(resources, total, page.startIndex);
}

export async function getGroup(context: ScimContext, id: string) {
  const row = await repo.findScimGroup(context.deps.database.db, context.directory.orgId, id);
  if (!row) throw groupNotFound(id);
  return (await groupResources(context, [row]))[0]!;
}

type GroupAttributes = { displayName: string; externalId: string | null; memberIds: string[] };

function readGroupAttributes(body: unknown): GroupAttributes {
  const resource = (body ?? {}) as Record<string, unknown>;
  const displayName = typeof resource.displayName === 'string' ? resource.displayName.trim() : '';
  if (!displayName || displayName.length > 200) {
    throw new ScimError(400, 'displayName is required (at most 200 characters).', 'invalidValue');
  }
  const list = Array.isArray(resource.members) ? (resource.members as { value?: unknown }[]) : [];
  const memberIds = [...new Set(list.map((member) => String(member?.value ?? '')).filter(Boolean))];
  const externalId =
    typeof resource.externalId === 'string' && resource.externalId ? resource.externalId : null;
  return { displayName, externalId, memberIds };
}

async function knownMembers(trx: Trx, orgId: string, ids: string[]): Promise<string[]> {
  const known = await repo.existingScimUserIds(trx, orgId, ids);
  if (known.length !== ids.length) {
    const missing = ids.filter((id) => !known.includes(id));
    throw new ScimError(400, `Unknown member ${missing.join(', ')}.`, 'invalidValue');
  }
  return known;
}

export async function createGroup(context: ScimContext, body: unknown) {
  const attributes = readGroupAttributes(body);
  const { deps, directory } = context;
  const id = newId();
  await underOrganizationLock(deps, directory.orgId, async (trx) => {
    const taken = await repo.listScimGroups(
      trx,
      directory.orgId,
      { displayName: attributes.displayName },
      { offset: 0, limit: 1 },
    );
    if (taken.total > 0) {
      throw new ScimError(409, `A group named ${attributes.displayName} exists.`, 'uniqueness');
    }
    await requireFreeGroupName(trx, directory.orgId, attributes.displayName, null);
    const at = deps.config.now().toISOString();
    const record = {
      id,
      org_id: directory.orgId,
      display_name: attributes.displayName,
      external_id: attributes.externalId,
      created_at: at,
      updated_at: at,
    };
    await repo.insertScimGroup(trx, record);
    await repo.replaceGroupMembers(trx, id, await knownMembers(trx, directory.orgId, attributes.memberIds));
    await groups.syncScimGroup(trx, record);
    await audit.insertAuditEvent(trx, {
      orgId: directory.orgId,
      actor: actorOf(context),
      action: 'scim_group.created',
      targetType: 'scim_group',
      targetId: id,
      targetLabel: attributes.displayName,
      after: { members: attributes.memberIds.length },
      at,
    });
  });
  return getGroup(context, id);
}

async function updateGroup(
  context: ScimContext,
  id: string,
  next: (current: GroupResource) => GroupAttributes,
) {
  const { deps, directory } = context;
  await underOrganizationLock(deps, directory.orgId, async (trx) => {
    const row = await repo.findScimGroup(trx, directory.orgId, id);
    if (!row) throw groupNotFound(id);
    const current = (await groupResources(context, [row], trx))[0]!;
    const attributes = next(current);
    const mirror = await groups.findGroupOfScimGroup(trx, id);
    await requireFreeGroupName(trx, directory.orgId, attributes.displayName, mirror?.id ?? null);
    const at = deps.config.now().toISOString();
    await repo.updateScimGroup(trx, id, {
      display_name: attributes.displayName,
      external_id: attributes.externalId,
      updated_at: at,
    });
    const before = current.members.map((member) => member.value);
    await repo.replaceGroupMembers(trx, id, await knownMembers(trx, directory.orgId, attributes.memberIds));
    await groups.syncScimGroup(trx, {
      id,
      org_id: directory.orgId,
      display_name: attributes.displayName,
      created_at: row.created_at,
      updated_at: at,
    });
    await audit.insertAuditEvent(trx, {
      orgId: directory.orgId,
      actor: actorOf(context),
      action: 'scim_group.updated',
      targetType: 'scim_group',
      targetId: id,
      targetLabel: attributes.displayName,
      before: { display_name: row.display_name, members: before.length },
      after: {
        display_name: attributes.displayName,
        members: attributes.memberIds.length,
        added: attributes.memberIds.filter((m) => !before.includes(m)),
        removed: before.filter((m) => !attributes.memberIds.includes(m)),
      },
      at,
    });
  });
  return getGroup(context, id);
}

export async function replaceGroup(context: ScimContext, id: string, body: unknown) {
  return updateGroup(context, id, () => readGroupAttributes(body));
}

export async function patchGroup(context: ScimContext, id: string, body: unknown) {
  const operations = patchOperations(body);
  return updateGroup(context, id, (current) => {
    // Members as the directory sent them ({ value }), so a remove by value object matches.
    const plain = { ...current, members: current.members.map((member) => ({ value: member.value })) };
    let patched: ScimResource;
    try {
      patched = scimPatch(plain as unknown as ScimResource, operations, { mutateDocument: false });
    } catch (error) {
      throw new ScimError(400, error instanceof Error ? error.message : 'Invalid PATCH.', 'invalidValue');
    }
    return readGroupAttributes(patched);
  });
}

export async function deleteGroup(context: ScimContext, id: string): Promise<void> {
  const { deps, directory } = context;
  await underOrganizationLock(deps, directory.orgId, async (trx) => {
    const row = await repo.findScimGroup(trx, directory.orgId, id);
    if (!row) throw groupNotFound(id);
    // The group, its memberships and its cloud grants go with the directory's record.
    await groups.deleteGroupOfScimGroup(trx, id);
    await repo.deleteScimGroup(trx, id);
    await audit.insertAuditEvent(trx, {
      orgId: directory.orgId,
      actor: actorOf(context),
      action: 'scim_group.deleted',
      targetType: 'scim_group',
      targetId: id,
      targetLabel: row.display_name,
      at: deps.config.now().toISOString(),
    });
  });
}
