import * as React from 'react';
import type { Workload } from '#contract/workloads.ts';
import { RowMenu, RowMenuItem } from '../../../components/ui/row-menu.tsx';
import { toast } from '../../../lib/toast.ts';
import { useDuplicateWorkloadMutation } from '../api/duplicate-workload.ts';
import { kindLabel } from './workload-badges.tsx';
import { TerminateWorkloadDialog } from './terminate-workload-dialog.tsx';

/** Why the viewer may not terminate this workload, or null when they may. */
export function terminateBlockedReason(
  workload: Workload,
  viewer: { memberId: string; isOwner: boolean },
): string | null {
  if (workload.status === 'terminated') return 'Already terminated';
  if (!viewer.isOwner && workload.creator.id !== viewer.memberId) {
    return 'Only its creator or an organization owner can terminate it';
  }
  return null;
}

export function WorkloadActions({
  workload,
  currentMemberId,
  isOwner,
}: {
  workload: Workload;
  currentMemberId: string;
  isOwner: boolean;
}) {
  const [terminating, setTerminating] = React.useState(false);
  const duplicate = useDuplicateWorkloadMutation({
    onSuccess: (copy) =>
      toast.success(
        `Duplicated as workspace “${copy.name}”`,
        workload.kind === 'workspace'
          ? 'It belongs to you.'
          : `The ${kindLabel(workload.kind).toLowerCase()} was copied as a workspace that belongs to you.`,
      ),
  });
  const blocked = terminateBlockedReason(workload, { memberId: currentMemberId, isOwner });
  return (
    <>
      <RowMenu
        label={`Actions for ${workload.name}`}
        rowId={workload.id}
        pendingLabel={duplicate.isPending ? `Duplicating ${workload.name}` : undefined}
        contentClassName="w-64"
      >
        <RowMenuItem onSelect={() => duplicate.mutate(workload.id)} hint="A copy that belongs to you">
          Duplicate as workspace
        </RowMenuItem>
        <RowMenuItem
          destructive
          disabled={blocked !== null}
          onSelect={() => setTerminating(true)}
          hint={blocked}
        >
          Terminate…
        </RowMenuItem>
      </RowMenu>
      <TerminateWorkloadDialog
        workload={workload}
        currentMemberId={currentMemberId}
        open={terminating}
        onOpenChange={setTerminating}
      />
    </>
  );
}
