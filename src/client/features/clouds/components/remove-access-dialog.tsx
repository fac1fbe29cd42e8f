import type { CloudAccessEntry } from '#contract/clouds.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '../../../components/ui/alert-dialog.tsx';
import { toast } from '../../../lib/toast.ts';
import { useRevokeCloudAccessMutation } from '../api/revoke-cloud-access.ts';
import * as React from 'react';

export function RemoveAccessDialog({
  cloud,
  person,
}: {
  cloud: { id: string; name: string };
  person: CloudAccessEntry;
}) {
  const [open, setOpen] = React.useState(false);
  const revoke = useRevokeCloudAccessMutation({
    onSuccess: () => {
      toast.success(`Removed ${person.name} from ${cloud.name}`);
      setOpen(false);
    },
  });
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Remove ${person.name}`}>
          Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>
          Remove {person.name} from {cloud.name}?
        </AlertDialogTitle>
        <AlertDialogDescription>
          {person.name} will no longer see {cloud.name} or be able to create workloads on it, starting with
          their next request. Workloads they already run there keep running; you can terminate them from
          Workloads.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button
            variant="danger"
            pending={revoke.isPending}
            onClick={() => revoke.mutate({ cloudId: cloud.id, userId: person.user_id })}
          >
            {revoke.isPending ? 'Removing…' : 'Remove access'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
