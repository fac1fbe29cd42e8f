import * as React from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ApiError } from '../lib/api-client.ts';
import type { Credential } from './credential-list.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from './ui/alert-dialog.tsx';
import { Button } from './ui/button.tsx';

/**
 * Revoke, after a confirmation that names the credential and says what stops
 * working. The dialog stays open (and cannot be dismissed) while the request runs.
 */
export function RevokeCredentialButton<T extends Credential>({
  credential,
  noun,
  consequence,
  mutation,
}: {
  credential: T;
  /** "key", "token": the confirm button says "Revoke key". */
  noun: string;
  /** What stops working, and for whom, from the next request. */
  consequence: React.ReactNode;
  mutation: UseMutationResult<void, ApiError, T>;
}) {
  const [open, setOpen] = React.useState(false);
  return (
    <AlertDialog open={open} onOpenChange={(next) => !mutation.isPending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Revoke ${credential.name} (${credential.prefix}…)`}
        >
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Revoke “{credential.name}”?</AlertDialogTitle>
        <AlertDialogDescription>
          {consequence} This cannot be undone; create a new {noun} if you need one.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button
            variant="danger"
            pending={mutation.isPending}
            onClick={() => mutation.mutate(credential, { onSuccess: () => setOpen(false) })}
          >
            Revoke {noun}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
