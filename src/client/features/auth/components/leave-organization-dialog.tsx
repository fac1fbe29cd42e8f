import { useQuery } from '@tanstack/react-query';
import type { UserInfo } from '#contract/auth.ts';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { authQueries } from '../api/auth-queries.ts';
import { useLeaveOrganizationMutation } from '../api/leave-organization.ts';

/** "Leave organization…" from the account menu: what ends, and the last owner's reason to stay. */
export function LeaveOrganizationDialog({
  user,
  open,
  onOpenChange,
  onLeft,
}: {
  user: UserInfo;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onLeft: () => void;
}) {
  const isOwner = user.permission_level === 'owner';
  const owners = useQuery({ ...authQueries.ownerCount(), enabled: open && isOwner });
  const leave = useLeaveOrganizationMutation({ onSuccess: onLeft });
  const lastOwner = isOwner && owners.data === 1;
  const organization = user.organization.name;
  return (
    <AlertDialog open={open} onOpenChange={(next) => !leave.isPending && onOpenChange(next)}>
      <AlertDialogContent>
        <AlertDialogTitle>Leave {organization}?</AlertDialogTitle>
        <AlertDialogDescription>
          You lose access at once: you are signed out everywhere, your API keys stop working, your cloud
          access ends and the invitations you sent are revoked. Clouds you own go back to the organization
          owners. Your workloads keep running. To come back you need a new invitation.
        </AlertDialogDescription>
        {lastOwner && (
          <p
            role="alert"
            className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-sm text-amber-950 dark:text-amber-100"
          >
            You are the only owner of {organization}, so you cannot leave yet. Make someone else an owner in
            Members first.
          </p>
        )}
        {leave.isError && (
          <p
            role="alert"
            className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-900 dark:text-red-200"
          >
            {leave.error.message}
          </p>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Stay</Button>
          </AlertDialogCancel>
          <Button
            variant="danger"
            disabled={lastOwner || (isOwner && owners.isPending)}
            pending={leave.isPending}
            onClick={() => leave.mutate()}
          >
            {leave.isPending ? 'Leaving…' : `Leave ${organization}`}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
