import {
  defaultApiKeyExpiryDays,
  type ApiKey,
  type CreateApiKeyBody,
  type CreatedApiKey,
} from '#contract/api-keys.ts';
import { errorCodes } from '#contract/errors.ts';
import type { AppDeps } from '../../deps.ts';
import { withTransaction } from '../../db/transaction.ts';
import { mintCredential } from '../../lib/credential-token.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import { requireMemberUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import * as repo from './api-keys.repository.ts';

// The platform's SDK refuses a key that does not start with "a" and contain "_"
// (util.credentials_check_sanity). Keys minted before this prefix ("rst_") still work.
export const apiKeyTokenPrefix = 'arst_';
const tokenPrefix = apiKeyTokenPrefix;
const day = 24 * 60 * 60_000;

/** When a key made now with this lifetime expires; null (never) is for service accounts only. */
export function apiKeyExpiry(now: Date, days: number | null): string | null {
  return days === null ? null : new Date(now.getTime() + days * day).toISOString();
}

export async function listApiKeys(deps: AppDeps, principal: Principal): Promise<ApiKey[]> {
  return repo.listActiveApiKeys(deps.database.db, principal.memberId);
}

const keysOnlyFromSessions = () =>
  new AppError(
    403,
    errorCodes.sessionRequired,
    'API keys are created from a signed-in browser session, not with another API key.',
  );

/** The token is returned here once; only its SHA-256 is stored. */
export async function createApiKey(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: CreateApiKeyBody,
): Promise<CreatedApiKey> {
  // A leaked key must not be able to mint itself successors that outlive its revocation.
  if (principal.method !== 'session') throw keysOnlyFromSessions();
  const name = body.name;
  const now = deps.config.now();
  const at = now.toISOString();
  const expiresAt = apiKeyExpiry(now, body.expires_in_days ?? defaultApiKeyExpiryDays);
  // Under the organization lock, like removal: a key minted by someone being
  // removed at this instant would otherwise outlive the removal's key sweep.
  const { id, token } = await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireMemberUnderLock(trx, principal);
    return mintCredential(
      trx,
      {
        tokenPrefix,
        name,
        orgId: principal.orgId,
        actor,
        at,
        action: 'api_key.created',
        targetType: 'api_key',
        after: { expires_at: expiresAt },
      },
      (stored) =>
        repo.insertApiKey(trx, {
          ...stored,
          member_id: principal.memberId,
          name,
          created_at: at,
          expires_at: expiresAt,
        }),
    );
  });
  return { id, name, token, created_at: at, expires_at: expiresAt };
}

export async function revokeApiKey(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
): Promise<void> {
  await withTransaction(deps.database, async (trx) => {
    const key = await repo.findActiveApiKey(trx, principal.memberId, id);
    if (!key) throw notFound('This API key');
    const at = deps.config.now().toISOString();
    await repo.revokeApiKey(trx, id, at);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: id,
      targetLabel: key.name,
      at,
    });
  });
}
