import type { SetupBody } from '#contract/auth.ts';
import type { AppDeps } from '../../deps.ts';
import { withTransaction } from '../../db/transaction.ts';
import { hashPassword, newId } from '../../lib/crypto.ts';
import { notFound } from '../../lib/errors.ts';
import { assertAcceptablePassword } from '../../lib/password-policy.ts';
import * as audit from '../audit/audit.repository.ts';
import * as auth from '../auth/auth.service.ts';
import * as members from '../members/members.repository.ts';
import * as organizations from '../organizations/organizations.repository.ts';

export async function setupRequired(deps: AppDeps): Promise<boolean> {
  return (await organizations.countOrganizations(deps.database.db)) === 0;
}

/** First run only: creates the organization and its first owner, then signs them in. */
export async function runSetup(deps: AppDeps, body: SetupBody, ip: string, userAgent?: string) {
  assertAcceptablePassword(body.password, [body.email, body.name, body.organization_name]);
  const passwordHash = await hashPassword(body.password, deps.config.scryptLogN);
  const memberId = await withTransaction(deps.database, async (trx) => {
    // Checked inside the write transaction, after taking the setup lock, so two
    // racing setups cannot both win; the losers see "setup done" (404).
    if (deps.database.dialect === 'postgres') await organizations.lockFirstRunSetup(trx);
    if ((await organizations.countOrganizations(trx)) > 0) throw notFound('Setup');
    const at = deps.config.now().toISOString();
    const orgId = newId();
    const id = newId();
    await organizations.insertOrganization(trx, { id: orgId, name: body.organization_name, created_at: at });
    await members.insertMember(trx, {
      id,
      user_id: newId(),
      org_id: orgId,
      email: body.email,
      name: body.name,
      role: 'owner',
      password_hash: passwordHash,
      created_at: at,
      invited_by: null,
    });
    await audit.insertAuditEvent(trx, {
      orgId,
      actor: { memberId: id, apiKeyId: null, ip },
      action: 'organization.created',
      targetType: 'organization',
      targetId: orgId,
      targetLabel: body.organization_name,
      at,
    });
    return id;
  });
  return auth.startSession(deps, memberId, { ip, userAgent });
}
