import * as React from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Group } from '#contract/groups.ts';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { RowMenu, RowMenuItem, RowMenuSeparator } from '../../../components/ui/row-menu.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { cn } from '../../../lib/cn.ts';
import { groupQueries, type GroupListFilters } from '../api/group-queries.ts';
import { CreateGroupDialog } from './create-group-dialog.tsx';
import { DeleteGroupDialog } from './delete-group-dialog.tsx';
import { RenameGroupDialog } from './rename-group-dialog.tsx';
import { GroupSourceBadge, countLabel, readOnlyReason } from './group-labels.tsx';

export function groupListFiltersFrom(params: URLSearchParams): GroupListFilters {
  return { paging_token: params.get('page') || undefined };
}

/**
 * Organization settings › Groups: named sets of members that can be granted
 * clouds. Manual groups are edited here; groups synced over SCIM are shown
 * read-only (the identity provider owns them).
 */
export function GroupsPage() {
  const [params, setParams] = useSearchParams();
  const filters = groupListFiltersFrom(params);
  const groups = useQuery(groupQueries.list(filters));
  const goToPage = (token: string | null) =>
    setParams(token ? { page: token } : {}, { preventScrollReset: true });
  const page = groups.data;

  let content: React.ReactNode;
  if (groups.isError && isApiError(groups.error, 'invalid_paging_token')) {
    content = (
      <EmptyState
        title="This page link is no longer valid"
        action={<Button onClick={() => goToPage(null)}>Go to the first page</Button>}
      />
    );
  } else if (groups.isError) {
    content = (
      <ErrorState title="Groups could not be loaded" error={groups.error} onRetry={() => groups.refetch()} />
    );
  } else if (page && page.results.length === 0 && !filters.paging_token) {
    content = (
      <EmptyState title="No groups yet" action={<CreateGroupDialog />}>
        Put people who work together in a group (Data Science, Platform…), then grant the group a cloud from
        the cloud’s Manage users: everyone in it gets that access, and loses it when they leave the group.
        Groups from your identity provider appear here once directory sync sends them.
      </EmptyState>
    );
  } else {
    content = (
      <div className="flex flex-col gap-3">
        <GroupsTable groups={page?.results} busy={groups.isPlaceholderData} />
        {page && (page.metadata.next_paging_token || page.metadata.previous_paging_token) && (
          <nav aria-label="Pagination" className="flex justify-end gap-2">
            <Button
              variant="secondary"
              size="sm"
              disabled={!page.metadata.previous_paging_token}
              onClick={() => goToPage(page.metadata.previous_paging_token)}
            >
              <span aria-hidden>←</span> Previous
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={!page.metadata.next_paging_token}
              onClick={() => goToPage(page.metadata.next_paging_token)}
            >
              Next <span aria-hidden>→</span>
            </Button>
          </nav>
        )}
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title="Groups"
        description="Grant a cloud to a group and everyone in it can use it, with the group’s role."
        actions={page && page.results.length > 0 ? <CreateGroupDialog /> : null}
      />
      <p role="status" className="mb-3 min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {page ? countLabel(page.metadata.total, 'group') : groups.isPending ? 'Loading groups…' : ''}
      </p>
      {content}
    </div>
  );
}

function GroupsTable({ groups, busy }: { groups: Group[] | undefined; busy: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
      <table className="w-full text-left text-sm" aria-busy={groups === undefined || busy || undefined}>
        <caption className="sr-only">Groups</caption>
        <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            <th scope="col" className="px-4 py-2 whitespace-nowrap">
              Members
            </th>
            <th scope="col" className="hidden px-4 py-2 sm:table-cell">
              Clouds
            </th>
            <th scope="col" className="hidden px-4 py-2 md:table-cell">
              Source
            </th>
            <th scope="col" className="w-12 px-2 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className={cn('divide-y divide-slate-100 dark:divide-slate-800', busy && 'opacity-60')}>
          {groups === undefined
            ? Array.from({ length: 4 }, (_, index) => (
                <tr key={index}>
                  <td className="px-4 py-3" colSpan={5}>
                    <Skeleton className="h-4 w-full max-w-md" />
                  </td>
                </tr>
              ))
            : groups.map((group) => (
                <tr key={group.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <th scope="row" className="px-4 py-3 text-left font-normal">
                    <Link
                      to={`/settings/groups/${encodeURIComponent(group.id)}`}
                      className="font-medium break-words text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
                    >
                      {group.name}
                    </Link>
                    {/* Phones: the columns folded into the name cell. */}
                    <div className="flex flex-wrap items-center gap-x-2 text-xs text-slate-600 dark:text-slate-400 md:hidden">
                      <span className="sm:hidden">{countLabel(group.cloud_count, 'cloud')}</span>
                      {group.source === 'scim' && <GroupSourceBadge source={group.source} />}
                    </div>
                  </th>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300">
                    {countLabel(group.member_count, 'member')}
                  </td>
                  <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 sm:table-cell">
                    {countLabel(group.cloud_count, 'cloud')}
                  </td>
                  <td className="hidden px-4 py-3 md:table-cell">
                    <GroupSourceBadge source={group.source} />
                  </td>
                  <td className="w-12 px-2 py-3 text-right">
                    <GroupRowActions group={group} />
                  </td>
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupRowActions({ group }: { group: Group }) {
  const [dialog, setDialog] = React.useState<'rename' | 'delete' | null>(null);
  const reason = readOnlyReason(group);
  return (
    <>
      <RowMenu label={`Actions for ${group.name}`} rowId={group.id}>
        <RowMenuItem asChild>
          <Link to={`/settings/groups/${encodeURIComponent(group.id)}`}>Open group</Link>
        </RowMenuItem>
        <RowMenuItem disabled={reason !== null} hint={reason} onSelect={() => setDialog('rename')}>
          Rename…
        </RowMenuItem>
        <RowMenuSeparator />
        <RowMenuItem
          destructive
          disabled={reason !== null}
          hint={reason}
          onSelect={() => setDialog('delete')}
        >
          Delete…
        </RowMenuItem>
      </RowMenu>
      <RenameGroupDialog
        group={group}
        open={dialog === 'rename'}
        onOpenChange={(open) => setDialog(open ? 'rename' : null)}
      />
      <DeleteGroupDialog
        group={group}
        open={dialog === 'delete'}
        onOpenChange={(open) => setDialog(open ? 'delete' : null)}
      />
    </>
  );
}
