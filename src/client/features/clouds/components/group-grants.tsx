import * as React from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Cloud, CloudGroupGrant } from '#contract/clouds.ts';
import { CloudRoleSelect } from '../../../components/cloud-role-select.tsx';
import { cloudRoleLabels } from '../../../lib/cloud-roles.ts';
import { formatDate, formatDateTime } from '../../../components/format.ts';
import { ErrorState } from '../../../components/states.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '../../../components/ui/alert-dialog.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { toast } from '../../../lib/toast.ts';
import { useChangeGroupGrantRoleMutation } from '../api/change-group-grant-role.ts';
import { cloudQueries } from '../api/cloud-queries.ts';
import { useRevokeGroupGrantMutation } from '../api/revoke-group-grant.ts';
import { peopleLabel } from './cloud-owner.tsx';

/** The groups granted a cloud: role inline, and removal (everyone in the group loses what only it gave). */
export function GroupGrants({ cloud, linkGroups }: { cloud: Cloud; linkGroups: boolean }) {
  const grants = useQuery(cloudQueries.groupGrants(cloud.id));
  let body: React.ReactNode;
  if (grants.isError) {
    body = (
      <ErrorState
        title="Groups with access could not be loaded"
        error={grants.error}
        onRetry={() => grants.refetch()}
      />
    );
  } else if (!grants.data) {
    body = <Skeleton className="h-12 w-full" />;
  } else if (grants.data.results.length === 0) {
    body = (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No group has access. Add a group to give everyone in it a role on {cloud.name}.
      </p>
    );
  } else {
    body = (
      <ul
        aria-label={`Groups with access to ${cloud.name}`}
        className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs"
      >
        {grants.data.results.map((grant) => (
          <GroupGrantRow key={grant.group.id} cloud={cloud} grant={grant} linkGroups={linkGroups} />
        ))}
      </ul>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <h3 className="text-base font-semibold text-slate-900 dark:text-slate-100">Groups with access</h3>
      {body}
    </div>
  );
}

function GroupGrantRow({
  cloud,
  grant,
  linkGroups,
}: {
  cloud: Cloud;
  grant: CloudGroupGrant;
  linkGroups: boolean;
}) {
  const group = grant.group;
  const detailId = `group-grant-${group.id}`;
  const change = useChangeGroupGrantRoleMutation({
    onSuccess: (updated) =>
      toast.success(`${group.name} now has ${cloudRoleLabels[updated.role]} on ${cloud.name}`),
  });
  return (
    <li className="flex flex-col gap-2 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          {linkGroups ? (
            <Link
              to={`/settings/groups/${encodeURIComponent(group.id)}`}
              className="font-medium break-words text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
            >
              {group.name}
            </Link>
          ) : (
            <span className="font-medium break-words text-slate-900 dark:text-slate-100">{group.name}</span>
          )}
          {group.source === 'scim' && <Badge tone="owner">SCIM</Badge>}
        </div>
        <p id={detailId} className="text-xs text-slate-600 dark:text-slate-400">
          {peopleLabel(group.member_count)} · Granted
          {grant.granted_by
            ? ` by ${grant.granted_by.name}${grant.granted_by.removed ? ' (removed)' : ''}`
            : ''}{' '}
          on{' '}
          <time dateTime={grant.granted_at} title={formatDateTime(grant.granted_at)}>
            {formatDate(grant.granted_at)}
          </time>
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <CloudRoleSelect
          value={grant.role}
          label={`Role of group ${group.name}`}
          describedBy={detailId}
          disabled={change.isPending}
          onChange={(role) => change.mutate({ cloudId: cloud.id, groupId: group.id, role })}
        />
        <RemoveGroupGrantDialog cloud={cloud} grant={grant} />
      </div>
    </li>
  );
}

function RemoveGroupGrantDialog({ cloud, grant }: { cloud: Cloud; grant: CloudGroupGrant }) {
  const [open, setOpen] = React.useState(false);
  const group = grant.group;
  const revoke = useRevokeGroupGrantMutation({
    onSuccess: () => {
      toast.success(`${group.name} no longer has access to ${cloud.name}`);
      setOpen(false);
    },
  });
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Remove group ${group.name}`}>
          Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>
          Remove {group.name} from {cloud.name}?
        </AlertDialogTitle>
        <AlertDialogDescription>
          Its {peopleLabel(group.member_count)} lose the {cloudRoleLabels[grant.role]} role this group gives
          on {cloud.name}, starting with their next request. Anyone with a direct grant or another group keeps
          that access. Workloads already running keep running.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button
            variant="danger"
            pending={revoke.isPending}
            onClick={() => revoke.mutate({ cloudId: cloud.id, groupId: group.id })}
          >
            {revoke.isPending ? 'Removing…' : `Remove ${group.name}`}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
