import { errorCodes } from '#contract/errors.ts';
import {
  scimBasePath,
  type DirectoryGroup,
  type CreateScimTokenBody,
  type CreatedScimToken,
  type ScimToken,
} from '#contract/scim-tokens.ts';
import type { AppDeps } from '../../deps.ts';
import { mintCredential } from '../../lib/credential-token.ts';
import { sha256 } from '../../lib/crypto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import { requireOwnerUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import * as members from '../members/members.repository.ts';
import * as repo from './scim-tokens.repository.ts';

/** Distinct from API keys ("arst_"), so a leaked token is recognisable for what it is. */
export const scimTokenPrefix = 'scim_';
const touchEveryMs = 60_000;

export function scimEndpoint(deps: AppDeps): string {
  return `${deps.config.publicUrl.replace(/\/$/, '')}${scimBasePath}`;
}

export async function listScimTokens(deps: AppDeps, principal: Principal): Promise<ScimToken[]> {
  return repo.listActiveScimTokens(deps.database.db, principal.orgId);
}

/** The token is returned here once; only its SHA-256 is stored. It names the organization. */
export async function createScimToken(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: CreateScimTokenBody,
): Promise<CreatedScimToken> {
  // A stolen API key must not be able to hand the organization's directory to someone else.
  if (principal.method !== 'session') {
    throw new AppError(
      403,
      errorCodes.sessionRequired,
      'SCIM tokens are created from a signed-in browser session, not with an API key.',
    );
  }
  const at = deps.config.now().toISOString();
  const { id, token } = await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    return mintCredential(
      trx,
      {
        tokenPrefix: scimTokenPrefix,
        name: body.name,
        orgId: principal.orgId,
        actor,
        at,
        action: 'scim_token.created',
        targetType: 'scim_token',
      },
      (stored) =>
        repo.insertScimToken(trx, {
          ...stored,
          org_id: principal.orgId,
          name: body.name,
          created_by: principal.memberId,
          created_at: at,
        }),
    );
  });
  return { id, name: body.name, token, created_at: at };
}

export async function revokeScimToken(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
): Promise<void> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const token = await repo.findActiveScimToken(trx, principal.orgId, id);
    if (!token) throw notFound('This SCIM token');
    const at = deps.config.now().toISOString();
    await repo.revokeScimToken(trx, id, at);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'scim_token.revoked',
      targetType: 'scim_token',
      targetId: id,
      targetLabel: token.name,
      at,
    });
  });
}

export type DirectoryPrincipal = { tokenId: string; tokenName: string; orgId: string; orgName: string };

/** The organization a SCIM bearer token names, or null when it is unknown or revoked. */
export async function resolveScimToken(deps: AppDeps, token: string): Promise<DirectoryPrincipal | null> {
  if (!token.startsWith(scimTokenPrefix)) return null;
  const row = await repo.findScimTokenByHash(deps.database.db, sha256(token));
  if (!row) return null;
  const now = deps.config.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > touchEveryMs) {
    await repo.touchScimToken(deps.database.db, row.id, now.toISOString());
  }
  return { tokenId: row.id, tokenName: row.name, orgId: row.org_id, orgName: row.org_name };
}

export async function scimIsOn(deps: AppDeps, orgId: string): Promise<boolean> {
  return repo.hasActiveScimToken(deps.database.db, orgId);
}

export async function memberDirectoryGroups(
  deps: AppDeps,
  principal: Principal,
  memberId: string,
): Promise<DirectoryGroup[]> {
  const member = await members.findMember(deps.database.db, principal.orgId, memberId);
  if (!member) throw notFound('This member');
  return repo.listDirectoryGroupsOfMember(deps.database.db, memberId);
}
