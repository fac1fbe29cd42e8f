import { useQuery } from '@tanstack/react-query';
import type { UserInfo } from '../../../../contract/auth.ts';
import { ErrorState, PageHeader } from '../../../components/states.tsx';
import { formatDate } from '../../../components/format.ts';
import { memberQueries, type MemberListFilters } from '../api/member-queries.ts';

export function MembersPage({ user, filters }: { user: UserInfo; filters: MemberListFilters }) {
  const members = useQuery(memberQueries.list(filters));
  return (
    <div>
      <PageHeader title="Members" description={`People in ${user.organization.name}.`} />
      {members.isError ? (
        <ErrorState error={members.error} onRetry={() => members.refetch()} />
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Joined</th>
            </tr>
          </thead>
          <tbody>
            {members.data?.results.map((member) => (
              <tr key={member.id}>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>{member.permission_level}</td>
                <td>{formatDate(member.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
