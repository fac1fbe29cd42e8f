import * as React from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { MemberProfile } from '#contract/members.ts';
import { formatDate, formatDateTime, formatRelative } from '../../../components/format.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { toast } from '../../../lib/toast.ts';
import { memberQueries } from '../api/member-queries.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { MemberRoleBadge } from './member-role-badge.tsx';
import { LastActive } from './members-table.tsx';
import { MemberAccess, MemberGroups } from './member-access.tsx';
import { receiptText } from './owner-member-controls.tsx';
import { RemoveMembersDialog } from './remove-members-dialog.tsx';
import { useRoleChanger } from './role-control.tsx';

export type MemberPageProps = {
  memberId: string;
  currentMemberId: string;
  organizationName: string;
  ssoEnabled: boolean;
  onOwnRoleChanged: () => void;
  onMembersRemoved?: () => void;
  /** Sections other features add below (workloads they created, their audit trail). */
  below?: (member: MemberProfile['member']) => React.ReactNode;
};

/**
 * Organization settings › Members › one person (owners): who they are, how
 * they joined, their groups, every cloud they can use and why, their keys,
 * and the role and removal actions of the member list.
 */
export function MemberPage({
  memberId,
  currentMemberId,
  organizationName,
  ssoEnabled,
  onOwnRoleChanged,
  onMembersRemoved,
  below,
}: MemberPageProps) {
  const profile = useQuery(memberQueries.profile(memberId));
  const owners = useQuery(memberQueries.owners());
  const navigate = useNavigate();
  const roles = useRoleChanger({ currentMemberId, onOwnRoleChanged });
  const [removing, setRemoving] = React.useState(false);

  if (profile.isError) {
    return isApiError(profile.error, 'not_found') ? (
      <EmptyState
        title="This member is not in the organization"
        action={
          <Button asChild variant="secondary">
            <Link to="/settings/members">Back to Members</Link>
          </Button>
        }
      >
        They may have been removed, or the link is wrong.
      </EmptyState>
    ) : (
      <ErrorState
        title="This member could not be loaded"
        error={profile.error}
        onRetry={() => profile.refetch()}
      />
    );
  }
  const data = profile.data;
  if (!data) return <MemberPageSkeleton />;
  const member = data.member;
  const isYou = member.id === currentMemberId;
  const isOwner = member.permission_level === 'owner';
  const lastOwner = isOwner && owners.data?.metadata.total === 1;
  const nextRole = isOwner ? 'collaborator' : 'owner';

  return (
    <div className="flex flex-col gap-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link
          to="/settings/members"
          className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
        >
          Members
        </Link>
        <span aria-hidden className="px-1.5 text-slate-500 dark:text-slate-400">
          /
        </span>
        <span aria-current="page" className="text-slate-700 dark:text-slate-300">
          {member.name}
        </span>
      </nav>

      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 items-center gap-4">
          <Avatar name={member.name} seed={member.user_id} className="h-12 w-12 text-base" />
          <div className="min-w-0">
            <h1
              tabIndex={-1}
              className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight break-words text-slate-900 dark:text-slate-100 outline-none"
            >
              {member.name}
              {isYou && <Badge tone="success">You</Badge>}
            </h1>
            <p className="text-sm [overflow-wrap:anywhere] text-slate-600 dark:text-slate-400">
              {member.email}
            </p>
          </div>
        </div>
        <div className="flex flex-col gap-1.5 sm:items-end">
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              disabled={lastOwner}
              aria-describedby={lastOwner ? 'member-role-reason' : undefined}
              onClick={() => roles.change(member, nextRole)}
            >
              {isOwner ? 'Make collaborator' : 'Make owner'}
            </Button>
            <Button
              variant="danger"
              disabled={isOwner}
              aria-describedby={isOwner ? 'member-remove-reason' : undefined}
              onClick={() => setRemoving(true)}
            >
              Remove from organization
            </Button>
          </div>
          {lastOwner && (
            <p id="member-role-reason" className="text-xs text-slate-600 dark:text-slate-400">
              {isYou ? 'You are' : `${member.name} is`} the only owner. Make someone else an owner first.
            </p>
          )}
          {isOwner && (
            <p id="member-remove-reason" className="text-xs text-slate-600 dark:text-slate-400">
              Owners cannot be removed: make them a collaborator first.
            </p>
          )}
        </div>
      </div>

      <section aria-labelledby="member-details-heading">
        <h2 id="member-details-heading" className="sr-only">
          Details
        </h2>
        <dl className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-4">
          <Detail term="Role">
            <MemberRoleBadge role={member.permission_level} />
          </Detail>
          <Detail term="Joined">
            <time dateTime={member.created_at} title={formatDateTime(member.created_at)}>
              {formatDate(member.created_at)}
            </time>
          </Detail>
          <Detail term="Source">{sourceText(data.source)}</Detail>
          <Detail term="Last active">
            <LastActive iso={member.last_active_at} />
          </Detail>
        </dl>
      </section>

      <MemberGroups member={member} />

      <MemberAccess member={member} isYou={isYou} />

      <section aria-labelledby="member-keys-heading" className="flex flex-col gap-3">
        <h2 id="member-keys-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          API keys
        </h2>
        {data.api_keys.length === 0 ? (
          <EmptyState title="No API keys">
            {isYou ? 'You have' : `${member.name} has`} no active API keys.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">API keys of {member.name}</caption>
              <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 whitespace-nowrap">
                    Expires
                  </th>
                  <th scope="col" className="px-4 py-2 whitespace-nowrap">
                    Last used
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {data.api_keys.map((key) => (
                  <tr key={key.id}>
                    <th
                      scope="row"
                      className="px-4 py-3 text-left font-medium break-words text-slate-900 dark:text-slate-100"
                    >
                      {key.name}
                    </th>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300">
                      {key.expires_at ? (
                        <time dateTime={key.expires_at} title={formatDateTime(key.expires_at)}>
                          {formatDate(key.expires_at)}
                        </time>
                      ) : (
                        'Never'
                      )}
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300">
                      {key.last_used_at ? (
                        <time dateTime={key.last_used_at} title={formatDateTime(key.last_used_at)}>
                          {formatRelative(key.last_used_at)}
                        </time>
                      ) : (
                        'Never'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {below?.(member)}

      {roles.dialog}
      <RemoveMembersDialog
        members={removing ? [member] : []}
        open={removing}
        onOpenChange={setRemoving}
        organizationName={organizationName}
        ssoEnabled={ssoEnabled}
        currentMemberId={currentMemberId}
        onDeselect={() => setRemoving(false)}
        onRemoved={(receipt) => {
          const { title, description } = receiptText(receipt);
          toast.success(title, description);
          setRemoving(false);
          onMembersRemoved?.();
          void navigate('/settings/members');
        }}
      />
    </div>
  );
}

function sourceText(source: MemberProfile['source']): string {
  if (source.kind === 'invitation' && source.invited_by) {
    return `Invited by ${source.invited_by.name}${source.invited_by.removed ? ' (removed)' : ''}`;
  }
  if (source.kind === 'invitation') return 'Invitation';
  return 'Added without an invitation';
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function MemberPageSkeleton() {
  return (
    <div className="flex flex-col gap-8" aria-busy>
      <Skeleton className="h-4 w-40" />
      <div className="flex items-center gap-4">
        <Skeleton className="h-12 w-12 rounded-full" />
        <div className="flex flex-col gap-2">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-4 w-64" />
        </div>
      </div>
      <Skeleton className="h-20 w-full" />
      <Skeleton className="h-32 w-full" />
    </div>
  );
}
