import type { ApiKey } from '../../../../contract/api-keys.ts';
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
import { toast } from '../../../lib/toast.ts';
import { useRevokeApiKeyMutation } from '../api/revoke-api-key.ts';
import * as React from 'react';

export function RevokeApiKeyButton({ apiKey }: { apiKey: ApiKey }) {
  const [open, setOpen] = React.useState(false);
  const revoke = useRevokeApiKeyMutation({
    onSuccess: () => {
      setOpen(false);
      toast.success(`Revoked “${apiKey.name}”`, 'Requests with this key now get 401.');
    },
  });
  return (
    <AlertDialog open={open} onOpenChange={(next) => !revoke.isPending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Revoke ${apiKey.name} (${apiKey.prefix}…)`}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Revoke “{apiKey.name}”?</AlertDialogTitle>
        <AlertDialogDescription>
          Scripts and tools using this key ({apiKey.prefix}…) stop working on their next request. This cannot
          be undone; create a new key if you need one.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button variant="danger" pending={revoke.isPending} onClick={() => revoke.mutate(apiKey)}>
            Revoke key
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
