import * as React from 'react';
import type { Workload } from '../../../../contract/workloads.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../../components/ui/dropdown-menu.tsx';
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
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            data-row-actions={workload.id}
            size={duplicate.isPending ? 'sm' : 'icon'}
            aria-label={duplicate.isPending ? `Duplicating ${workload.name}` : `Actions for ${workload.name}`}
            pending={duplicate.isPending}
          >
            {duplicate.isPending ? (
              <span className="sr-only sm:not-sr-only">Duplicating…</span>
            ) : (
              <span aria-hidden className="text-lg leading-none">
                ⋯
              </span>
            )}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-64">
          <DropdownMenuItem onSelect={() => duplicate.mutate(workload.id)}>
            <span className="flex flex-col">
              <span>Duplicate as workspace</span>
              <span className="text-xs text-slate-600">A copy that belongs to you</span>
            </span>
          </DropdownMenuItem>
          <DropdownMenuItem
            disabled={blocked !== null}
            onSelect={() => setTerminating(true)}
            className="data-[highlighted]:bg-red-50"
          >
            <span className="flex flex-col">
              <span className={blocked ? undefined : 'text-red-700'}>Terminate…</span>
              {blocked && <span className="text-xs text-slate-600">{blocked}</span>}
            </span>
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <TerminateWorkloadDialog
        workload={workload}
        currentMemberId={currentMemberId}
        open={terminating}
        onOpenChange={setTerminating}
      />
    </>
  );
}
