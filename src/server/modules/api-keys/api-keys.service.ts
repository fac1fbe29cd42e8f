import type { ApiKey, CreatedApiKey } from '../../../contract/api-keys.ts';
import type { AppDeps } from '../../app.ts';
import { withTransaction } from '../../db/transaction.ts';
import { newId, randomToken, sha256 } from '../../lib/crypto.ts';
import { notFound } from '../../lib/errors.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import { requireMemberUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import * as repo from './api-keys.repository.ts';

const tokenPrefix = 'rst_';

export async function listApiKeys(deps: AppDeps, principal: Principal): Promise<ApiKey[]> {
  return repo.listActiveApiKeys(deps.database.db, principal.memberId);
}

/** The token is returned here once; only its SHA-256 is stored. */
export async function createApiKey(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  name: string,
): Promise<CreatedApiKey> {
  const token = `${tokenPrefix}${randomToken()}`;
  const at = deps.config.now().toISOString();
  const id = newId();
  // Under the organization lock, like removal: a key minted by someone being
  // removed at this instant would otherwise outlive the removal's key sweep.
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireMemberUnderLock(trx, principal);
    await repo.insertApiKey(trx, {
      id,
      member_id: principal.memberId,
      name,
      prefix: token.slice(0, tokenPrefix.length + 6),
      token_hash: sha256(token),
      created_at: at,
    });
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: id,
      targetLabel: name,
      at,
    });
  });
  return { id, name, token, created_at: at };
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
