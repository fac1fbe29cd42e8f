import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { MemberProfile } from '#contract/members.ts';
import { AccessSourceText } from '../../../components/access-source.tsx';
import { CloudRoleText } from '../../../components/cloud-role-select.tsx';
import { cloudRoleLabels } from '../../../lib/cloud-roles.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { memberQueries } from '../api/member-queries.ts';

type Member = MemberProfile['member'];

/** Member › Groups: the groups they belong to, each linked to its page. */
export function MemberGroups({ member }: { member: Member }) {
  const groups = useQuery(memberQueries.groups(member.user_id));
  let body;
  if (groups.isError) {
    body = (
      <ErrorState title="Groups could not be loaded" error={groups.error} onRetry={() => groups.refetch()} />
    );
  } else if (!groups.data) {
    body = <Skeleton className="h-10 w-full" />;
  } else if (groups.data.results.length === 0) {
    body = (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {member.name} is in no group. Add them from a group’s page in Organization settings › Groups.
      </p>
    );
  } else {
    body = (
      <ul aria-label={`Groups of ${member.name}`} className="flex flex-wrap gap-2">
        {groups.data.results.map((group) => (
          <li key={group.id}>
            <Link
              to={`/settings/groups/${encodeURIComponent(group.id)}`}
              className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 py-1 text-sm font-medium text-indigo-700 dark:text-indigo-300 hover:bg-slate-50 dark:hover:bg-slate-800/50"
            >
              {group.name}
              {group.source === 'scim' && <Badge tone="owner">SCIM</Badge>}
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section aria-labelledby="member-groups-heading" className="flex flex-col gap-3">
      <h2 id="member-groups-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        Groups
      </h2>
      {body}
    </section>
  );
}

/**
 * Member › Access: every cloud they can use, the role, each source of it, and
 * what removing that source alone would change ("Still Write (direct grant)",
 * "Loses access").
 */
export function MemberAccess({ member, isYou }: { member: Member; isYou: boolean }) {
  const access = useQuery(memberQueries.cloudAccess(member.id));
  const who = isYou ? 'You' : member.name;
  let body;
  if (access.isError) {
    body = (
      <ErrorState
        title="Cloud access could not be loaded"
        error={access.error}
        onRetry={() => access.refetch()}
      />
    );
  } else if (!access.data) {
    body = <Skeleton className="h-24 w-full" />;
  } else if (access.data.results.length === 0) {
    body = (
      <EmptyState title="No cloud access">
        {who} can’t use any cloud. Grant access from a cloud’s Manage users, or add them to a group that has
        some.
      </EmptyState>
    );
  } else {
    body = (
      <ul
        aria-label={`Clouds ${member.name} can use`}
        className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs"
      >
        {access.data.results.map((entry) => (
          <li key={entry.cloud.id} className="flex flex-col gap-2 px-4 py-3 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <Link
                to={`/clouds/${encodeURIComponent(entry.cloud.id)}`}
                className="min-w-0 font-medium break-words text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
              >
                {entry.cloud.name}
              </Link>
              <CloudRoleText role={entry.role} />
            </div>
            <table className="w-full text-left text-xs">
              <caption className="sr-only">
                Sources of {member.name}’s access to {entry.cloud.name}
              </caption>
              <thead className="text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Source
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Without it
                  </th>
                  <th scope="col" className="hidden py-1 font-medium sm:table-cell">
                    To remove it
                  </th>
                </tr>
              </thead>
              <tbody className="text-slate-700 dark:text-slate-300">
                {entry.sources.map((source, index) => (
                  <tr key={index} className="align-top">
                    <td className="py-1 pr-3">
                      <AccessSourceText source={source.source} linkGroups />
                      <span className="block text-slate-600 dark:text-slate-400 sm:hidden">
                        {source.how_to_remove}
                      </span>
                    </td>
                    <td className="py-1 pr-3 whitespace-nowrap">
                      {source.role_without === null ? (
                        <span className="font-medium text-red-700 dark:text-red-300">Loses access</span>
                      ) : source.role_without === entry.role ? (
                        `No change (${cloudRoleLabels[entry.role]})`
                      ) : (
                        `${cloudRoleLabels[entry.role]} → ${cloudRoleLabels[source.role_without]}`
                      )}
                    </td>
                    <td className="hidden py-1 text-slate-600 dark:text-slate-400 sm:table-cell">
                      {source.how_to_remove}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section aria-labelledby="member-access-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="member-access-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          Access
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every cloud {isYou ? 'you' : member.name} can use, why, and what removing each source would change.
          The strongest source wins.
        </p>
      </div>
      {body}
    </section>
  );
}
