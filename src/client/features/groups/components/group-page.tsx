import * as React from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { GroupDetail } from '#contract/groups.ts';
import { CloudRoleText } from '../../../components/cloud-role-select.tsx';
import { formatDate, formatDateTime } from '../../../components/format.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { groupQueries } from '../api/group-queries.ts';
import { DeleteGroupDialog } from './delete-group-dialog.tsx';
import { GroupMembers } from './group-members.tsx';
import { GroupSourceBadge, countLabel, readOnlyReason } from './group-labels.tsx';
import { RenameGroupDialog } from './rename-group-dialog.tsx';

/** Organization settings › Groups › one group: its members and the clouds it can use. */
export function GroupPage({ groupId }: { groupId: string }) {
  const group = useQuery(groupQueries.detail(groupId));
  const breadcrumb = (name?: string) => (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link
        to="/settings/groups"
        className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
      >
        Groups
      </Link>
      {name && (
        <>
          <span aria-hidden className="px-1.5 text-slate-500 dark:text-slate-400">
            /
          </span>
          <span aria-current="page" className="text-slate-700 dark:text-slate-300">
            {name}
          </span>
        </>
      )}
    </nav>
  );

  if (group.isError) {
    return (
      <div className="flex flex-col gap-4">
        {breadcrumb()}
        {isApiError(group.error, 'not_found') ? (
          <EmptyState title="This group does not exist">
            It may have been deleted, or removed by your identity provider.
          </EmptyState>
        ) : (
          <ErrorState
            title="This group could not be loaded"
            error={group.error}
            onRetry={() => group.refetch()}
          />
        )}
      </div>
    );
  }
  if (!group.data) {
    return (
      <div className="flex flex-col gap-6" aria-busy>
        {breadcrumb()}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  }

  const data = group.data;
  const reason = readOnlyReason(data);
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        {breadcrumb(data.name)}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <h1
              tabIndex={-1}
              className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight break-words text-slate-900 dark:text-slate-100 outline-none"
            >
              {data.name}
              <GroupSourceBadge source={data.source} />
            </h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {countLabel(data.member_count, 'member')} · {countLabel(data.cloud_count, 'cloud')} · Created{' '}
              <time dateTime={data.created_at} title={formatDateTime(data.created_at)}>
                {formatDate(data.created_at)}
              </time>
            </p>
          </div>
          <GroupActions group={data} />
        </div>
        {reason && (
          <p
            id="group-read-only-reason"
            className="rounded-md border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 px-3 py-2 text-sm text-slate-700 dark:text-slate-300"
          >
            {reason}
          </p>
        )}
      </div>

      <GroupMembers group={data} />
      <GroupClouds group={data} />
    </div>
  );
}

function GroupActions({ group }: { group: GroupDetail }) {
  const [dialog, setDialog] = React.useState<'rename' | 'delete' | null>(null);
  const locked = readOnlyReason(group) !== null;
  const describedBy = locked ? 'group-read-only-reason' : undefined;
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="secondary"
        disabled={locked}
        aria-describedby={describedBy}
        onClick={() => setDialog('rename')}
      >
        Rename
      </Button>
      <Button
        variant="danger"
        disabled={locked}
        aria-describedby={describedBy}
        onClick={() => setDialog('delete')}
      >
        Delete group
      </Button>
      <RenameGroupDialog
        group={group}
        open={dialog === 'rename'}
        onOpenChange={(open) => setDialog(open ? 'rename' : null)}
      />
      <DeleteGroupDialog
        group={group}
        open={dialog === 'delete'}
        onOpenChange={(open) => setDialog(open ? 'delete' : null)}
        afterDelete="list"
      />
    </div>
  );
}

function GroupClouds({ group }: { group: GroupDetail }) {
  return (
    <section aria-labelledby="group-clouds-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="group-clouds-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          Clouds
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Everyone in {group.name} can use these clouds with the role shown. Grant or change them from a
          cloud’s Manage users.
        </p>
      </div>
      {group.clouds.length === 0 ? (
        <EmptyState title="No clouds yet">
          Open a cloud, choose Add people or groups in Manage users, and pick {group.name}.
        </EmptyState>
      ) : (
        <ul
          aria-label={`Clouds ${group.name} can use`}
          className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs"
        >
          {group.clouds.map((cloud) => (
            <li key={cloud.id} className="flex items-center justify-between gap-3 px-4 py-3 text-sm">
              <Link
                to={`/clouds/${encodeURIComponent(cloud.id)}`}
                className="min-w-0 font-medium break-words text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
              >
                {cloud.name}
              </Link>
              <CloudRoleText role={cloud.role} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
