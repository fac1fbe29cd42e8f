import { maxInviteAddresses, parseInviteAddresses } from '#contract/email-address.ts';
import { errorCodes } from '#contract/errors.ts';
import { wholeList } from '#contract/pagination.ts';
import {
  invalidInvitationMessage,
  type AcceptInvitationBody,
  type CreateInvitationsResponse,
  type Invitation,
  type InvitationPage,
  type InvitationPreview,
  type InvitationLookup,
  type InvitationCloudGrant,
  type InvitationLookupBody,
  type InvitationResult,
  type MailDelivery,
  type ResentInvitation,
} from '#contract/invitations.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import type { CloudRole } from '#contract/clouds.ts';
import { groupErrorCodes } from '#contract/groups.ts';
import type { AppDeps } from '../../deps.ts';
import { withTransaction, type Trx } from '../../db/transaction.ts';
import { hashPassword, newId, randomToken, sha256 } from '../../lib/crypto.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { normalizeEmail } from '../../lib/email.ts';
import { assertAcceptablePassword } from '../../lib/password-policy.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import { cancelInvitationMail, enqueueMail, retryFailedInvitationMail } from '../../mail/outbox.ts';
import { invitationMail } from '../../mail/templates.ts';
import { mailDeliveryMode } from '../../mail/transports.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as members from '../members/members.repository.ts';
import { requireOwnerUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import * as rateLimits from '../rate-limits/rate-limits.service.ts';
import {
  passwordRefusedBySso,
  ssoInvitationSignIn as ssoSignIn,
  ssoRequiredError,
} from '../sso/sso-policy.ts';
import { applyInvitationAccess, cloudGrantsOf } from './invitation-access.ts';
import * as repo from './invitations.repository.ts';

export const alreadyMemberCode = 'already_member';

const day = 24 * 60 * 60_000;
const listSort = '-created_at';

const invalidInvitation = () => new AppError(400, errorCodes.invalidInvitation, invalidInvitationMessage);

export function getDelivery(deps: AppDeps): MailDelivery {
  return { mode: mailDeliveryMode(deps.config) };
}

function toInvitation(row: repo.InvitationRow, now: Date): Invitation {
  return {
    id: row.id,
    email: row.email,
    permission_level: row.role,
    cloud_ids: JSON.parse(row.cloud_ids) as string[],
    cloud_grants: cloudGrantsOf(row),
    group_ids: JSON.parse(row.group_ids) as string[],
    invited_by:
      row.invited_by && row.inviter_name !== null
        ? { id: row.invited_by, name: row.inviter_name, removed: row.inviter_removed_at !== null }
        : null,
    created_at: row.created_at,
    sent_at: row.sent_at,
    expires_at: row.expires_at,
    organization_id: row.org_id,
    accepted_at: row.accepted_at,
    invalidated_at: row.revoked_at,
    status: row.accepted_at
      ? 'accepted'
      : row.revoked_at
        ? 'invalidated'
        : row.expires_at <= now.toISOString()
          ? 'expired'
          : 'pending',
    delivery_status: row.delivery_status,
  };
}

/** One invitation in any state (the platform's GET /organization_invitations/{id}). */
export async function getInvitation(deps: AppDeps, principal: Principal, id: string): Promise<Invitation> {
  const row = await repo.findInvitation(deps.database.db, principal.orgId, id);
  if (!row) throw notFound('This invitation');
  return toInvitation(row, deps.config.now());
}

/**
 * The platform's invitation: one address, answered with the invitation or a
 * 400 whose detail says why (already a member, already invited, not an
 * address). Unlike Roster's form it never re-sends an open invitation.
 */
export async function createPlatformInvitation(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  email: string,
): Promise<Invitation> {
  const [address] = (await lookupInvitees(deps, principal, { emails: [email] })).results;
  if (!address || address.status === 'invalid') {
    throw badRequest(errorCodes.validation, `${email} is not a valid email address.`);
  }
  if (address.status === 'member') {
    throw badRequest(
      'already_member',
      `User with email ${address.email} is already a member of your organization.`,
    );
  }
  if (address.status === 'invited') {
    throw badRequest(
      'already_invited',
      `An invitation for ${address.email} is already pending. Resend or invalidate it instead.`,
    );
  }
  const created = await createInvitations(deps, principal, actor, {
    emails: [address.email],
    permission_level: 'collaborator',
    cloud_ids: [],
  });
  const outcome = created.results[0]!;
  if (outcome.outcome !== 'invited' || !outcome.invitation_id) {
    // Someone invited or added them in the meantime.
    throw badRequest(
      `already_${outcome.outcome === 'already_member' ? 'member' : 'invited'}`,
      outcome.reason ?? `${address.email} was invited or joined just now.`,
    );
  }
  return getInvitation(deps, principal, outcome.invitation_id);
}

export type BatchOutcome =
  | { status: 'success'; data: Invitation; error: null }
  | { status: 'error'; data: null; error: { code: string; detail: string } };

/** The platform's batch_create: every address on its own, one failure never blocks the others. */
export async function createPlatformInvitations(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  emails: string[],
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  for (const email of emails) {
    try {
      const data = await createPlatformInvitation(deps, principal, actor, email);
      outcomes.push({ status: 'success', data, error: null });
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
      outcomes.push({ status: 'error', data: null, error: { code: error.code, detail: error.message } });
    }
  }
  return outcomes;
}

function inviteLink(deps: AppDeps, token: string): string {
  return `${deps.config.publicUrl}/invitations/accept?token=${token}`;
}

async function consumeInviteAllowance(deps: AppDeps, principal: Principal): Promise<void> {
  const now = deps.config.now();
  await rateLimits.consume(
    deps.database,
    `invite:owner:${principal.memberId}`,
    {
      max: deps.config.inviteRequestsPerOwnerPerDay,
      windowMs: day,
      message: 'You have sent the most invitations allowed today. Try again tomorrow.',
    },
    now,
  );
  await rateLimits.consume(
    deps.database,
    `invite:org:${principal.orgId}`,
    {
      max: deps.config.inviteRequestsPerOrgPerDay,
      windowMs: day,
      message: 'Your organization has sent the most invitations allowed today. Try again tomorrow.',
    },
    now,
  );
}

async function consumeAcceptAttempt(deps: AppDeps, ip: string): Promise<void> {
  await rateLimits.consume(
    deps.database,
    `invite-accept:ip:${ip}`,
    {
      max: deps.config.inviteAcceptAttemptsPerIp,
      windowMs: 15 * 60_000,
      message: 'Too many attempts to open invitations from your network. Wait 15 minutes and try again.',
    },
    deps.config.now(),
  );
}

/**
 * Mints a fresh token for an invitation and queues its mail in the same
 * transaction. Returns the link: the only time it exists in plain text.
 */
async function mintAndSend(
  trx: Trx,
  deps: AppDeps,
  principal: Principal,
  invitation: { id: string; email: string; role: PermissionLevel; expiresAt: string },
  token: string,
): Promise<string> {
  const link = inviteLink(deps, token);
  if (mailDeliveryMode(deps.config) === 'manual') return link;
  const mail = invitationMail({
    organizationName: principal.orgName,
    inviterName: principal.name,
    inviterEmail: principal.email,
    role: invitation.role,
    link,
    expiresAt: invitation.expiresAt,
  });
  await cancelInvitationMail(trx, invitation.id);
  await enqueueMail(trx, deps, {
    ...mail,
    to: invitation.email,
    orgId: principal.orgId,
    invitationId: invitation.id,
  });
  return link;
}

/** Groups named by an invitation must be manual groups of the organization (SCIM groups are the directory's). */
async function requireManualGroups(trx: Trx, orgId: string, groupIds: string[]): Promise<void> {
  const found = await repo.findOrganizationGroups(trx, orgId, groupIds);
  const unknown = groupIds.filter((id) => !found.some((group) => group.id === id));
  if (unknown.length > 0) {
    throw badRequest('invalid_groups', `These groups are not in your organization: ${unknown.join(', ')}.`);
  }
  const synced = found.filter((group) => group.source === 'scim');
  if (synced.length > 0) {
    throw badRequest(
      groupErrorCodes.readOnly,
      `${synced.map((group) => group.name).join(', ')} ${synced.length === 1 ? 'is' : 'are'} synced from your ` +
        'identity provider (SCIM); add people to it there.',
    );
  }
}

export async function createInvitations(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: {
    emails: string | string[];
    permission_level: PermissionLevel;
    cloud_ids: string[];
    cloud_grants?: InvitationCloudGrant[];
    group_ids?: string[];
  },
): Promise<CreateInvitationsResponse> {
  const addresses = parseInviteAddresses(body.emails);
  if (addresses.length === 0) {
    throw badRequest(errorCodes.validation, 'Enter at least one email address.');
  }
  if (addresses.length > maxInviteAddresses) {
    throw badRequest(
      'too_many_addresses',
      `You can invite up to ${maxInviteAddresses} addresses at a time; this list has ${addresses.length}. ` +
        'Split it into smaller batches.',
    );
  }
  const role = body.permission_level;
  // Owners already reach every cloud; a grant would only linger after a demotion.
  const cloudRoles = new Map<string, CloudRole>();
  if (role !== 'owner') {
    for (const cloudId of body.cloud_ids) cloudRoles.set(cloudId, 'write');
    for (const grant of body.cloud_grants ?? []) cloudRoles.set(grant.cloud_id, grant.role);
  }
  const cloudIds = [...cloudRoles.keys()];
  const groupIds = [...new Set(body.group_ids ?? [])];
  const delivery = mailDeliveryMode(deps.config);
  await consumeInviteAllowance(deps, principal);

  const results = await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const known = await repo.findOrganizationCloudIds(trx, principal.orgId, cloudIds);
    const unknown = cloudIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw badRequest('invalid_clouds', `These clouds are not in your organization: ${unknown.join(', ')}.`);
    }
    await requireManualGroups(trx, principal.orgId, groupIds);
    const valid = addresses.filter((address) => !address.problem).map((address) => address.email);
    const memberEmails = await repo.findActiveMemberEmails(trx, principal.orgId, valid);
    const open = new Map(
      (await repo.findOpenInvitationsByEmail(trx, principal.orgId, valid)).map((row) => [row.email, row.id]),
    );
    const now = deps.config.now();
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + deps.config.invitationTtlMs).toISOString();
    const deliveryStatus = delivery === 'manual' ? 'manual' : 'queued';
    const out: InvitationResult[] = [];
    for (const address of addresses) {
      const email = address.email;
      if (address.problem) {
        out.push({ email, outcome: 'invalid', reason: address.problem });
        continue;
      }
      if (memberEmails.has(email)) {
        out.push({ email, outcome: 'already_member' });
        continue;
      }
      const token = randomToken();
      const existingId = open.get(email);
      const id = existingId ?? newId();
      const fields = {
        token_hash: sha256(token),
        sent_at: at,
        expires_at: expiresAt,
        delivery_status: deliveryStatus,
        invited_by: principal.memberId,
        role,
        cloud_ids: JSON.stringify(cloudIds),
        cloud_roles: JSON.stringify(Object.fromEntries(cloudRoles)),
        group_ids: JSON.stringify(groupIds),
      } as const;
      if (existingId) {
        await repo.rotateInvitation(trx, id, fields);
      } else {
        await repo.insertInvitation(trx, { id, org_id: principal.orgId, email, created_at: at, ...fields });
      }
      const link = await mintAndSend(trx, deps, principal, { id, email, role, expiresAt }, token);
      await audit.insertAuditEvent(trx, {
        orgId: principal.orgId,
        actor,
        action: existingId ? 'invitation.resent' : 'invitation.created',
        targetType: 'invitation',
        targetId: id,
        targetLabel: email,
        after: {
          permission_level: role,
          cloud_ids: cloudIds,
          cloud_roles: Object.fromEntries(cloudRoles),
          group_ids: groupIds,
          expires_at: expiresAt,
        },
        at,
      });
      out.push({
        email,
        outcome: existingId ? 'already_invited' : 'invited',
        invitation_id: id,
        invite_link: link,
      });
    }
    return out;
  });
  return { ...wholeList(results), delivery };
}

/**
 * What inviting these addresses would do, without doing it: already a member,
 * already invited (would be re-sent), or new. Read-only, so no lock; the
 * invite itself decides again under the lock.
 */
export async function lookupInvitees(
  deps: AppDeps,
  principal: Principal,
  body: InvitationLookupBody,
): Promise<InvitationLookup> {
  const addresses = parseInviteAddresses(body.emails);
  const valid = addresses.filter((address) => !address.problem).map((address) => address.email);
  const db = deps.database.db;
  const [members, open] = await Promise.all([
    repo.findActiveMemberEmails(db, principal.orgId, valid),
    repo.findOpenInvitationsByEmail(db, principal.orgId, valid),
  ]);
  const invited = new Set(open.map((row) => row.email));
  return wholeList(
    addresses.map(({ email, problem }) => ({
      email,
      status: problem ? 'invalid' : members.has(email) ? 'member' : invited.has(email) ? 'invited' : 'new',
    })),
  );
}

export async function listInvitations(
  deps: AppDeps,
  principal: Principal,
  query: { count: number; paging_token?: string; email?: string },
): Promise<InvitationPage> {
  const email = query.email ? normalizeEmail(query.email) : undefined;
  const scope = pagingScope(deps.config, {
    list: 'invitations',
    orgId: principal.orgId,
    sort: listSort,
    filters: { email },
  });
  const cursor = decodeCursor(query.paging_token, scope);
  const db = deps.database.db;
  const [rows, total] = await Promise.all([
    repo.listOpenInvitationsPage(db, principal.orgId, { cursor, limit: query.count, email }),
    repo.countOpenInvitations(db, principal.orgId, email),
  ]);
  const page = keysetPage(rows, {
    count: query.count,
    cursor,
    scope,
    value: (row) => row.created_at,
  });
  const now = deps.config.now();
  return {
    results: page.rows.map((row) => toInvitation(row, now)),
    metadata: { total, ...page.metadata },
  };
}

/** Rotates the token (the old link dies), extends the expiry and sends the mail again. */
export async function resendInvitation(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
): Promise<ResentInvitation> {
  await consumeInviteAllowance(deps, principal);
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const row = await repo.findOpenInvitation(trx, principal.orgId, id);
    if (!row) throw notFound('This invitation');
    if (await repo.isActiveMember(trx, principal.orgId, row.email)) {
      throw conflict(alreadyMemberCode, `${row.email} is already a member. Revoke this invitation instead.`);
    }
    const now = deps.config.now();
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + deps.config.invitationTtlMs).toISOString();
    const token = randomToken();
    await repo.rotateInvitation(trx, id, {
      token_hash: sha256(token),
      sent_at: at,
      expires_at: expiresAt,
      delivery_status: mailDeliveryMode(deps.config) === 'manual' ? 'manual' : 'queued',
      invited_by: principal.memberId,
    });
    const link = await mintAndSend(
      trx,
      deps,
      principal,
      { id, email: row.email, role: row.role, expiresAt },
      token,
    );
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'invitation.resent',
      targetType: 'invitation',
      targetId: id,
      targetLabel: row.email,
      after: { expires_at: expiresAt },
      at,
    });
    const fresh = await repo.findOpenInvitation(trx, principal.orgId, id);
    return { invitation: toInvitation(fresh!, now), invite_link: link };
  });
}

/**
 * "Retry now" for an invitation whose mail failed: the same mail (same link,
 * same expiry) is due again at once, with a fresh retry window. Resend, by
 * contrast, mints a new link.
 */
export async function retryInvitationDelivery(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
): Promise<Invitation> {
  await consumeInviteAllowance(deps, principal);
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const row = await repo.findOpenInvitation(trx, principal.orgId, id);
    if (!row) throw notFound('This invitation');
    const now = deps.config.now();
    if (row.delivery_status !== 'failed') {
      throw conflict(
        errorCodes.deliveryNotFailed,
        `The invitation mail to ${row.email} has not failed (it is ${row.delivery_status}); there is nothing to retry.`,
      );
    }
    if (row.expires_at <= now.toISOString()) {
      throw conflict(
        errorCodes.invitationExpired,
        `The invitation to ${row.email} has expired, so its link no longer works. Resend it to send a new link.`,
      );
    }
    if (!(await retryFailedInvitationMail(trx, deps, id))) {
      // Mail that failed before failed mail kept its link: only a new link can be sent.
      throw conflict(
        errorCodes.deliveryNotFailed,
        `The failed mail to ${row.email} can no longer be retried. Resend the invitation to send a new link.`,
      );
    }
    await repo.setDeliveryStatus(trx, id, 'queued');
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'invitation.delivery_retried',
      targetType: 'invitation',
      targetId: id,
      targetLabel: row.email,
      before: { delivery_status: 'failed' },
      after: { delivery_status: 'queued' },
      at: now.toISOString(),
    });
    return toInvitation({ ...row, delivery_status: 'queued' }, now);
  });
}

/** Kills the link at once; mail not yet delivered is dropped. */
export async function revokeInvitation(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
): Promise<Invitation> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const row = await repo.findOpenInvitation(trx, principal.orgId, id);
    if (!row) throw notFound('This invitation');
    const at = deps.config.now().toISOString();
    await repo.revokeInvitation(trx, id, at);
    await cancelInvitationMail(trx, id);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: id,
      targetLabel: row.email,
      before: { permission_level: row.role, expires_at: row.expires_at },
      at,
    });
  });
  return getInvitation(deps, principal, id);
}

export type SentInvitation = {
  id: string;
  email: string;
  permission_level: PermissionLevel;
  cloud_ids: string[];
  expires_at: string;
};

/** What the offboarding preview lists: the open invitations these members sent. */
export async function listInvitationsSentBy(
  db: Trx | AppDeps['database']['db'],
  orgId: string,
  memberIds: string[],
): Promise<SentInvitation[]> {
  const rows = await repo.listOpenInvitationsSentBy(db, orgId, memberIds);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    permission_level: row.role,
    cloud_ids: JSON.parse(row.cloud_ids) as string[],
    expires_at: row.expires_at,
  }));
}

/**
 * Revokes the open invitations these members sent (only the owner-level ones
 * for a demotion), inside the caller's removal or role-change transaction,
 * with an audit event each. Queued mail for them is dropped.
 */
export async function revokeInvitationsSentBy(
  trx: Trx,
  deps: AppDeps,
  input: {
    orgId: string;
    actor: AuditActor;
    memberIds: string[];
    role?: PermissionLevel;
    reason: 'sender_removed' | 'sender_demoted';
  },
): Promise<number> {
  const rows = await repo.listOpenInvitationsSentBy(trx, input.orgId, input.memberIds, input.role);
  const at = deps.config.now().toISOString();
  for (const row of rows) {
    await repo.revokeInvitation(trx, row.id, at);
    await cancelInvitationMail(trx, row.id);
    await audit.insertAuditEvent(trx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: row.id,
      targetLabel: row.email,
      before: { permission_level: row.role, expires_at: row.expires_at, invited_by: row.invited_by },
      after: { reason: input.reason },
      at,
    });
  }
  return rows.length;
}

type TokenRow = NonNullable<Awaited<ReturnType<typeof repo.findInvitationByTokenHash>>>;

function usable(row: TokenRow | undefined, now: Date): row is TokenRow {
  return Boolean(row && !row.accepted_at && !row.revoked_at && row.expires_at > now.toISOString());
}

/** What the acceptance page shows. Reading it does not consume the token. */
export async function previewInvitation(
  deps: AppDeps,
  token: string,
  ip: string,
): Promise<InvitationPreview> {
  await consumeAcceptAttempt(deps, ip);
  const db = deps.database.db;
  const row = await repo.findInvitationByTokenHash(db, sha256(token));
  if (!usable(row, deps.config.now())) throw invalidInvitation();
  return {
    organization: { name: row.org_name },
    inviter: { name: row.inviter_name ?? row.org_name },
    email: row.email,
    permission_level: row.role,
    expires_at: row.expires_at,
    already_member: await repo.isActiveMember(db, row.org_id, row.email),
    sso: await ssoSignIn(db, row.org_id, row.email, row.role),
  };
}

/**
 * Consumes the token and creates the member with the invited role and cloud
 * grants, in one transaction. Exactly one of two concurrent acceptances wins;
 * the other gets the same generic error as any unusable link.
 */
export async function acceptInvitation(
  deps: AppDeps,
  body: AcceptInvitationBody,
  ip: string,
): Promise<{ memberId: string }> {
  await consumeAcceptAttempt(deps, ip);
  const tokenHash = sha256(body.token);
  // Checked before hashing the password, so unusable links cost no scrypt time.
  const invitation = await repo.findInvitationByTokenHash(deps.database.db, tokenHash);
  if (!usable(invitation, deps.config.now())) throw invalidInvitation();
  // Where SSO is required, a collaborator's invitation is accepted by signing in through the IdP.
  if (await passwordRefusedBySso(deps.database.db, invitation.org_id, invitation.role))
    throw ssoRequiredError();
  assertAcceptablePassword(body.password, [invitation.email, body.name, invitation.org_name]);
  const passwordHash = await hashPassword(body.password, deps.config.scryptLogN);
  const memberId = newId();
  await withTransaction(deps.database, async (trx) => {
    const now = deps.config.now();
    const at = now.toISOString();
    const row = await repo.findInvitationByTokenHash(trx, tokenHash);
    if (!usable(row, now)) throw invalidInvitation();
    const alreadyMember = () =>
      conflict(
        alreadyMemberCode,
        `${row.email} is already a member of ${row.org_name}. Sign in with that address instead.`,
      );
    // Claim the link first: the conditional update waits for a parallel accept
    // and then fails, so the loser of a race gets the generic answer rather
    // than "already a member" (the winner's membership it would otherwise see).
    if (!(await repo.markAccepted(trx, { id: row.id, tokenHash, memberId, at }))) throw invalidInvitation();
    if (await repo.isActiveMember(trx, row.org_id, row.email)) throw alreadyMember();
    try {
      await members.insertMember(trx, {
        id: memberId,
        user_id: newId(),
        org_id: row.org_id,
        email: row.email,
        name: body.name,
        role: row.role,
        password_hash: passwordHash,
        created_at: at,
        invited_by: row.invited_by,
      });
    } catch (error) {
      if (repo.isUniqueViolation(error)) throw alreadyMember();
      throw error;
    }
    const given = await applyInvitationAccess(trx, row, memberId, at);
    await cancelInvitationMail(trx, row.id);
    await audit.insertAuditEvent(trx, {
      orgId: row.org_id,
      actor: { memberId, apiKeyId: null, ip },
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: row.id,
      targetLabel: row.email,
      after: { member_id: memberId, permission_level: row.role, ...given },
      at,
    });
  });
  return { memberId };
}
