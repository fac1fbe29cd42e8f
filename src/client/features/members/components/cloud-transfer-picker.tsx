import * as React from 'react';
import type { Collaborator } from '#contract/members.ts';
import { MemberCombobox } from '../../../components/member-combobox.tsx';
import { offboardingQueries } from '../api/offboarding-queries.ts';

export type TransferTarget = Collaborator | null;

/**
 * "Transfer ownership of <cloud> to" for one cloud: the shared member
 * combobox, so what is chosen is exactly what is shown and submitted. With no
 * choice the organization owners become the implicit owner, and it says so.
 * People being removed are shown but cannot be chosen.
 */
export function CloudTransferPicker({
  cloudName,
  excludeIds,
  value,
  onChange,
}: {
  cloudName: string;
  excludeIds: string[];
  value: TransferTarget;
  onChange: (target: TransferTarget) => void;
}) {
  const id = React.useId();
  return (
    <div className="flex flex-col gap-1.5">
      <MemberCombobox
        id={`${id}-owner`}
        label={`Transfer ownership of ${cloudName} to`}
        search={offboardingQueries.transferCandidates}
        selected={value ? [value] : []}
        onChange={(next) => onChange(next.at(-1) ?? null)}
        disabledReason={(member) => (excludeIds.includes(member.id) ? 'Being removed' : null)}
        hint={
          value
            ? `${value.name} will own ${cloudName}. Remove the choice to leave it with the organization owners.`
            : `Nobody chosen: the organization owners become the implicit owner of ${cloudName}.`
        }
      />
    </div>
  );
}
