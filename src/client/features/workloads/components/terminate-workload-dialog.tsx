import type { Workload } from '#contract/workloads.ts';
import { returnFocusToRow } from '../../../components/return-focus.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '../../../components/ui/alert-dialog.tsx';
import { toast } from '../../../lib/toast.ts';
import { useTerminateWorkloadMutation } from '../api/terminate-workload.ts';
import { creatorLabel, kindLabel } from './workload-badges.tsx';

export function TerminateWorkloadDialog({
  workload,
  currentMemberId,
  open,
  onOpenChange,
}: {
  workload: Workload;
  currentMemberId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const kind = kindLabel(workload.kind).toLowerCase();
  const terminate = useTerminateWorkloadMutation({
    onSuccess: () => {
      toast.success(`Terminated ${workload.name}`);
      onOpenChange(false);
    },
    onError: () => onOpenChange(false),
  });
  const someoneElses = workload.creator.id !== currentMemberId;
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent
        onCloseAutoFocus={(event) => {
          // Opened from the row's ⋯ menu: go back to it (or, if the row left the list, to the heading).
          event.preventDefault();
          returnFocusToRow([workload.id]);
        }}
      >
        <AlertDialogTitle>Terminate {workload.name}?</AlertDialogTitle>
        <AlertDialogDescription>
          The {kind} stops on {workload.cloud.name} and cannot be restarted
          {someoneElses ? `; it belongs to ${creatorLabel(workload.creator)}` : ''}. To keep the work,
          duplicate it as a workspace first.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button
            variant="danger"
            pending={terminate.isPending}
            onClick={() => terminate.mutate(workload.id)}
          >
            {terminate.isPending ? 'Terminating…' : `Terminate ${kind}`}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
