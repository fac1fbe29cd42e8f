import type { Ref } from 'react';
import { memberSorts, memberSources, oneOf, permissionLevels, type MemberSource } from '#contract/enums.ts';
import type { MemberSort } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { Select } from '../../../components/ui/input.tsx';
import { MemberSearch } from './member-search.tsx';
import { memberSourceLabels } from './member-source.tsx';

const sortOptions: { value: MemberSort; label: string }[] = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
  { value: 'email', label: 'Email (A–Z)' },
  { value: '-email', label: 'Email (Z–A)' },
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: '-last_active', label: 'Recently active' },
  { value: 'last_active', label: 'Least recently active' },
];

export function MemberFilters({
  q,
  role,
  source,
  sso,
  showSso,
  sort,
  onSearch,
  onRoleChange,
  onSourceChange,
  onSsoChange,
  onSortChange,
  searchRef,
}: {
  q: string;
  role: PermissionLevel | undefined;
  source: MemberSource | undefined;
  sort: MemberSort;
  onSearch: (q: string) => void;
  onRoleChange: (role: PermissionLevel | undefined) => void;
  onSourceChange: (source: MemberSource | undefined) => void;
  sso: boolean | undefined;
  /** The SSO sign-in filter: where the organization uses SSO (or the URL already filters on it). */
  showSso: boolean;
  onSsoChange: (sso: boolean | undefined) => void;
  onSortChange: (sort: MemberSort) => void;
  searchRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div role="search" aria-label="Filter members" className="flex flex-wrap items-center gap-2">
      <MemberSearch value={q} onSearch={onSearch} inputRef={searchRef} />
      <Select
        aria-label="Role"
        value={role ?? ''}
        onChange={(event) => onRoleChange(oneOf(permissionLevels, event.target.value))}
        className="min-w-0 flex-1 max-sm:basis-[40%] sm:flex-none"
      >
        <option value="">All roles</option>
        <option value="owner">Owners</option>
        <option value="collaborator">Collaborators</option>
      </Select>
      <Select
        aria-label="Source"
        value={source ?? ''}
        onChange={(event) => onSourceChange(oneOf(memberSources, event.target.value))}
        className="min-w-0 flex-1 max-sm:basis-[40%] sm:flex-none"
      >
        <option value="">All sources</option>
        {memberSources.map((value) => (
          <option key={value} value={value}>
            {memberSourceLabels[value]}
          </option>
        ))}
      </Select>
      {(showSso || sso !== undefined) && (
        <Select
          aria-label="SSO sign-in"
          value={sso === undefined ? '' : sso ? 'yes' : 'no'}
          onChange={(event) =>
            onSsoChange(event.target.value === '' ? undefined : event.target.value === 'yes')
          }
          className="min-w-0 flex-1 max-sm:basis-[40%] sm:flex-none"
        >
          <option value="">Any sign-in</option>
          <option value="yes">Signed in with SSO</option>
          <option value="no">Never signed in with SSO</option>
        </Select>
      )}
      {/* Column headers sort on wider screens; narrow ones hide those columns. */}
      <Select
        aria-label="Sort by"
        value={sort}
        onChange={(event) => {
          const next = oneOf(memberSorts, event.target.value);
          if (next) onSortChange(next);
        }}
        className="min-w-0 flex-1 max-sm:basis-[40%] sm:hidden"
      >
        {sortOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
