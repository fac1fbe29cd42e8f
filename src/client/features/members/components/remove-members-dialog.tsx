import * as React from 'react';
import { Link } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import type { Collaborator, OffboardingPreview, RemovalReceipt } from '../../../../contract/members.ts';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { offboardingQueries } from '../api/offboarding-queries.ts';
import { useRemoveMembersMutation } from '../api/remove-members.ts';
import { CloudTransferPicker, type TransferTarget } from './cloud-transfer-picker.tsx';

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
};

export function RemoveMembersDialog({ open, onOpenChange, members, ...props }: RemoveMembersDialogProps) {
  const [pending, setPending] = React.useState(false);
  return (
    <AlertDialog open={open && members.length > 0} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <AlertDialogContent className="max-w-2xl">
        {/* Mounted only while open, so choices start fresh each time. */}
        <RemoveMembersBody members={members} onPendingChange={setPending} {...props} />
      </AlertDialogContent>
    </AlertDialog>
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

function nameList(members: { name: string }[], max = 4): string {
  const names = members.map((member) => member.name);
  if (names.length <= max) {
    return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

type Kind = 'workspaces' | 'jobs' | 'services';

const workloadLines: { kind: Kind; label: string; param: string; consequence: string }[] = [
  {
    kind: 'workspaces',
    label: 'Workspaces',
    param: 'workspace',
    consequence: 'Remain running unless you terminate them. Duplicate to keep the work and take ownership.',
  },
  {
    kind: 'jobs',
    label: 'Jobs',
    param: 'job',
    consequence:
      'Remain running unless you terminate them. Duplicate as a Workspace to resubmit and take ownership.',
  },
  {
    kind: 'services',
    label: 'Services',
    param: 'service',
    consequence:
      'Remain running unless you terminate them. Duplicate as a Workspace to redeploy and take ownership.',
  },
];

function workloadsHref(memberId: string, kind?: string) {
  const params = new URLSearchParams({ creator: memberId });
  if (kind) params.set('kind', kind);
  return `/workloads?${params.toString()}`;
}

function RemoveMembersBody({
  members,
  organizationName,
  ssoEnabled,
  currentMemberId,
  onRemoved,
  onDeselect,
  onPendingChange,
}: Omit<RemoveMembersDialogProps, 'open' | 'onOpenChange'> & {
  onPendingChange: (pending: boolean) => void;
}) {
  const [transfers, setTransfers] = React.useState<Record<string, TransferTarget>>({});
  const previews = useQueries({
    queries: members.map((member) => offboardingQueries.preview(member.id)),
  });
  const remove = useRemoveMembersMutation({
    onMutate: () => onPendingChange(true),
    onSettled: () => onPendingChange(false),
    onSuccess: (receipt) => onRemoved(receipt, members),
  });

  const loaded = previews.every((query) => query.data !== undefined);
  const failed = previews.filter((query) => query.isError);
  const data = previews.flatMap((query) => (query.data ? [query.data] : []));
  // Roles come from the previews (fresh), not from the list the selection was made on.
  const people = members.map(
    (member) => data.find((preview) => preview.member.id === member.id)?.member ?? member,
  );
  const owners = people.filter((member) => member.permission_level === 'owner');
  const count = members.length;
  const single = count === 1 ? people[0]! : null;
  const removedIds = members.map((member) => member.id);
  const confirmLabel = `Remove ${plural(count, 'member')}`;

  const submit = () =>
    remove.mutate({
      ids: removedIds,
      cloud_transfers: Object.entries(transfers)
        .filter(([, target]) => target !== null)
        .map(([cloudId, target]) => ({ cloud_id: cloudId, user_id: target!.user_id })),
    });

  let body: React.ReactNode;
  if (failed.length > 0) {
    body = (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
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
  } else if (owners.length > 0) {
    const you = owners.some((owner) => owner.id === currentMemberId);
    body = (
      <div
        role="alert"
        className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
      >
        <p className="font-medium">
          {owners.length === 1
            ? `${owners[0]!.id === currentMemberId ? 'You are' : `${owners[0]!.name} is`} an owner.`
            : `${nameList(owners)} are owners.`}{' '}
          Owners cannot be removed.
        </p>
        <p>
          {you
            ? 'To leave the organization, ask another owner to downgrade you to collaborator and remove you.'
            : `Downgrade ${owners.length === 1 ? 'them' : 'each of them'} to Collaborator in the Role column first, then remove them.`}
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
      <OffboardingSummary
        previews={data}
        single={single}
        transfers={transfers}
        onTransferChange={(cloudId, target) => setTransfers((current) => ({ ...current, [cloudId]: target }))}
        excludeIds={removedIds}
        ssoEnabled={ssoEnabled}
      />
    );
  }

  const blockedReason =
    failed.length > 0
      ? 'Load what they created first.'
      : !loaded
        ? undefined
        : owners.length > 0
          ? 'Downgrade owners before removing them.'
          : undefined;

  return (
    <>
      <AlertDialogTitle>
        {single ? `Remove ${single.name}?` : `Remove ${plural(count, 'member')}?`}
      </AlertDialogTitle>
      <AlertDialogDescription>
        {owners.length > 0
          ? 'Only collaborators can be removed from the organization.'
          : `${single ? `${single.name} (${single.email})` : nameList(people)} will lose access to ${organizationName} at once: signed out everywhere, API keys revoked, cloud access removed. Invitations they sent stay valid.`}
      </AlertDialogDescription>
      {body}
      {remove.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          {remove.error.message}
        </p>
      )}
      <AlertDialogFooter className="items-center">
        {blockedReason && <p className="text-sm text-slate-600 sm:mr-auto">{blockedReason}</p>}
        <AlertDialogCancel asChild>
          <Button variant="secondary">Cancel</Button>
        </AlertDialogCancel>
        <Button
          variant="danger"
          disabled={!loaded || failed.length > 0 || owners.length > 0}
          pending={remove.isPending}
          onClick={submit}
        >
          {remove.isPending ? 'Removing…' : confirmLabel}
        </Button>
      </AlertDialogFooter>
    </>
  );
}

function OffboardingSummary({
  previews,
  single,
  transfers,
  onTransferChange,
  excludeIds,
  ssoEnabled,
}: {
  previews: OffboardingPreview[];
  single: Collaborator | null;
  transfers: Record<string, TransferTarget>;
  onTransferChange: (cloudId: string, target: TransferTarget) => void;
  excludeIds: string[];
  ssoEnabled: boolean;
}) {
  const sum = (pick: (preview: OffboardingPreview) => number) =>
    previews.reduce((total, preview) => total + pick(preview), 0);
  const clouds = previews.flatMap((preview) =>
    preview.clouds_owned.map((cloud) => ({ ...cloud, owner: preview.member })),
  );
  const keys = sum((preview) => preview.api_keys);
  const sessions = sum((preview) => preview.active_sessions);
  const grants = sum((preview) => preview.cloud_grants);
  const withWorkloads = previews.filter(
    (preview) =>
      preview.workloads.workspaces.total + preview.workloads.jobs.total + preview.workloads.services.total >
      0,
  );

  return (
    <div className="flex flex-col gap-4 text-sm">
      <section aria-labelledby="offboarding-created" className="flex flex-col gap-2">
        <h3 id="offboarding-created" className="font-medium text-slate-900">
          What happens to what they created
        </h3>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {workloadLines.map((line) => {
            const running = sum((preview) => preview.workloads[line.kind].running);
            const total = sum((preview) => preview.workloads[line.kind].total);
            const countText =
              total === 0 ? 'None' : `${running.toLocaleString()} running · ${total.toLocaleString()} in all`;
            return (
              <li key={line.kind} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:gap-4">
                <div className="flex shrink-0 flex-col sm:w-40">
                  <span className="font-medium text-slate-900">{line.label}</span>
                  {single && total > 0 ? (
                    <Link
                      to={workloadsHref(single.id, line.param)}
                      className="text-indigo-700 underline underline-offset-2"
                    >
                      {countText}
                    </Link>
                  ) : (
                    <span className="text-slate-700">{countText}</span>
                  )}
                </div>
                <p className="text-slate-700">{line.consequence}</p>
              </li>
            );
          })}
          <li className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:gap-4">
            <div className="flex shrink-0 flex-col sm:w-40">
              <span className="font-medium text-slate-900">Clouds</span>
              <span className="text-slate-700">{clouds.length.toLocaleString()} owned</span>
            </div>
            <p className="text-slate-700">
              The organization owners become the implicit owner. You can transfer explicit ownership to
              another member{clouds.length > 0 ? ' below' : ''}.
            </p>
          </li>
        </ul>
        {!single && withWorkloads.length > 0 && (
          <p className="text-slate-700">
            Workloads by person:{' '}
            {withWorkloads.map((preview, index) => (
              <React.Fragment key={preview.member.id}>
                {index > 0 && ' · '}
                <Link
                  to={workloadsHref(preview.member.id)}
                  className="text-indigo-700 underline underline-offset-2"
                >
                  {preview.member.name} (
                  {(
                    preview.workloads.workspaces.running +
                    preview.workloads.jobs.running +
                    preview.workloads.services.running
                  ).toLocaleString()}{' '}
                  running)
                </Link>
              </React.Fragment>
            ))}
          </p>
        )}
      </section>

      {clouds.length > 0 && (
        <section aria-labelledby="offboarding-clouds" className="flex flex-col gap-2">
          <h3 id="offboarding-clouds" className="font-medium text-slate-900">
            Clouds they own
          </h3>
          <ul className="flex flex-col gap-3">
            {clouds.map((cloud) => (
              <li key={cloud.id} className="rounded-md border border-slate-200 p-3">
                <p className="mb-2">
                  <span className="font-medium text-slate-900">{cloud.name}</span>
                  {!single && <span className="text-slate-600"> · owned by {cloud.owner.name}</span>}
                </p>
                <CloudTransferPicker
                  cloudName={cloud.name}
                  excludeIds={excludeIds}
                  value={transfers[cloud.id] ?? null}
                  onChange={(target) => onTransferChange(cloud.id, target)}
                />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="offboarding-access" className="flex flex-col gap-1">
        <h3 id="offboarding-access" className="font-medium text-slate-900">
          Access that ends now
        </h3>
        <ul className="list-disc pl-5 text-slate-700">
          <li>{plural(sessions, 'active session')} signed out</li>
          <li>{plural(keys, 'API key')} revoked</li>
          <li>{plural(grants, 'cloud grant')} removed</li>
        </ul>
      </section>

      {ssoEnabled && (
        <p className="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-indigo-950">
          Your organization signs in with SSO. Also remove {single ? single.name : 'these people'} from your
          identity provider&rsquo;s Roster integration to fully restrict access.
        </p>
      )}
    </div>
  );
}
