import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Collaborator, RemovalReceipt } from '#contract/members.ts';
import { focusOrder, returnFocusToRow } from '../../../components/return-focus.ts';
import { Checkbox } from '../../../components/ui/checkbox.tsx';
import { toast } from '../../../lib/toast.ts';
import { memberQueries } from '../api/member-queries.ts';
import { useMemberListParams } from '../hooks/use-member-list-params.ts';
import { MemberRowActions } from './member-row-actions.tsx';
import type { MembersTableSlots } from './members-table.tsx';
import { RoleControl, useRoleChanger } from './role-control.tsx';

// The removal dialog (its transfer pickers and the member search) loads on first use, not with the page.
const RemoveMembersDialog = React.lazy(() =>
  import('./remove-members-dialog.tsx').then((module) => ({ default: module.RemoveMembersDialog })),
);

// The selection bar (with its role menu) appears once someone is selected; it loads then.
const BulkRemoveBar = React.lazy(() =>
  import('./bulk-remove-bar.tsx').then((module) => ({ default: module.BulkRemoveBar })),
);

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "Removed 3 members" with what else was done, for the toast. */
export function receiptText(receipt: RemovalReceipt): { title: string; description: string } {
  const parts = [
    receipt.clouds_transferred > 0 && `${plural(receipt.clouds_transferred, 'cloud')} transferred`,
    receipt.clouds_returned_to_owners > 0 &&
      `${plural(receipt.clouds_returned_to_owners, 'cloud')} returned to the organization owners`,
    `${plural(receipt.api_keys_revoked, 'API key')} revoked`,
    `${plural(receipt.sessions_ended, 'session')} ended`,
    receipt.cloud_grants_removed > 0 && `${plural(receipt.cloud_grants_removed, 'cloud grant')} removed`,
  ].filter(Boolean);
  return { title: `Removed ${plural(receipt.removed, 'member')}`, description: `${parts.join(' · ')}.` };
}

/**
 * Everything an owner adds to the member list: the role control, row actions,
 * checkbox selection with the bulk bar, and the removal dialog. Returns table
 * slots, a toolbar and the dialog for the route to compose.
 */
export function useOwnerMemberControls({
  currentMemberId,
  organizationName,
  ssoEnabled,
  onOwnRoleChanged,
  onMembersRemoved,
}: {
  currentMemberId: string;
  organizationName: string;
  ssoEnabled: boolean;
  onOwnRoleChanged: () => void;
  /** Removal changes other features' data too (cloud grants and owners); the route refreshes them. */
  onMembersRemoved?: () => void;
}) {
  const { filters } = useMemberListParams();
  const page = useQuery(memberQueries.list(filters)).data;
  const owners = useQuery(memberQueries.owners());
  const [selection, setSelection] = React.useState<ReadonlyMap<string, Collaborator>>(new Map());
  const [removing, setRemoving] = React.useState<Collaborator[] | null>(null);
  // Mounted from the first removal on, and kept, so closing still animates and returns focus.
  const [removalUsed, setRemovalUsed] = React.useState(false);
  if (removing !== null && !removalUsed) setRemovalUsed(true);
  const [leftOut, setLeftOut] = React.useState<Collaborator[]>([]);
  // A dialog opened from a row's ⋯ menu gives focus back to that row (or the next one) when it closes.
  const focusAfter = React.useRef<string[] | null>(null);
  const restoreFocus = (event: Event) => {
    if (!focusAfter.current) return;
    event.preventDefault();
    returnFocusToRow(focusAfter.current);
    focusAfter.current = null;
  };
  const fromRow = (ids: string[]) => {
    focusAfter.current = focusOrder(page?.results.map((member) => member.id) ?? [], ids);
  };
  const roles = useRoleChanger({ currentMemberId, onOwnRoleChanged, onCloseAutoFocus: restoreFocus });

  // Rows on the current page are fresh; rows selected on other pages keep what was seen.
  const current = new Map(page?.results.map((member) => [member.id, member]));
  const selected = [...selection.values()].map((member) => current.get(member.id) ?? member);
  const ownerCount = owners.data?.metadata.total;

  const toggle = (members: Collaborator[], on: boolean) =>
    setSelection((previous) => {
      const next = new Map(previous);
      for (const member of members) {
        if (on) next.set(member.id, member);
        else next.delete(member.id);
      }
      return next;
    });
  const deselect = (ids: string[]) =>
    setSelection((previous) => new Map([...previous].filter(([id]) => !ids.includes(id))));

  const lastOwnerReason = (member: Collaborator) => {
    if (member.permission_level !== 'owner' || ownerCount !== 1) return undefined;
    return member.id === currentMemberId
      ? 'You are the only owner. Make someone else an owner before becoming a collaborator.'
      : `${member.name} is the only owner. Make someone else an owner first.`;
  };

  const slots: MembersTableSlots = {
    selection: {
      header: (members) => {
        const chosen = members.filter((member) => selection.has(member.id)).length;
        return (
          <Checkbox
            aria-label="Select all members on this page"
            checked={chosen === 0 ? false : chosen === members.length ? true : 'indeterminate'}
            disabled={members.length === 0}
            onCheckedChange={(checked) => toggle(members, checked === true)}
          />
        );
      },
      cell: (member) => (
        <Checkbox
          aria-label={`Select ${member.name}`}
          checked={selection.has(member.id)}
          onCheckedChange={(checked) => toggle([member], checked === true)}
        />
      ),
    },
    renderRole: (member) => (
      <RoleControl
        member={member}
        disabledReason={lastOwnerReason(member)}
        onChange={(role) => {
          focusAfter.current = null;
          roles.change(member, role);
        }}
      />
    ),
    actions: {
      label: 'Actions',
      cell: (member) => (
        <MemberRowActions
          member={member}
          roleDisabledReason={lastOwnerReason(member)}
          onRoleChange={(role) => {
            fromRow([member.id]);
            roles.change(member, role);
          }}
          onRemove={() => {
            fromRow([member.id]);
            setLeftOut([]);
            setRemoving([member]);
          }}
        />
      ),
    },
    isSelected: (member) => selection.has(member.id),
  };

  const toolbar =
    selected.length > 0 ? (
      <React.Suspense fallback={null}>
        <BulkRemoveBar
          selected={selected}
          onClear={() => setSelection(new Map())}
          onRemove={(members, owners) => {
            fromRow(members.map((member) => member.id));
            setLeftOut(owners);
            setRemoving(members);
          }}
          onChangeRole={(role) => roles.changeMany(selected, role)}
        />
      </React.Suspense>
    ) : null;

  const dialog = (
    <>
      {roles.dialog}
      {removalUsed ? (
        <React.Suspense fallback={null}>
          <RemoveMembersDialog
            members={(removing ?? []).map((member) => current.get(member.id) ?? member)}
            open={removing !== null}
            onOpenChange={(open) => !open && setRemoving(null)}
            organizationName={organizationName}
            ssoEnabled={ssoEnabled}
            currentMemberId={currentMemberId}
            onCloseAutoFocus={restoreFocus}
            leftOut={leftOut}
            onDeselect={(ids) => {
              deselect(ids);
              setRemoving((people) => people?.filter((member) => !ids.includes(member.id)) ?? null);
            }}
            onRemoved={(receipt) => {
              const { title, description } = receiptText(receipt);
              toast.success(title, description);
              deselect(receipt.removed_ids);
              setRemoving(null);
              onMembersRemoved?.();
            }}
          />
        </React.Suspense>
      ) : null}
    </>
  );

  return { slots, toolbar, dialog };
}
