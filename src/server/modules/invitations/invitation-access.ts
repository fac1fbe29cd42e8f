import type { CloudRole } from '#contract/clouds.ts';
import type { InvitationCloudGrant } from '#contract/invitations.ts';
import type { Trx } from '../../db/transaction.ts';
import * as clouds from '../clouds/clouds.repository.ts';
import * as repo from './invitations.repository.ts';

/** The invitation's clouds with their roles (clouds from before roles: `write`). */
export function cloudGrantsOf(row: { cloud_ids: string; cloud_roles: string }): InvitationCloudGrant[] {
  const roles = JSON.parse(row.cloud_roles) as Record<string, CloudRole>;
  return (JSON.parse(row.cloud_ids) as string[]).map((cloudId) => ({
    cloud_id: cloudId,
    role: roles[cloudId] ?? 'write',
  }));
}

/**
 * What an accepted invitation gives the new membership, in the acceptance
 * transaction (by link or by single sign-on): its clouds with their roles and
 * its manual groups. Clouds and groups deleted since it was sent are skipped.
 */
export async function applyInvitationAccess(
  trx: Trx,
  invitation: {
    org_id: string;
    cloud_ids: string;
    cloud_roles: string;
    group_ids: string;
    invited_by: string;
  },
  memberId: string,
  at: string,
): Promise<{ cloud_ids: string[]; cloud_roles: Record<string, CloudRole>; group_ids: string[] }> {
  const requested = cloudGrantsOf(invitation);
  const existing = await repo.findOrganizationCloudIds(
    trx,
    invitation.org_id,
    requested.map((grant) => grant.cloud_id),
  );
  const grants = requested.filter((grant) => existing.has(grant.cloud_id));
  await clouds.insertGrants(
    trx,
    grants.map((grant) => ({
      cloud_id: grant.cloud_id,
      member_id: memberId,
      role: grant.role,
      granted_by: invitation.invited_by,
      created_at: at,
    })),
  );
  const groups = (
    await repo.findOrganizationGroups(trx, invitation.org_id, JSON.parse(invitation.group_ids) as string[])
  ).filter((group) => group.source === 'manual');
  await repo.insertGroupMemberships(
    trx,
    groups.map((group) => ({
      group_id: group.id,
      member_id: memberId,
      added_by: invitation.invited_by,
      created_at: at,
    })),
  );
  return {
    cloud_ids: grants.map((grant) => grant.cloud_id),
    cloud_roles: Object.fromEntries(grants.map((grant) => [grant.cloud_id, grant.role])),
    group_ids: groups.map((group) => group.id),
  };
}
