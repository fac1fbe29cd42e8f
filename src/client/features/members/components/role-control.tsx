import * as React from 'react';
import * as ToggleGroup from '@radix-ui/react-toggle-group';
import type { Collaborator } from '#contract/members.ts';
import { oneOf, permissionLevels } from '#contract/enums.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { Tooltip } from '../../../components/ui/tooltip.tsx';
import { cn } from '../../../lib/cn.ts';
import { toast } from '../../../lib/toast.ts';
import { useChangeRoleMutation } from '../api/change-role.ts';
import { MemberRoleBadge, roleLabels } from './member-role-badge.tsx';
import { names, roleName, type Confirming } from './role-change-wording.ts';

// The confirmation (and the alert dialog primitive) loads the first time a change asks first.
const RoleChangeConfirmation = React.lazy(() =>
  import('./role-change-confirmation.tsx').then((module) => ({ default: module.RoleChangeConfirmation })),
);

/**
 * Changes roles for the whole table: optimistic (the change shows at once and
 * rolls back with an error toast if refused). Making someone an owner and
 * demoting yourself ask first; every other change toasts with Undo.
 * Returns `change`, `changeMany` (for a selection) and the one dialog to render.
 */
export function useRoleChanger({
  currentMemberId,
  onOwnRoleChanged,
  onCloseAutoFocus,
}: {
  currentMemberId: string;
  /** Called after your own role changed, so the console can re-read who you are. */
  onOwnRoleChanged: () => void;
  /** Where focus goes when the confirmation closes (Radix's own choice when not given). */
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const [confirming, setConfirming] = React.useState<Confirming | null>(null);
  // The dialog stays mounted from the first question on, so a closing one keeps its content and returns focus.
  const [asked, setAsked] = React.useState(false);
  const ask = (question: Confirming) => {
    setAsked(true);
    setConfirming(question);
  };
  const mutation = useChangeRoleMutation();

  const apply = async (members: Collaborator[], role: PermissionLevel, undoable = true) => {
    const targets = members.filter((member) => member.permission_level !== role);
    if (targets.length === 0) return;
    const outcomes = await Promise.allSettled(
      targets.map((member) => mutation.mutateAsync({ member, permission_level: role })),
    );
    // Refusals already show an error toast (mutation cache); report what did change.
    const changed = targets.filter((_, index) => outcomes[index]!.status === 'fulfilled');
    if (changed.length === 0) return;
    if (changed.some((member) => member.id === currentMemberId) && role === 'collaborator') {
      toast.success('You are now a collaborator', 'Organization settings are read-only for you from now on.');
      onOwnRoleChanged();
      return;
    }
    const previous = changed[0]!.permission_level;
    toast.success(
      `${names(changed)} ${changed.length === 1 ? 'is' : 'are'} now ${roleName(role, changed.length)}`,
      undefined,
      undoable
        ? {
            label: 'Undo',
            onClick: () =>
              void apply(
                changed.map((member) => ({ ...member, permission_level: role })),
                previous,
                false,
              ),
          }
        : undefined,
    );
  };

  const change = (member: Collaborator, role: PermissionLevel) => {
    if (role === member.permission_level) return;
    if (member.id === currentMemberId && role === 'collaborator') ask({ kind: 'self-demotion', member });
    else if (role === 'owner') ask({ kind: 'promotion', members: [member] });
    else void apply([member], role);
  };

  /** For a selection: promotions always ask; you are left out of a bulk demotion (your row asks). */
  const changeMany = (members: Collaborator[], role: PermissionLevel) => {
    const targets = members.filter(
      (member) =>
        member.permission_level !== role && !(role === 'collaborator' && member.id === currentMemberId),
    );
    if (targets.length === 0) {
      toast.info(`Everyone selected is already ${roleName(role, members.length)}`);
      return;
    }
    ask({ kind: role === 'owner' ? 'promotion' : 'demotion', members: targets });
  };

  const dialog = asked ? (
    <React.Suspense fallback={null}>
      <RoleChangeConfirmation
        confirming={confirming}
        onConfirm={(members, role) => void apply(members, role)}
        onClose={() => setConfirming(null)}
        onCloseAutoFocus={onCloseAutoFocus}
      />
    </React.Suspense>
  ) : null;

  return { change, changeMany, dialog };
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
          className="inline-flex rounded-md border border-slate-300 dark:border-slate-600 bg-slate-100 dark:bg-slate-800 p-0.5"
        >
          {options.map((role) => (
            <ToggleGroup.Item
              key={role}
              value={role}
              className={cn(
                'rounded px-2 py-1 text-xs font-medium text-slate-600 dark:text-slate-400 transition-colors hover:text-slate-900 dark:hover:text-slate-100',
                'disabled:cursor-not-allowed disabled:hover:text-slate-600 dark:disabled:hover:text-slate-400',
                role === 'owner'
                  ? 'data-[state=on]:bg-indigo-600 data-[state=on]:text-white'
                  : 'data-[state=on]:bg-white dark:data-[state=on]:bg-slate-900 data-[state=on]:text-slate-900 dark:data-[state=on]:text-slate-100 data-[state=on]:shadow-xs data-[state=on]:ring-1 data-[state=on]:ring-slate-300 dark:data-[state=on]:ring-slate-600',
              )}
            >
              {member.permission_level === role && (
                <span aria-hidden className="mr-1">
                  ✓
                </span>
              )}
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
                className="flex h-6 w-6 items-center justify-center rounded-full border border-slate-300 dark:border-slate-600 text-xs font-semibold text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-900 dark:hover:text-slate-100"
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
