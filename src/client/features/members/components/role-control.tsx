import * as React from 'react';
import * as ToggleGroup from '@radix-ui/react-toggle-group';
import type { Collaborator } from '../../../../contract/members.ts';
import { permissionLevelSchema, type PermissionLevel } from '../../../../contract/roles.ts';
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
import { roleLabels } from './member-role-badge.tsx';

export type RoleControlProps = {
  member: Collaborator;
  isYou: boolean;
  /** Why the role cannot be changed (e.g. the last owner); the control is disabled and says so. */
  disabledReason?: string;
  /** Called after your own role changed, so the console can re-read who you are. */
  onOwnRoleChanged?: () => void;
};

const options: PermissionLevel[] = ['owner', 'collaborator'];

/**
 * Owner / Collaborator segmented control. The change shows at once and rolls
 * back if the server refuses; demoting yourself asks first.
 */
export function RoleControl({ member, isYou, disabledReason, onOwnRoleChanged }: RoleControlProps) {
  const [confirmingSelfDemotion, setConfirmingSelfDemotion] = React.useState(false);
  const reasonId = React.useId();
  const changeRole = useChangeRoleMutation({
    onSuccess: (updated) => {
      if (isYou) {
        toast.success('You are now a collaborator', 'Owner settings are read-only for you from now on.');
        onOwnRoleChanged?.();
      } else {
        toast.success(
          `${updated.name} is now ${updated.permission_level === 'owner' ? 'an owner' : 'a collaborator'}`,
        );
      }
    },
  });

  const apply = (role: PermissionLevel) => changeRole.mutate({ member, permission_level: role });
  const onValueChange = (value: string) => {
    const role = permissionLevelSchema.safeParse(value).data;
    // Radix sends "" when the pressed item is pressed again: nothing to change.
    if (!role || role === member.permission_level) return;
    if (isYou && role === 'collaborator') setConfirmingSelfDemotion(true);
    else apply(role);
  };

  const disabled = Boolean(disabledReason);
  const group = (
    <ToggleGroup.Root
      type="single"
      value={member.permission_level}
      onValueChange={onValueChange}
      disabled={disabled}
      aria-label={`Role of ${member.name}`}
      aria-describedby={disabled ? reasonId : undefined}
      className={cn(
        'inline-flex rounded-md border border-slate-300 bg-slate-100 p-0.5',
        disabled && 'opacity-70',
      )}
    >
      {options.map((role) => (
        <ToggleGroup.Item
          key={role}
          value={role}
          className={cn(
            'rounded px-2 py-1 text-xs font-medium text-slate-700 transition-colors hover:text-slate-900',
            'data-[state=on]:bg-white data-[state=on]:text-slate-900 data-[state=on]:shadow-xs',
            'data-[state=on]:ring-1 data-[state=on]:ring-slate-300 disabled:cursor-not-allowed disabled:hover:text-slate-700',
            role === 'owner' && 'data-[state=on]:text-indigo-800',
          )}
        >
          {roleLabels[role].one}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );

  return (
    <div className="inline-flex items-center gap-1">
      {group}
      {disabledReason && (
        <>
          <span id={reasonId} className="sr-only">
            {disabledReason}
          </span>
          <Tooltip content={disabledReason}>
            <button
              type="button"
              aria-label={`Why the role of ${member.name} cannot change`}
              className="flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            >
              <span aria-hidden>?</span>
            </button>
          </Tooltip>
        </>
      )}
      <AlertDialog open={confirmingSelfDemotion} onOpenChange={setConfirmingSelfDemotion}>
        <AlertDialogContent>
          <AlertDialogTitle>Give up your owner rights?</AlertDialogTitle>
          <AlertDialogDescription>
            You will lose owner rights immediately. You will no longer be able to change roles, remove
            members, invite people, manage cloud access or read the audit log. Only another owner can make you
            an owner again.
          </AlertDialogDescription>
          <AlertDialogFooter>
            <AlertDialogCancel asChild>
              <Button variant="secondary">Stay an owner</Button>
            </AlertDialogCancel>
            <AlertDialogAction asChild>
              <Button variant="danger" onClick={() => apply('collaborator')}>
                Become a collaborator
              </Button>
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
