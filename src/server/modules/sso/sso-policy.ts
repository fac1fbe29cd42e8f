import { ssoErrorCodes, ssoPaths, ssoRequiredMessage } from '#contract/sso.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './sso.repository.ts';

/**
 * Where an organization requires SSO, its collaborators sign in, reset and
 * accept invitations only through the IdP. Owners keep their password: the
 * break-glass for an IdP outage or a broken configuration.
 */
export async function passwordRefusedBySso(
  db: Kysely<Database>,
  orgId: string,
  role: PermissionLevel,
): Promise<boolean> {
  if (role === 'owner') return false;
  return (await repo.findSsoMode(db, orgId)) === 'required';
}

export const ssoRequiredError = () => new AppError(403, ssoErrorCodes.ssoRequired, ssoRequiredMessage);

/** How an invitation to this organization is accepted through SSO, when it is on. */
export async function ssoInvitationSignIn(
  db: Kysely<Database>,
  orgId: string,
  email: string,
  role: PermissionLevel,
): Promise<{ login_url: string; required: boolean } | null> {
  const mode = await repo.findSsoMode(db, orgId);
  if (!mode || mode === 'off') return null;
  return {
    login_url: `${ssoPaths.login(orgId)}?email=${encodeURIComponent(email)}`,
    required: mode === 'required' && role !== 'owner',
  };
}
