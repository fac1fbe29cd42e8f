import { useLocation } from 'react-router';
import { memberSorts, memberSources, oneOf, permissionLevels, type MemberSource } from '#contract/enums.ts';
import type { MemberSort } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { useSearchParamsState, type SearchParamChanges } from '../../../lib/use-search-params-state.ts';
import type { MemberListFilters } from '../api/member-queries.ts';

/**
 * The member list's filters live in the URL (`?q=&role=&source=&sso=&sort=&page=`) so a
 * search survives reload and can be shared. Unknown values are ignored.
 */
export function memberListFiltersFrom(params: URLSearchParams): MemberListFilters {
  return {
    q: params.get('q')?.trim() || undefined,
    permission_level: oneOf(permissionLevels, params.get('role')),
    source: oneOf(memberSources, params.get('source')),
    sso: params.get('sso') === 'yes' ? true : params.get('sso') === 'no' ? false : undefined,
    sort: oneOf(memberSorts, params.get('sort')),
    paging_token: params.get('page') || undefined,
  };
}

export const defaultMemberSort: MemberSort = 'name';

type ParamKey = 'q' | 'role' | 'source' | 'sso' | 'sort' | 'page';
type Changes = SearchParamChanges<ParamKey>;

/** Reads the filters from the URL and returns the navigations that change them. */
export function useMemberListParams() {
  const [params, setParams] = useSearchParamsState<ParamKey>();
  const location = useLocation();
  const filters = memberListFiltersFrom(params);
  // Where the current page starts, carried in history state when we paged here
  // (keyset pagination has no offsets; a shared link simply shows no range).
  const state: unknown = location.state;
  const offset =
    state && typeof state === 'object' && 'membersOffset' in state && typeof state.membersOffset === 'number'
      ? state.membersOffset
      : undefined;

  const update = (changes: Changes, options: { replace?: boolean; offset?: number } = {}) =>
    setParams(changes, {
      replace: options.replace,
      state: options.offset !== undefined ? { membersOffset: options.offset } : undefined,
    });

  return {
    filters,
    offset,
    hasFilters: Boolean(filters.q || filters.permission_level || filters.source || filters.sso !== undefined),
    /** Typing replaces the history entry, so Back leaves the page instead of undoing letters. */
    setQuery: (q: string) => update({ q: q.trim() || undefined, page: undefined }, { replace: true }),
    setRole: (role: PermissionLevel | undefined) => update({ role, page: undefined }),
    setSource: (source: MemberSource | undefined) => update({ source, page: undefined }),
    setSso: (sso: boolean | undefined) =>
      update({ sso: sso === undefined ? undefined : sso ? 'yes' : 'no', page: undefined }),
    setSort: (sort: MemberSort) =>
      update({ sort: sort === defaultMemberSort ? undefined : sort, page: undefined }),
    goToPage: (token: string | null, offset?: number) => update({ page: token ?? undefined }, { offset }),
    clearFilters: () =>
      update({ q: undefined, role: undefined, source: undefined, sso: undefined, page: undefined }),
  };
}

export type MemberListParams = ReturnType<typeof useMemberListParams>;
