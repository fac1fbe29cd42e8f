import type * as React from 'react';
import type { Collaborator } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { names, ownerPowers, roleName, type Confirming } from './role-change-wording.ts';

/** The question a role change asks first (see useRoleChanger); open while `confirming` is set. */
export function RoleChangeConfirmation({
  confirming,
  onConfirm,
  onClose,
  onCloseAutoFocus,
}: {
  confirming: Confirming | null;
  onConfirm: (members: Collaborator[], role: PermissionLevel) => void;
  onClose: () => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  let content: React.ReactNode = null;
  if (confirming?.kind === 'self-demotion') {
    content = (
      <>
        <AlertDialogTitle>Give up your owner rights?</AlertDialogTitle>
        <AlertDialogDescription>
          You will lose owner rights immediately. You will no longer be able to change roles, remove members,
          invite people, manage cloud access or read the audit log. Only another owner can make you an owner
          again.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Stay an owner</Button>
          </AlertDialogCancel>
          <AlertDialogAction asChild>
            <Button variant="danger" onClick={() => onConfirm([confirming.member], 'collaborator')}>
              Become a collaborator
            </Button>
          </AlertDialogAction>
        </AlertDialogFooter>
      </>
    );
  } else if (confirming) {
    const { members } = confirming;
    const promote = confirming.kind === 'promotion';
    const who = names(members);
    content = (
      <>
        <AlertDialogTitle>
          {promote ? `Make ${who} ${roleName('owner', members.length)}?` : `Make ${who} collaborators?`}
        </AlertDialogTitle>
        <AlertDialogDescription>
          {promote
            ? `${members.length === 1 ? `${who} will be able to` : 'They will be able to'} ${ownerPowers}. It applies at once.`
            : 'They lose owner rights at once: organization settings become read-only for them.'}
        </AlertDialogDescription>
        {members.length > 1 && (
          <ul className="max-h-40 list-disc overflow-y-auto pl-5 text-sm text-slate-700 dark:text-slate-300">
            {members.map((member) => (
              <li key={member.id}>
                {member.name} ({member.email})
              </li>
            ))}
          </ul>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <AlertDialogAction asChild>
            <Button onClick={() => onConfirm(members, promote ? 'owner' : 'collaborator')}>
              {promote ? `Make ${who} ${roleName('owner', members.length)}` : `Make ${who} collaborators`}
            </Button>
          </AlertDialogAction>
        </AlertDialogFooter>
      </>
    );
  }

  return (
    <AlertDialog open={confirming !== null} onOpenChange={(open) => !open && onClose()}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>{content}</AlertDialogContent>
    </AlertDialog>
  );
}
