import * as React from 'react';
import type { ScimToken } from '../../../../contract/scim-tokens.ts';
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
import { useRevokeScimTokenMutation } from '../api/scim-token-mutations.ts';

export function RevokeScimTokenButton({ token }: { token: ScimToken }) {
  const [open, setOpen] = React.useState(false);
  const revoke = useRevokeScimTokenMutation({
    onSuccess: () => {
      setOpen(false);
      toast.success(`Revoked “${token.name}”`, 'The identity provider now gets 401 with this token.');
    },
    onError: (error) => toast.error('Could not revoke the token', error.message),
  });
  return (
    <AlertDialog open={open} onOpenChange={(next) => !revoke.isPending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Revoke ${token.name} (${token.prefix}…)`}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Revoke “{token.name}”?</AlertDialogTitle>
        <AlertDialogDescription>
          The identity provider using this token ({token.prefix}…) can no longer add, change or remove members
          from its next request. People it provisioned stay members. This cannot be undone; create a new token
          if you need one.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button variant="danger" pending={revoke.isPending} onClick={() => revoke.mutate(token)}>
            Revoke token
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
