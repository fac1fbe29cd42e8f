import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { Input, Select } from '../../../components/ui/input.tsx';
import { Label } from '../../../components/ui/label.tsx';
import { offboardingQueries } from '../api/offboarding-queries.ts';

export type TransferTarget = { user_id: string; name: string; email: string } | null;

const implicit = '';

/**
 * "Transfer ownership to: [member]" for one cloud. The default is the
 * organization owners (implicit ownership). People being removed are not
 * offered. Large organizations get a search box to narrow the list.
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
  const [q, setQ] = React.useState('');
  const candidates = useQuery(offboardingQueries.transferCandidates(q.trim()));
  const page = candidates.data;
  const people = (page?.results ?? [])
    .filter((member) => !excludeIds.includes(member.id))
    .map((member) => ({ user_id: member.user_id, name: member.name, email: member.email }));
  // The chosen person stays selectable while a search shows other names.
  if (value && !people.some((person) => person.user_id === value.user_id)) people.unshift(value);
  const searchable = q !== '' || (page !== undefined && page.metadata.next_paging_token !== null);

  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={`${id}-select`} className="text-xs text-slate-700">
        Transfer ownership of {cloudName} to
      </Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        {searchable && (
          <>
            <label htmlFor={`${id}-search`} className="sr-only">
              Search members to own {cloudName}
            </label>
            <Input
              id={`${id}-search`}
              type="search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder="Search members…"
              className="sm:w-44"
            />
          </>
        )}
        <Select
          id={`${id}-select`}
          className="min-w-0 flex-1"
          value={value?.user_id ?? implicit}
          aria-busy={candidates.isFetching || undefined}
          onChange={(event) => {
            const chosen = people.find((person) => person.user_id === event.target.value);
            onChange(chosen ?? null);
          }}
        >
          <option value={implicit}>Organization owners (implicit)</option>
          {people.map((person) => (
            <option key={person.user_id} value={person.user_id}>
              {person.name} ({person.email})
            </option>
          ))}
        </Select>
      </div>
      {candidates.isError && (
        <p className="text-xs text-red-700">Members could not be loaded: {candidates.error.message}</p>
      )}
    </div>
  );
}
