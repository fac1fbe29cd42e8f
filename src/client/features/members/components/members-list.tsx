import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MemberSource } from '#contract/enums.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { useSlashToSearch } from '../../../components/roving-rows.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { memberPageSize, memberQueries, type MemberListFilters } from '../api/member-queries.ts';
import { defaultMemberSort, useMemberListParams } from '../hooks/use-member-list-params.ts';
import { MemberFilters } from './member-filters.tsx';
import { MemberPagination, visibleRange } from './member-pagination.tsx';
import { MembersTable, type MembersTableSlots } from './members-table.tsx';

export type MembersListProps = MembersTableSlots & {
  organizationName: string;
  currentMemberId: string;
  /** The organization uses SSO: offer the SSO sign-in filter. */
  ssoEnabled?: boolean;
  /** Shown beside the result count, e.g. bulk actions for selected rows. */
  toolbar?: React.ReactNode;
};

/**
 * Organization settings › Members: filters, table and pagination, all driven by
 * the URL. Owners' controls come in through the table slots.
 */
export function MembersList({
  organizationName,
  currentMemberId,
  ssoEnabled = false,
  toolbar,
  ...slots
}: MembersListProps) {
  const params = useMemberListParams();
  const { filters } = params;
  const sort = filters.sort ?? defaultMemberSort;
  const members = useQuery(memberQueries.list(filters));
  const searchRef = React.useRef<HTMLInputElement>(null);
  const sectionRef = React.useRef<HTMLElement>(null);
  useSlashToSearch(searchRef);
  const page = members.data;
  const clearFilters = () => {
    params.clearFilters();
    searchRef.current?.focus();
  };
  // Paging from the bottom of a long table: bring its top (and the pending bar) into view.
  const goToPage = (token: string | null, offset?: number) => {
    params.goToPage(token, offset);
    const top = sectionRef.current?.getBoundingClientRect().top;
    if (top !== undefined && top < 0) sectionRef.current?.scrollIntoView({ block: 'start' });
  };
  const emptyOrFailed = members.isError || page?.results.length === 0;

  let content: React.ReactNode;
  if (members.isError && isApiError(members.error, 'invalid_paging_token')) {
    content = (
      <EmptyState
        title="This page link is no longer valid"
        action={<Button onClick={() => params.goToPage(null)}>Go to the first page</Button>}
      >
        The list changed or the link was cut short. Start again from the first page.
      </EmptyState>
    );
  } else if (members.isError) {
    content = (
      <ErrorState
        title="Members could not be loaded"
        error={members.error}
        onRetry={() => members.refetch()}
      />
    );
  } else if (page && page.results.length === 0) {
    content = filters.paging_token ? (
      <EmptyState
        title="No more members on this page"
        action={
          <Button variant="secondary" onClick={() => params.goToPage(null)}>
            Go to the first page
          </Button>
        }
      />
    ) : (
      <EmptyState
        title={emptyTitle(filters)}
        action={
          params.hasFilters && (
            <Button variant="secondary" onClick={clearFilters}>
              Clear filters
            </Button>
          )
        }
      >
        {filters.q
          ? 'Try another spelling, or search by email address.'
          : params.hasFilters
            ? 'Clear the filters to see every member.'
            : null}
      </EmptyState>
    );
  } else {
    const range = page ? visibleRange(page.metadata, page.results.length, params.offset) : null;
    content = (
      <div>
        <MembersTable
          {...slots}
          members={page?.results}
          caption={`Members of ${organizationName}`}
          sort={sort}
          onSortChange={params.setSort}
          currentMemberId={currentMemberId}
          busy={members.isPlaceholderData}
        />
        {page && (
          <MemberPagination
            metadata={page.metadata}
            range={range}
            pending={members.isPlaceholderData}
            onPrevious={() =>
              goToPage(
                page.metadata.previous_paging_token,
                range ? Math.max(0, range.from - 1 - memberPageSize) : undefined,
              )
            }
            onNext={() => goToPage(page.metadata.next_paging_token, range ? range.to : undefined)}
          />
        )}
      </div>
    );
  }

  return (
    <section ref={sectionRef} aria-label="Member list" className="flex scroll-mt-4 flex-col gap-3">
      <MemberFilters
        q={filters.q ?? ''}
        role={filters.permission_level}
        source={filters.source}
        sso={filters.sso}
        showSso={ssoEnabled}
        sort={sort}
        onSearch={params.setQuery}
        onRoleChange={params.setRole}
        onSourceChange={params.setSource}
        onSsoChange={params.setSso}
        onSortChange={params.setSort}
        searchRef={searchRef}
      />
      {/* One line high whatever it holds: the selection bar covers the count instead of pushing the table. */}
      <div className="relative flex h-8 items-center justify-between gap-2">
        {/* Announces result counts; the empty and error states say it visibly instead. */}
        <p role="status" className={emptyOrFailed ? 'sr-only' : 'text-sm text-slate-600 dark:text-slate-400'}>
          {page
            ? countLabel(
                page.metadata.total,
                filters.permission_level,
                params.hasFilters,
                page.metadata.total_capped,
              )
            : members.isPending
              ? 'Loading members…'
              : ''}
        </p>
        {toolbar}
      </div>
      {content}
    </section>
  );
}

const sourcePhrases: Record<MemberSource, string> = {
  invited: 'invitations',
  sso_jit: 'SSO just-in-time sign-in',
  scim: 'SCIM',
};

function noun(count: number, role: PermissionLevel | undefined): string {
  const [one, many] =
    role === 'owner'
      ? ['owner', 'owners']
      : role === 'collaborator'
        ? ['collaborator', 'collaborators']
        : ['member', 'members'];
  return count === 1 ? one : many;
}

/** A search counts exactly up to a cap; beyond it the total reads "1,000+ members found". */
function countLabel(
  total: number,
  role: PermissionLevel | undefined,
  filtered: boolean,
  capped?: boolean,
): string {
  return `${total.toLocaleString()}${capped ? '+' : ''} ${noun(capped ? total + 1 : total, role)}${filtered ? ' found' : ''}`;
}

function emptyTitle({ q, permission_level: role, source, sso }: MemberListFilters): string {
  if (q) return `No ${noun(0, role)} match “${q}”`;
  if (source) return `No ${noun(0, role)} from ${sourcePhrases[source]}`;
  if (sso === true) return `No ${noun(0, role)} have signed in with SSO yet`;
  if (sso === false) return `Every ${noun(1, role)} has signed in with SSO`;
  if (role) return `No ${noun(0, role)} yet`;
  return 'No members yet';
}
