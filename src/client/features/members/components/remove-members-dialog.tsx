import * as React from 'react';
import { useQueries } from '@tanstack/react-query';
import type { Collaborator, RemovalReceipt } from '#contract/members.ts';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '../../../components/ui/alert-dialog.tsx';
import { keepDialogOpenOnComboboxEscape } from '../../../components/member-combobox.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { offboardingQueries } from '../api/offboarding-queries.ts';
import { useRemoveMembersMutation } from '../api/remove-members.ts';
import type { TransferTarget } from './cloud-transfer-picker.tsx';
import { AccessSection, CloudsSection, CreatedSection, plural } from './removal-summary.tsx';
import { SentInvitationsSection, useSendAgainFromMe } from './sent-invitations-section.tsx';

export type RemoveMembersDialogProps = {
  /** The people to remove; the dialog is open while this is non-empty and `open` is set. */
  members: Collaborator[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  organizationName: string;
  ssoEnabled: boolean;
  currentMemberId: string;
  onRemoved: (receipt: RemovalReceipt, removed: Collaborator[]) => void;
  /** Takes people out of the selection (used to leave owners out). */
  onDeselect: (ids: string[]) => void;
  /** Owners of the selection that the bulk action left out, named in the dialog. */
  leftOut?: Collaborator[];
  /** Where focus goes when the dialog closes (Radix's own choice when not given). */
  onCloseAutoFocus?: (event: Event) => void;
};

export function RemoveMembersDialog({
  open,
  onOpenChange,
  members,
  onCloseAutoFocus,
  ...props
}: RemoveMembersDialogProps) {
  const [pending, setPending] = React.useState(false);
  return (
    <AlertDialog open={open && members.length > 0} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <AlertDialogContent
        className="max-w-2xl"
        onEscapeKeyDown={keepDialogOpenOnComboboxEscape}
        onCloseAutoFocus={onCloseAutoFocus}
      >
        {/* Mounted only while open, so choices start fresh each time. */}
        <RemoveMembersBody members={members} onPendingChange={setPending} {...props} />
      </AlertDialogContent>
    </AlertDialog>
  );
}

function nameList(members: { name: string }[], max = 4): string {
  const names = members.map((member) => member.name);
  if (names.length <= max) {
    return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function RemoveMembersBody({
  members,
  organizationName,
  ssoEnabled,
  currentMemberId,
  onRemoved,
  onDeselect,
  leftOut = [],
  onPendingChange,
}: Omit<RemoveMembersDialogProps, 'open' | 'onOpenChange'> & {
  onPendingChange: (pending: boolean) => void;
}) {
  const [transfers, setTransfers] = React.useState<Record<string, TransferTarget>>({});
  const previews = useQueries({
    queries: members.map((member) => offboardingQueries.preview(member.id)),
  });
  const loaded = previews.every((query) => query.data !== undefined);
  const failed = previews.filter((query) => query.isError);
  const data = previews.flatMap((query) => (query.data ? [query.data] : []));
  const sendAgain = useSendAgainFromMe(data);
  const remove = useRemoveMembersMutation({
    onMutate: () => onPendingChange(true),
    onSettled: () => onPendingChange(false),
    onSuccess: async (receipt) => {
      await sendAgain.afterRemoval();
      onRemoved(receipt, members);
    },
  });
  // Roles come from the previews (fresh), not from the list the selection was made on.
  const people = members.map(
    (member) => data.find((preview) => preview.member.id === member.id)?.member ?? member,
  );
  const owners = people.filter((member) => member.permission_level === 'owner');
  const count = members.length;
  const single = count === 1 ? people[0]! : null;
  const removedIds = members.map((member) => member.id);
  const youAreAmongThem = owners.some((owner) => owner.id === currentMemberId);
  // A mixed selection is trimmed to its collaborators; owners alone are demoted and removed in one step.
  const mixed = owners.length > 0 && owners.length < count;
  const downgrade = owners.length > 0 && !mixed && !youAreAmongThem;
  // Named by the action and who it hits: "Remove Margaret Hamilton", "Remove 3 members".
  const confirmLabel = downgrade
    ? single
      ? `Make collaborator and remove ${single.name}`
      : `Make collaborators and remove ${plural(count, 'owner')}`
    : single
      ? `Remove ${single.name}`
      : `Remove ${plural(count, 'member')}`;

  const submit = () =>
    remove.mutate({
      ids: removedIds,
      cloud_transfers: Object.entries(transfers)
        .filter(([, target]) => target !== null)
        .map(([cloudId, target]) => ({ cloud_id: cloudId, user_id: target!.user_id })),
      ...(downgrade ? { downgrade_owners: true } : {}),
    });

  let body: React.ReactNode;
  if (failed.length > 0) {
    body = (
      <div
        role="alert"
        className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-sm text-red-900 dark:text-red-200"
      >
        <p className="font-medium">
          What {single ? single.name : 'these people'} created could not be loaded.
        </p>
        <p className="mt-1">{failed[0]!.error?.message}</p>
        <Button
          variant="secondary"
          size="sm"
          className="mt-2"
          onClick={() => failed.forEach((query) => query.refetch())}
        >
          Retry
        </Button>
      </div>
    );
  } else if (!loaded) {
    body = (
      <div role="status" className="flex flex-col gap-2">
        <span className="sr-only">Checking what {single ? single.name : 'they'} created…</span>
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    );
  } else if (youAreAmongThem || mixed) {
    body = (
      <div
        role="alert"
        className="flex flex-col gap-2 rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-sm text-amber-950 dark:text-amber-100"
      >
        <p className="font-medium">
          {owners.length === 1
            ? `${owners[0]!.id === currentMemberId ? 'You are' : `${owners[0]!.name} is`} an owner.`
            : `${nameList(owners)} are owners.`}
        </p>
        <p>
          {youAreAmongThem
            ? 'You cannot remove yourself. To leave the organization, choose Leave organization in your account menu.'
            : 'Remove the collaborators now, and each owner on their own (they are made a collaborator first).'}
        </p>
        {owners.length < count && (
          <div>
            <Button variant="secondary" size="sm" onClick={() => onDeselect(owners.map((owner) => owner.id))}>
              Leave {owners.length === 1 ? 'the owner' : 'the owners'} out of the selection
            </Button>
          </div>
        )}
      </div>
    );
  } else {
    body = (
      <div className="flex flex-col gap-4 text-sm">
        {downgrade && (
          <p className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-amber-950 dark:text-amber-100">
            {single ? `${single.name} is an owner.` : `${nameList(owners)} are owners.`} Confirming makes{' '}
            {single ? 'them a collaborator' : 'them collaborators'} and removes them in one step; their owner
            rights end with it.
          </p>
        )}
        {leftOut.length > 0 && (
          <p className="rounded-md border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 p-3 text-slate-800 dark:text-slate-200">
            Left out of this removal: {nameList(leftOut)} ({leftOut.length === 1 ? 'an owner' : 'owners'}).
            Remove {leftOut.length === 1 ? 'them' : 'each'} from their own ⋯ menu.
          </p>
        )}
        <CreatedSection previews={data} single={single} />
        <CloudsSection
          previews={data}
          single={single}
          transfers={transfers}
          onTransferChange={(cloudId, target) =>
            setTransfers((current) => ({ ...current, [cloudId]: target }))
          }
          excludeIds={removedIds}
        />
        <AccessSection previews={data} />
        <SentInvitationsSection choice={sendAgain} single={single} />
        {data.some((preview) => preview.scim_on) && (
          <p className="rounded-md border border-indigo-200 dark:border-indigo-800 bg-indigo-50 dark:bg-indigo-950/40 p-3 text-indigo-950 dark:text-indigo-100">
            SCIM is on: remove them from your identity provider too, or they will be provisioned again.
          </p>
        )}
        {ssoEnabled && (
          <p className="rounded-md border border-indigo-200 dark:border-indigo-800 bg-indigo-50 dark:bg-indigo-950/40 p-3 text-indigo-950 dark:text-indigo-100">
            Your organization signs in with SSO. Also remove {single ? single.name : 'these people'} from your
            identity provider&rsquo;s Roster integration to fully restrict access.
          </p>
        )}
      </div>
    );
  }

  const blockedReason =
    failed.length > 0
      ? 'Load what they created first.'
      : !loaded
        ? undefined
        : youAreAmongThem
          ? 'You cannot remove yourself.'
          : mixed
            ? 'Leave the owners out first.'
            : undefined;

  return (
    <>
      <AlertDialogTitle>
        {single ? `Remove ${single.name}?` : `Remove ${plural(count, downgrade ? 'owner' : 'member')}?`}
      </AlertDialogTitle>
      <AlertDialogDescription>
        {youAreAmongThem || mixed
          ? 'Owners are removed one step at a time: made a collaborator, then removed.'
          : `${single ? `${single.name} (${single.email})` : nameList(people)} will lose access to ${organizationName} at once.`}
      </AlertDialogDescription>
      {body}
      {remove.isError && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-900 dark:text-red-200"
        >
          {remove.error.message}
        </p>
      )}
      <AlertDialogFooter className="items-center">
        {blockedReason && (
          <p className="text-sm text-slate-600 dark:text-slate-400 sm:mr-auto">{blockedReason}</p>
        )}
        <AlertDialogCancel asChild>
          <Button variant="secondary">Cancel</Button>
        </AlertDialogCancel>
        <Button
          variant="danger"
          disabled={!loaded || failed.length > 0 || youAreAmongThem || mixed}
          pending={remove.isPending}
          onClick={submit}
        >
          {remove.isPending ? 'Removing…' : confirmLabel}
        </Button>
      </AlertDialogFooter>
    </>
  );
}
