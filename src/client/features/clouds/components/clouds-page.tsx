import * as React from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Cloud } from '#contract/clouds.ts';
import { formatDate, formatDateTime } from '../../../components/format.ts';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { RowMenu, RowMenuItem } from '../../../components/ui/row-menu.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { cn } from '../../../lib/cn.ts';
import { cloudQueries, type CloudListFilters } from '../api/cloud-queries.ts';
import { AskAnOwner } from './ask-an-owner.tsx';
import { CloudOwnerName, peopleLabel, providerLabel } from './cloud-owner.tsx';
import { RegisterCloudDialog } from './register-cloud-dialog.tsx';
import { RenameCloudDialog } from './rename-cloud-dialog.tsx';

export function cloudListFiltersFrom(params: URLSearchParams): CloudListFilters {
  return { paging_token: params.get('page') || undefined };
}

/**
 * The Clouds page. Owners see every cloud and can register and rename;
 * collaborators see the clouds they were granted, or whom to ask.
 */
export function CloudsPage({ isOwner }: { isOwner: boolean }) {
  const [params, setParams] = useSearchParams();
  const filters = cloudListFiltersFrom(params);
  const clouds = useQuery(cloudQueries.list(filters));
  const goToPage = (token: string | null) =>
    setParams(token ? { page: token } : {}, { preventScrollReset: true });
  const page = clouds.data;

  let content: React.ReactNode;
  if (clouds.isError && isApiError(clouds.error, 'invalid_paging_token')) {
    content = (
      <EmptyState
        title="This page link is no longer valid"
        action={<Button onClick={() => goToPage(null)}>Go to the first page</Button>}
      />
    );
  } else if (clouds.isError) {
    content = (
      <ErrorState title="Clouds could not be loaded" error={clouds.error} onRetry={() => clouds.refetch()} />
    );
  } else if (page && page.results.length === 0 && !filters.paging_token) {
    content = isOwner ? (
      <EmptyState title="No clouds yet" action={<RegisterCloudDialog />}>
        Register the AWS, Google Cloud, Azure or Kubernetes environments your organization runs workloads on,
        then choose who may use each one.
      </EmptyState>
    ) : (
      <EmptyState title="You don’t have access to any clouds yet">
        <p>
          Ask an organization owner to grant you access to a cloud. It will appear here as soon as they do.
        </p>
        <AskAnOwner />
      </EmptyState>
    );
  } else {
    content = (
      <div className="flex flex-col gap-3">
        <CloudsTable clouds={page?.results} isOwner={isOwner} busy={clouds.isPlaceholderData} />
        {page && (page.metadata.next_paging_token || page.metadata.previous_paging_token) && (
          <nav aria-label="Pagination" className="flex items-center justify-between gap-3">
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {page.metadata.total.toLocaleString()} clouds in total
            </p>
            <div className="flex gap-2">
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
            </div>
          </nav>
        )}
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title="Clouds"
        description={
          isOwner
            ? 'Every cloud of your organization. Organization owners can use all of them; grant others access per cloud.'
            : 'The clouds you can use. Ask an organization owner for access to others.'
        }
        actions={
          isOwner ? (
            page && page.results.length > 0 ? (
              <RegisterCloudDialog />
            ) : null
          ) : (
            <div className="flex flex-col items-start gap-1 sm:items-end">
              <Button disabled aria-describedby="register-cloud-reason">
                Register cloud
              </Button>
              <p id="register-cloud-reason" className="text-xs text-slate-600 dark:text-slate-400">
                Only organization owners can register clouds.
              </p>
            </div>
          )
        }
      />
      <p role="status" className="mb-3 min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {page
          ? `${page.metadata.total.toLocaleString()} ${page.metadata.total === 1 ? 'cloud' : 'clouds'}`
          : clouds.isPending
            ? 'Loading clouds…'
            : ''}
      </p>
      {content}
    </div>
  );
}

function CloudsTable({
  clouds,
  isOwner,
  busy,
}: {
  clouds: Cloud[] | undefined;
  isOwner: boolean;
  busy: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
      <table className="w-full text-left text-sm" aria-busy={clouds === undefined || busy || undefined}>
        <caption className="sr-only">Clouds</caption>
        <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            <th scope="col" className="hidden px-4 py-2 sm:table-cell">
              Provider
            </th>
            <th scope="col" className="hidden px-4 py-2 md:table-cell">
              Owner
            </th>
            <th scope="col" className="px-4 py-2 whitespace-nowrap">
              Access
            </th>
            <th scope="col" className="hidden px-4 py-2 lg:table-cell">
              Created
            </th>
            {isOwner && (
              <th scope="col" className="w-12 px-2 py-2">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className={cn('divide-y divide-slate-100 dark:divide-slate-800', busy && 'opacity-60')}>
          {clouds === undefined
            ? Array.from({ length: 4 }, (_, index) => (
                <tr key={index}>
                  <td className="px-4 py-3" colSpan={isOwner ? 6 : 5}>
                    <Skeleton className="h-4 w-full max-w-md" />
                  </td>
                </tr>
              ))
            : clouds.map((cloud) => (
                <tr key={cloud.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <th scope="row" className="px-4 py-3 text-left font-normal">
                    <Link
                      to={`/clouds/${cloud.id}`}
                      className="font-medium break-words text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
                    >
                      {cloud.name}
                    </Link>
                    <div className="text-xs text-slate-600 dark:text-slate-400">
                      <span className="sm:hidden">{providerLabel(cloud)} · </span>
                      {cloud.region}
                    </div>
                    <div className="text-xs md:hidden">
                      Owner: <CloudOwnerName owner={cloud.owner} />
                    </div>
                  </th>
                  <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 sm:table-cell">
                    {providerLabel(cloud)}
                  </td>
                  <td className="hidden px-4 py-3 md:table-cell">
                    <CloudOwnerName owner={cloud.owner} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300">
                    {peopleLabel(cloud.access_count)}
                  </td>
                  <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 lg:table-cell">
                    <time dateTime={cloud.created_at} title={formatDateTime(cloud.created_at)}>
                      {formatDate(cloud.created_at)}
                    </time>
                  </td>
                  {isOwner && (
                    <td className="w-12 px-2 py-3 text-right">
                      <CloudRowActions cloud={cloud} />
                    </td>
                  )}
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

function CloudRowActions({ cloud }: { cloud: Cloud }) {
  const [renaming, setRenaming] = React.useState(false);
  return (
    <>
      <RowMenu label={`Actions for ${cloud.name}`} rowId={cloud.id}>
        <RowMenuItem asChild>
          <Link to={`/clouds/${cloud.id}`}>Manage users</Link>
        </RowMenuItem>
        <RowMenuItem onSelect={() => setRenaming(true)}>Rename…</RowMenuItem>
      </RowMenu>
      <RenameCloudDialog cloud={cloud} open={renaming} onOpenChange={setRenaming} />
    </>
  );
}
