import * as React from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { GroupDetail, GroupMember } from '#contract/groups.ts';
import type { Collaborator } from '#contract/members.ts';
import { cloudRoleLabels } from '../../../lib/cloud-roles.ts';
import { formatDate, formatDateTime } from '../../../components/format.ts';
import { keepDialogOpenOnComboboxEscape, MemberCombobox } from '../../../components/member-combobox.tsx';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from '../../../components/ui/dialog.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { toast } from '../../../lib/toast.ts';
import { useAddGroupMembersMutation } from '../api/add-group-members.ts';
import { groupQueries } from '../api/group-queries.ts';
import { useRemoveGroupMemberMutation } from '../api/remove-group-member.ts';
import { countLabel, readOnlyReason } from './group-labels.tsx';

/** A group's members: add (server-searched, any organization size) and remove; read-only when synced. */
export function GroupMembers({ group }: { group: GroupDetail }) {
  const [pages, setPages] = React.useState<(string | null)[]>([null]);
  const token = pages.at(-1) ?? undefined;
  const members = useQuery(groupQueries.members(group.id, { paging_token: token }));
  const page = members.data;
  const locked = readOnlyReason(group) !== null;

  return (
    <section aria-labelledby="group-members-heading" className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2 id="group-members-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            Members
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
            {page ? countLabel(page.metadata.total, 'member') : members.isPending ? 'Loading members…' : ''}
          </p>
        </div>
        {locked ? (
          <Button disabled aria-describedby="group-read-only-reason">
            Add members
          </Button>
        ) : (
          <AddGroupMembersDialog group={group} />
        )}
      </div>
      {members.isError ? (
        <ErrorState
          title="Members could not be loaded"
          error={members.error}
          onRetry={() => members.refetch()}
        />
      ) : page && page.results.length === 0 ? (
        <EmptyState title="Nobody in this group yet">
          {locked
            ? 'Your identity provider has not sent any members for it.'
            : 'Add members: they get every cloud this group can use, with its role.'}
        </EmptyState>
      ) : page === undefined ? (
        <div
          className="flex flex-col gap-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4"
          aria-hidden
        >
          {Array.from({ length: 3 }, (_, index) => (
            <Skeleton key={index} className="h-4 w-full max-w-sm" />
          ))}
        </div>
      ) : (
        <ul
          aria-label={`Members of ${group.name}`}
          aria-busy={members.isPlaceholderData || undefined}
          className={cn(
            'divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs',
            members.isPlaceholderData && 'opacity-60',
          )}
        >
          {page.results.map((member) => (
            <li key={member.id} className="flex items-center justify-between gap-3 px-4 py-3 text-sm">
              <div className="min-w-0">
                <Link
                  to={`/settings/members/${encodeURIComponent(member.id)}`}
                  className="font-medium break-words text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
                >
                  {member.name}
                </Link>
                <div className="text-xs break-all text-slate-600 dark:text-slate-400">
                  {member.email}
                  <span className="hidden sm:inline">
                    {' '}
                    · Added{' '}
                    <time dateTime={member.added_at} title={formatDateTime(member.added_at)}>
                      {formatDate(member.added_at)}
                    </time>
                  </span>
                </div>
              </div>
              {locked ? null : <RemoveFromGroupDialog group={group} member={member} />}
            </li>
          ))}
        </ul>
      )}
      {page && (pages.length > 1 || page.metadata.next_paging_token) && (
        <nav aria-label="Group members pagination" className="flex justify-end gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={pages.length <= 1}
            onClick={() => setPages((current) => current.slice(0, -1))}
          >
            <span aria-hidden>←</span> Previous
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!page.metadata.next_paging_token}
            onClick={() => setPages((current) => [...current, page.metadata.next_paging_token])}
          >
            Next <span aria-hidden>→</span>
          </Button>
        </nav>
      )}
    </section>
  );
}

function AddGroupMembersDialog({ group }: { group: GroupDetail }) {
  const [open, setOpen] = React.useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Add members</Button>
      </DialogTrigger>
      <DialogContent onEscapeKeyDown={keepDialogOpenOnComboboxEscape}>
        <DialogTitle>Add members to {group.name}</DialogTitle>
        <DialogDescription>
          {group.cloud_count > 0
            ? `They get the ${countLabel(group.cloud_count, 'cloud')} this group can use, on their next request.`
            : 'This group has no clouds yet; they get any you grant it later.'}
        </DialogDescription>
        <AddGroupMembersForm group={group} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function AddGroupMembersForm({ group, onDone }: { group: GroupDetail; onDone: () => void }) {
  const [chosen, setChosen] = React.useState<Collaborator[]>([]);
  const [error, setError] = React.useState<string | null>(null);
  const add = useAddGroupMembersMutation({
    onSuccess: (result) => {
      const added = result.results.filter((entry) => entry.outcome === 'added').length;
      const already = result.results.length - added;
      toast.success(
        added > 0 ? `Added ${countLabel(added, 'member')} to ${group.name}` : 'Nothing changed',
        already > 0 ? `${countLabel(already, 'person was', 'people were')} already in it.` : undefined,
      );
      onDone();
    },
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) {
      setError('Choose at least one member.');
      return;
    }
    add.mutate({ groupId: group.id, userIds: chosen.map((member) => member.user_id) });
  };
  const count = chosen.length;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <MemberCombobox
        search={groupQueries.candidates(group.id)}
        id="add-group-members"
        label="Members"
        multiple
        autoFocus
        panel="reserved"
        selected={chosen}
        onChange={(next) => {
          setChosen(next);
          setError(null);
        }}
      />
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <DialogFooter>
        <Button type="submit" pending={add.isPending}>
          {add.isPending ? 'Adding…' : count === 0 ? 'Add members' : `Add ${countLabel(count, 'member')}`}
        </Button>
      </DialogFooter>
    </form>
  );
}

function RemoveFromGroupDialog({ group, member }: { group: GroupDetail; member: GroupMember }) {
  const [open, setOpen] = React.useState(false);
  const remove = useRemoveGroupMemberMutation({
    onSuccess: () => {
      toast.success(`Removed ${member.name} from ${group.name}`);
      setOpen(false);
    },
  });
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Remove ${member.name} from ${group.name}`}>
          Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>
          Remove {member.name} from {group.name}?
        </AlertDialogTitle>
        <AlertDialogDescription>
          {group.clouds.length > 0
            ? `What changes for ${member.name} on their next request. They stay in the organization.`
            : `This group gives no cloud access, so ${member.name} loses none. They stay in the organization.`}
        </AlertDialogDescription>
        {open && group.clouds.length > 0 && <LeavingGroupChanges group={group} member={member} />}
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button
            variant="danger"
            pending={remove.isPending}
            onClick={() => remove.mutate({ groupId: group.id, userId: member.user_id })}
          >
            {remove.isPending ? 'Removing…' : 'Remove from group'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** Per cloud this group gives: the member's role now, and what is left once they leave it. */
function LeavingGroupChanges({ group, member }: { group: GroupDetail; member: GroupMember }) {
  const access = useQuery(groupQueries.memberAccess(member.id));
  if (access.isPending) return <Skeleton className="h-12 w-full" />;
  if (access.isError) {
    return (
      <p role="alert" className="text-sm text-red-800 dark:text-red-200">
        Their access could not be loaded: {access.error.message}
      </p>
    );
  }
  const rows = access.data.results.flatMap((entry) => {
    const through = entry.sources.find(
      (source) => source.source.type === 'group' && source.source.group.id === group.id,
    );
    return through ? [{ cloud: entry.cloud, role: entry.role, after: through.role_without }] : [];
  });
  if (rows.length === 0) {
    return <p className="text-sm text-slate-700 dark:text-slate-300">They get no access from this group.</p>;
  }
  return (
    <ul
      aria-label="What changes"
      className="max-h-48 divide-y divide-slate-100 dark:divide-slate-800 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700 text-sm"
    >
      {rows.map((row) => (
        <li key={row.cloud.id} className="flex flex-wrap items-center justify-between gap-x-3 px-3 py-2">
          <span className="min-w-0 font-medium break-words text-slate-900 dark:text-slate-100">
            {row.cloud.name}
          </span>
          <span className="text-slate-700 dark:text-slate-300">
            {row.after === row.role
              ? `Keeps ${cloudRoleLabels[row.role]} another way`
              : row.after
                ? `${cloudRoleLabels[row.role]} → ${cloudRoleLabels[row.after]}`
                : `Loses access (${cloudRoleLabels[row.role]} now)`}
          </span>
        </li>
      ))}
    </ul>
  );
}
