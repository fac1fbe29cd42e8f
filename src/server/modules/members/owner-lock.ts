import type { AppDeps } from '../../deps.ts';
import { withOrganizationLock, type Trx } from '../../db/transaction.ts';
import { forbidden } from '../../lib/errors.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as repo from './members.repository.ts';

/**
 * Runs `work` under the organization's write lock. Every write that depends on
 * who is an owner or a member goes through here, so what it reads (owner
 * counts, the caller's own role) cannot change before it commits.
 */
export async function underOrganizationLock<T>(
  deps: AppDeps,
  orgId: string,
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  await deps.testSeams?.beforeOrganizationLock?.(orgId);
  return withOrganizationLock(deps.database, orgId, async (trx) => {
    await deps.testSeams?.afterOrganizationLock?.(orgId);
    return work(trx);
  });
}

/**
 * The caller's role is re-read under the lock: authentication read it before
 * the lock, so a request that raced its sender's demotion (or removal) loses.
 */
export async function requireOwnerUnderLock(trx: Trx, principal: Principal): Promise<void> {
  const actor = await repo.findMember(trx, principal.orgId, principal.memberId);
  if (actor?.role !== 'owner') throw forbidden('You are no longer an owner of this organization.');
}

/** For writes any member may make: the caller must still be a member once the lock is held. */
export async function requireMemberUnderLock(trx: Trx, principal: Principal): Promise<void> {
  const actor = await repo.findMember(trx, principal.orgId, principal.memberId);
  if (!actor) throw forbidden('You are no longer a member of this organization.');
}

/**
 * The caller as they are now, once the lock is held: for writes whose rules
 * depend on the role (an owner may act on anyone's work, a collaborator only
 * on their own and on clouds granted to them). Removed callers are refused.
 */
export async function currentPrincipalUnderLock(trx: Trx, principal: Principal): Promise<Principal> {
  const actor = await repo.findMember(trx, principal.orgId, principal.memberId);
  if (!actor) throw forbidden('You are no longer a member of this organization.');
  return actor.role === principal.role ? principal : { ...principal, role: actor.role };
}
