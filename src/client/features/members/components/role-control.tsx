import * as React from 'react';
import * as ToggleGroup from '@radix-ui/react-toggle-group';
import type { Collaborator } from '../../../../contract/members.ts';
import { oneOf, permissionLevels } from '../../../../contract/enums.ts';
import type { PermissionLevel } from '../../../../contract/roles.ts';
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
import { Tooltip } from '../../../components/ui/tooltip.tsx';
import { cn } from '../../../lib/cn.ts';
import { toast } from '../../../lib/toast.ts';
import { useChangeRoleMutation } from '../api/change-role.ts';
import { MemberRoleBadge, roleLabels } from './member-role-badge.tsx';

/**
 * Changes roles for the whole table: optimistic (the change shows at once and
 * rolls back with an error toast if refused), and demoting yourself asks first.
 * Returns `change` and the one confirmation dialog to render.
 */
export function useRoleChanger({
  currentMemberId,
  onOwnRoleChanged,
}: {
  currentMemberId: string;
  /** Called after your own role changed, so the console can re-read who you are. */
  onOwnRoleChanged: () => void;
}) {
  const [confirming, setConfirming] = React.useState<Collaborator | null>(null);
  const mutation = useChangeRoleMutation({
    onSuccess: (updated) => {
      if (updated.id === currentMemberId) {
        toast.success(
          'You are now a collaborator',
          'Organization settings are read-only for you from now on.',
        );
        onOwnRoleChanged();
      } else {
        toast.success(
          `${updated.name} is now ${updated.permission_level === 'owner' ? 'an owner' : 'a collaborator'}`,
        );
      }
    },
  });

  const change = (member: Collaborator, role: PermissionLevel) => {
    if (role === member.permission_level) return;
    if (member.id === currentMemberId && role === 'collaborator') setConfirming(member);
    else mutation.mutate({ member, permission_level: role });
  };

  const dialog = (
    <AlertDialog open={confirming !== null} onOpenChange={(open) => !open && setConfirming(null)}>
      <AlertDialogContent>
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
            <Button
              variant="danger"
              onClick={() =>
                confirming && mutation.mutate({ member: confirming, permission_level: 'collaborator' })
              }
            >
              Become a collaborator
            </Button>
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );

  return { change, dialog };
}

const options: PermissionLevel[] = ['owner', 'collaborator'];

/**
 * Owner / Collaborator segmented control. On phones the cell shows the role
 * badge instead and the row menu offers the change (the control needs room).
 */
export function RoleControl({
  member,
  disabledReason,
  onChange,
}: {
  member: Collaborator;
  /** Why the role cannot be changed (e.g. the last owner); the control is disabled and says so. */
  disabledReason?: string;
  onChange: (role: PermissionLevel) => void;
}) {
  const reasonId = React.useId();
  const disabled = Boolean(disabledReason);
  return (
    <>
      <span className="sm:hidden">
        <MemberRoleBadge role={member.permission_level} />
      </span>
      <div className="hidden items-center gap-1 sm:inline-flex">
        <ToggleGroup.Root
          type="single"
          value={member.permission_level}
          onValueChange={(value) => {
            // Radix sends "" when the pressed item is pressed again: nothing to change.
            const role = oneOf(permissionLevels, value);
            if (role) onChange(role);
          }}
          disabled={disabled}
          aria-label={`Role of ${member.name}`}
          aria-describedby={disabled ? reasonId : undefined}
          className="inline-flex rounded-md border border-slate-300 bg-slate-100 p-0.5"
        >
          {options.map((role) => (
            <ToggleGroup.Item
              key={role}
              value={role}
              className={cn(
                'rounded px-2 py-1 text-xs font-medium text-slate-600 transition-colors hover:text-slate-900',
                'disabled:cursor-not-allowed disabled:hover:text-slate-600',
                role === 'owner'
                  ? 'data-[state=on]:bg-indigo-600 data-[state=on]:text-white'
                  : 'data-[state=on]:bg-white data-[state=on]:text-slate-900 data-[state=on]:shadow-xs data-[state=on]:ring-1 data-[state=on]:ring-slate-300',
              )}
            >
              {roleLabels[role].one}
            </ToggleGroup.Item>
          ))}
        </ToggleGroup.Root>
        {disabledReason && (
          <>
            <span id={reasonId} className="sr-only">
              {disabledReason}
            </span>
            <Tooltip content={disabledReason}>
              <button
                type="button"
                aria-label={`Why the role of ${member.name} cannot change`}
                className="flex h-6 w-6 items-center justify-center rounded-full border border-slate-300 text-xs font-semibold text-slate-700 hover:bg-slate-100 hover:text-slate-900"
              >
                <span aria-hidden>?</span>
              </button>
            </Tooltip>
          </>
        )}
      </div>
    </>
  );
}
