import type { ApiKey } from '#contract/api-keys.ts';
import type { Collaborator } from '#contract/members.ts';
import type { CreateServiceAccountKeyBody, ServiceAccountKey } from '#contract/service-accounts.ts';
import type { AppDeps } from '../../deps.ts';
import { mintCredential } from '../../lib/credential-token.ts';
import { newId } from '../../lib/crypto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { errorCodes } from '#contract/errors.ts';
import * as apiKeysRepo from '../api-keys/api-keys.repository.ts';
import { apiKeyTokenPrefix } from '../api-keys/api-keys.service.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as membersRepo from '../members/members.repository.ts';
import { toCollaborator } from '../members/members.service.ts';
import { requireOwnerUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import * as repo from './service-accounts.repository.ts';

const keysOnlyFromSessions = () =>
  new AppError(
    403,
    errorCodes.sessionRequired,
    'API keys are created from a signed-in browser session, not with another API key.',
  );

/** A name as an address part: lower-case letters, digits and dashes. */
function slug(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return folded || 'service-account';
}

/**
 * A machine identity: a member with no password (so no sign-in, no reset that
 * could give it one) and an address under the reserved `.invalid` domain that
 * no mail can reach. It starts as a collaborator; owners change its role like
 * anyone's.
 */
export async function createServiceAccount(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  name: string,
): Promise<Collaborator> {
  const id = newId();
  const userId = newId();
  const email = `${slug(name)}.${userId.slice(0, 8).toLowerCase()}@service-accounts.invalid`;
  const at = deps.config.now().toISOString();
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    await membersRepo.insertMember(trx, {
      id,
      user_id: userId,
      org_id: principal.orgId,
      email,
      name,
      role: 'collaborator',
      password_hash: null,
      created_at: at,
      invited_by: principal.memberId,
      is_service_account: 1,
    });
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'service_account.created',
      targetType: 'member',
      targetId: id,
      targetLabel: name,
      at,
    });
  });
  const row = await membersRepo.findMember(deps.database.db, principal.orgId, id);
  return toCollaborator(row!);
}

async function requireServiceAccount(deps: AppDeps, principal: Principal, userId: string) {
  const account = await repo.findServiceAccount(deps.database.db, principal.orgId, userId);
  // People mint their own keys; only a service account's can be minted by an owner.
  if (!account) throw notFound('This service account');
  return account;
}

export async function listServiceAccountKeys(
  deps: AppDeps,
  principal: Principal,
  userId: string,
): Promise<ApiKey[]> {
  const account = await requireServiceAccount(deps, principal, userId);
  return apiKeysRepo.listActiveApiKeys(deps.database.db, account.id);
}

/** The platform's create_api_key for a service account; the token is shown only in this answer. */
export async function createServiceAccountKey(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: CreateServiceAccountKeyBody,
): Promise<ServiceAccountKey> {
  if (principal.method !== 'session') throw keysOnlyFromSessions();
  const account = await requireServiceAccount(deps, principal, body.user_id);
  const now = deps.config.now();
  const at = now.toISOString();
  const expiresAt = body.duration ? new Date(now.getTime() + body.duration * 1000).toISOString() : null;
  const name = body.name ?? `${account.name} key`;
  const { id, token } = await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    // Removed in the meantime: no key may outlive the removal's sweep.
    if (!(await repo.findServiceAccount(trx, principal.orgId, body.user_id))) {
      throw notFound('This service account');
    }
    return mintCredential(
      trx,
      {
        tokenPrefix: apiKeyTokenPrefix,
        name,
        label: `${name} (${account.name})`,
        orgId: principal.orgId,
        actor,
        at,
        action: 'api_key.created',
        targetType: 'api_key',
        after: { expires_at: expiresAt, service_account: account.user_id },
      },
      (stored) =>
        apiKeysRepo.insertApiKey(trx, {
          ...stored,
          member_id: account.id,
          name,
          created_at: at,
          expires_at: expiresAt,
        }),
    );
  });
  return { id, name, token, created_at: at, expires_at: expiresAt, user_id: account.user_id };
}

export async function revokeServiceAccountKey(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  userId: string,
  keyId: string,
): Promise<void> {
  const account = await requireServiceAccount(deps, principal, userId);
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const key = await apiKeysRepo.findActiveApiKey(trx, account.id, keyId);
    if (!key) throw notFound('This API key');
    const at = deps.config.now().toISOString();
    await apiKeysRepo.revokeApiKey(trx, keyId, at);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: keyId,
      targetLabel: `${key.name} (${account.name})`,
      at,
    });
  });
}
