import * as React from 'react';
import type { Cloud } from '#contract/clouds.ts';
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
import { useTransferCloudOwnershipMutation } from '../api/transfer-cloud-ownership.ts';

/** Makes the organization owners the (implicit) owner again. Only offered while the cloud has an explicit owner. */
export function ReturnOwnershipDialog({
  cloud,
  owner,
}: {
  cloud: Cloud;
  owner: NonNullable<Cloud['owner']>;
}) {
  const [open, setOpen] = React.useState(false);
  const transfer = useTransferCloudOwnershipMutation({
    onSuccess: (updated) => {
      toast.success(`${updated.name} is owned by the organization owners again`);
      setOpen(false);
    },
  });
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary">Return to organization owners</Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Return {cloud.name} to the organization owners?</AlertDialogTitle>
        <AlertDialogDescription>
          {owner.name} will no longer own {cloud.name}, and keeps access only as an organization owner or
          through a grant. The organization owners become its implicit owner. Workloads are not affected.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button
            pending={transfer.isPending}
            onClick={() => transfer.mutate({ cloudId: cloud.id, userId: null })}
          >
            {transfer.isPending ? 'Returning…' : 'Return to organization owners'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
