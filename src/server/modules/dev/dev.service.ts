import type { DevAccounts } from '#contract/dev.ts';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../lib/errors.ts';
import * as auth from '../auth/auth.service.ts';
import * as repo from './dev.repository.ts';

/** A few owners and collaborators of each organization, for one-click sign-in while developing. */
export async function listAccounts(deps: AppDeps): Promise<DevAccounts> {
  const db = deps.database.db;
  const organizations = await repo.listOrganizations(db, 5);
  return {
    organizations: await Promise.all(
      organizations.map(async (org) => {
        const [owners, collaborators] = await Promise.all([
          repo.listEarliestMembers(db, org.id, 'owner', 3),
          repo.listEarliestMembers(db, org.id, 'collaborator', 3),
        ]);
        return {
          id: org.id,
          name: org.name,
          accounts: [...owners, ...collaborators].map((member) => ({
            member_id: member.id,
            name: member.name,
            email: member.email,
            permission_level: member.role,
          })),
        };
      }),
    ),
  };
}

/** Starts a session for any active member, no password asked. Development only. */
export async function signInAs(deps: AppDeps, memberId: string) {
  const member = await repo.findActiveMember(deps.database.db, memberId);
  if (!member) throw notFound('This member');
  return auth.startSession(deps, member.id);
}
