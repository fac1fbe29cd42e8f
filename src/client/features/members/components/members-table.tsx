import * as React from 'react';
import { Link } from 'react-router';
import type { Collaborator, MemberSort } from '#contract/members.ts';
import { formatDate, formatDateTime, formatRelative } from '../../../components/format.ts';
import { useRovingRows } from '../../../components/roving-rows.ts';
import { Badge } from '../../../components/ui/badge.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { MemberRoleBadge } from './member-role-badge.tsx';
import { MemberSourceBadge, MemberSourceLabel, MemberSsoBadge } from './member-source.tsx';

/**
 * Extension points for owners' controls, filled in by the route module so this
 * table stays read-only by default: a leading selection column, the role cell,
 * and a trailing actions column.
 */
export type MembersTableSlots = {
  selection?: {
    /** Header cell content, e.g. a "select all on this page" checkbox. */
    header: (members: Collaborator[]) => React.ReactNode;
    cell: (member: Collaborator) => React.ReactNode;
  };
  /** Content of the role cell; a read-only badge by default. */
  renderRole?: (member: Collaborator) => React.ReactNode;
  /** Trailing column, e.g. a row actions menu. `label` names the column for screen readers. */
  actions?: { label: string; cell: (member: Collaborator) => React.ReactNode };
  /** Highlights a row, e.g. when it is selected. */
  isSelected?: (member: Collaborator) => boolean;
  /** Where a member's name links to (their page); Enter on a focused row goes there too. */
  memberHref?: (member: Collaborator) => string;
};

type SortKey = 'name' | 'email' | 'created_at' | 'last_active';

export type MembersTableProps = MembersTableSlots & {
  /** `undefined` while the first page loads: skeleton rows are shown. */
  members: Collaborator[] | undefined;
  caption: string;
  sort: MemberSort;
  onSortChange: (sort: MemberSort) => void;
  currentMemberId?: string;
  /** Older rows are shown while the next ones load. */
  busy?: boolean;
};

const skeletonRows = 8;

export function MembersTable({
  members,
  caption,
  sort,
  onSortChange,
  currentMemberId,
  busy = false,
  selection,
  renderRole,
  actions,
  isSelected,
  memberHref,
}: MembersTableProps) {
  const loading = members === undefined;
  // Enter on a row follows the link in its name (no router needed by the table itself).
  const roving = useRovingRows(
    members,
    memberHref
      ? (_member, row) => row.querySelector<HTMLAnchorElement>('a[data-member-link]')?.click()
      : undefined,
  );
  const sortHeader = (key: SortKey, label: string, newestFirst = false) => (
    <SortButton
      label={label}
      direction={ariaSort(sort, key)}
      newestFirst={newestFirst}
      onSort={(descending) => onSortChange(descending ? `-${key}` : key)}
    />
  );
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
      {busy && <div aria-hidden className="absolute inset-x-0 top-0 h-0.5 animate-pulse bg-indigo-500" />}
      <table className="w-full text-left text-sm" aria-busy={loading || busy || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
          <tr>
            {selection && (
              <th scope="col" className="w-10 py-2 pr-0 pl-3 sm:pl-4">
                {members && selection.header(members)}
              </th>
            )}
            <th scope="col" className="px-3 py-2 sm:px-4" aria-sort={ariaSort(sort, 'name')}>
              {sortHeader('name', 'Name')}
            </th>
            <th scope="col" className="hidden px-4 py-2 sm:table-cell" aria-sort={ariaSort(sort, 'email')}>
              {sortHeader('email', 'Email')}
            </th>
            <th scope="col" className="w-px px-3 py-2 whitespace-nowrap sm:px-4">
              Role
            </th>
            <th
              scope="col"
              className="hidden px-4 py-2 whitespace-nowrap md:table-cell"
              aria-sort={ariaSort(sort, 'created_at')}
            >
              {sortHeader('created_at', 'Joined')}
            </th>
            <th
              scope="col"
              className="hidden px-4 py-2 whitespace-nowrap lg:table-cell"
              aria-sort={ariaSort(sort, 'last_active')}
            >
              {sortHeader('last_active', 'Last active', true)}
            </th>
            <th scope="col" className="hidden px-4 py-2 whitespace-nowrap xl:table-cell">
              Source
            </th>
            {actions && (
              <th scope="col" className="w-12 px-2 py-2">
                <span className="sr-only">{actions.label}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody
          {...roving.bodyProps}
          className={cn(
            'divide-y divide-slate-100 dark:divide-slate-800 transition-opacity',
            busy && 'opacity-60',
          )}
        >
          {loading
            ? Array.from({ length: skeletonRows }, (_, index) => (
                <SkeletonRow key={index} selection={Boolean(selection)} actions={Boolean(actions)} />
              ))
            : members.map((member) => {
                const selected = isSelected?.(member) ?? false;
                const isYou = member.id === currentMemberId;
                return (
                  <tr
                    key={member.id}
                    {...roving.rowProps(member)}
                    data-selected={selected || undefined}
                    className={cn(
                      'hover:bg-slate-50 dark:hover:bg-slate-800/50 focus-visible:outline-offset-[-2px]',
                      selected &&
                        'bg-indigo-50/60 dark:bg-indigo-950/60 hover:bg-indigo-50 dark:hover:bg-indigo-950/40',
                    )}
                  >
                    {selection && (
                      <td className="w-10 py-3 pr-0 pl-3 align-middle sm:pl-4">{selection.cell(member)}</td>
                    )}
                    <th
                      scope="row"
                      // On phones the name cell takes the room left beside the role, so the email can truncate.
                      className="px-3 py-3 text-left font-normal max-sm:w-full max-sm:max-w-0 sm:px-4"
                    >
                      <div className="flex min-w-0 items-center gap-3">
                        {/* Phones give its room to the name and email. */}
                        <Avatar name={member.name} seed={member.user_id} className="max-sm:hidden" />
                        <div className="min-w-0">
                          <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                            {memberHref ? (
                              <Link
                                data-member-link
                                to={memberHref(member)}
                                className="font-medium text-slate-900 dark:text-slate-100 underline-offset-2 hover:underline max-sm:truncate sm:break-words"
                              >
                                {member.name}
                              </Link>
                            ) : (
                              <span className="font-medium text-slate-900 dark:text-slate-100 max-sm:truncate sm:break-words">
                                {member.name}
                              </span>
                            )}
                            {isYou && <Badge tone="success">You</Badge>}
                            {/* Where the Source column is not shown. */}
                            <MemberSourceBadge source={member.source} className="xl:hidden" />
                            <MemberSsoBadge lastSsoLoginAt={member.last_sso_login_at} />
                          </div>
                          <div
                            className="truncate text-xs text-slate-600 dark:text-slate-400 sm:hidden"
                            title={member.email}
                          >
                            {member.email}
                          </div>
                          {member.groups && member.groups.length > 0 && (
                            <div className="text-xs break-words text-slate-600 dark:text-slate-400">
                              <span className="font-medium">Groups:</span>{' '}
                              {member.groups.map((group) => group.name).join(', ')}
                            </div>
                          )}
                        </div>
                      </div>
                    </th>
                    <td className="hidden max-w-72 px-4 py-3 [overflow-wrap:anywhere] text-slate-700 dark:text-slate-300 sm:table-cell">
                      {member.email}
                    </td>
                    <td className="px-3 py-3 whitespace-nowrap sm:px-4">
                      {renderRole ? renderRole(member) : <MemberRoleBadge role={member.permission_level} />}
                    </td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 md:table-cell">
                      <time dateTime={member.created_at} title={formatDateTime(member.created_at)}>
                        {formatDate(member.created_at)}
                      </time>
                    </td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 lg:table-cell">
                      <LastActive iso={member.last_active_at} />
                    </td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 xl:table-cell">
                      <MemberSourceLabel source={member.source} />
                    </td>
                    {actions && <td className="w-12 px-2 py-3 text-right">{actions.cell(member)}</td>}
                  </tr>
                );
              })}
        </tbody>
      </table>
    </div>
  );
}

/** "3 hours ago" (the exact time in its title), or "Never" for someone who has not signed in. */
export function LastActive({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-slate-600 dark:text-slate-400">Never</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

function ariaSort(sort: MemberSort, key: SortKey): 'ascending' | 'descending' | undefined {
  if (sort === key) return 'ascending';
  if (sort === `-${key}`) return 'descending';
  return undefined;
}

/** A column header button: the first press sorts ascending (newest first for times of activity), the next flips it. */
function SortButton({
  label,
  direction,
  newestFirst = false,
  onSort,
}: {
  label: string;
  direction: 'ascending' | 'descending' | undefined;
  newestFirst?: boolean;
  onSort: (descending: boolean) => void;
}) {
  return (
    <button
      type="button"
      onClick={() => onSort(direction === undefined ? newestFirst : direction === 'ascending')}
      className={cn(
        '-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-0.5 hover:bg-slate-200/70 dark:hover:bg-slate-700/70 hover:text-slate-900 dark:hover:text-slate-100',
        direction && 'text-slate-900 dark:text-slate-100',
      )}
    >
      {label}
      <SortIcon direction={direction} />
    </button>
  );
}

function SortIcon({ direction }: { direction: 'ascending' | 'descending' | undefined }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 16 16"
      className={cn(
        'h-3.5 w-3.5',
        direction ? 'text-indigo-700 dark:text-indigo-300' : 'text-slate-400 dark:text-slate-500',
      )}
      fill="currentColor"
    >
      {direction !== 'descending' && <path d="M8 3.5 11.5 7h-7z" opacity={direction ? 1 : 0.7} />}
      {direction !== 'ascending' && <path d="M8 12.5 4.5 9h7z" opacity={direction ? 1 : 0.7} />}
    </svg>
  );
}

function SkeletonRow({ selection, actions }: { selection: boolean; actions: boolean }) {
  return (
    <tr>
      {selection && (
        <td className="py-3 pr-0 pl-4">
          <Skeleton className="h-4 w-4" />
        </td>
      )}
      <td className="px-4 py-3">
        <div className="flex items-center gap-3">
          <Skeleton className="h-8 w-8 rounded-full" />
          <div className="flex flex-col gap-1.5">
            <Skeleton className="h-3.5 w-32" />
            <Skeleton className="h-3 w-40 sm:hidden" />
          </div>
        </div>
      </td>
      <td className="hidden px-4 py-3 sm:table-cell">
        <Skeleton className="h-3.5 w-48" />
      </td>
      <td className="px-4 py-3">
        <Skeleton className="h-5 w-20 rounded-full" />
      </td>
      <td className="hidden px-4 py-3 md:table-cell">
        <Skeleton className="h-3.5 w-24" />
      </td>
      <td className="hidden px-4 py-3 lg:table-cell">
        <Skeleton className="h-3.5 w-20" />
      </td>
      <td className="hidden px-4 py-3 xl:table-cell">
        <Skeleton className="h-3.5 w-16" />
      </td>
      {actions && <td className="px-2 py-3" />}
    </tr>
  );
}
