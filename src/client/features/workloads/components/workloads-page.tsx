import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { workloadQueries } from '../api/workload-queries.ts';
import { useWorkloadListParams } from '../hooks/use-workload-list-params.ts';
import { CreateWorkspaceDialog } from './create-workspace-dialog.tsx';
import { WorkloadFilters } from './workload-filters.tsx';
import { WorkloadsTable } from './workloads-table.tsx';

/** Workspaces, jobs and services on the clouds you can use; filters live in the URL. */
export function WorkloadsPage({ currentMemberId, isOwner }: { currentMemberId: string; isOwner: boolean }) {
  const params = useWorkloadListParams();
  const { filters } = params;
  const workloads = useQuery(workloadQueries.list(filters));
  const page = workloads.data;

  let content: React.ReactNode;
  if (workloads.isError && isApiError(workloads.error, 'invalid_paging_token')) {
    content = (
      <EmptyState
        title="This page link is no longer valid"
        action={<Button onClick={() => params.goToPage(null)}>Go to the first page</Button>}
      />
    );
  } else if (workloads.isError) {
    content = (
      <ErrorState
        title="Workloads could not be loaded"
        error={workloads.error}
        onRetry={() => workloads.refetch()}
      />
    );
  } else if (page && page.results.length === 0) {
    content = params.hasFilters ? (
      <EmptyState
        title="No workloads match these filters"
        action={
          <Button variant="secondary" onClick={params.clearFilters}>
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState title="No workloads yet">
        {isOwner
          ? 'Workspaces, jobs and services your organization runs on its clouds will appear here.'
          : 'Workspaces, jobs and services on the clouds you can use will appear here, including the workspaces you create.'}
      </EmptyState>
    );
  } else {
    content = (
      <div className="flex flex-col gap-3">
        <WorkloadsTable
          workloads={page?.results}
          caption="Workloads"
          currentMemberId={currentMemberId}
          isOwner={isOwner}
          busy={workloads.isPlaceholderData}
          onCreatorFilter={(creator) => params.setFilter('creator', creator)}
        />
        {page && (page.metadata.next_paging_token || page.metadata.previous_paging_token) && (
          <nav aria-label="Pagination" className="flex justify-end gap-2">
            <Button
              variant="secondary"
              size="sm"
              disabled={!page.metadata.previous_paging_token}
              onClick={() => params.goToPage(page.metadata.previous_paging_token)}
            >
              <span aria-hidden>←</span> Previous
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={!page.metadata.next_paging_token}
              onClick={() => params.goToPage(page.metadata.next_paging_token)}
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
        title="Workloads"
        description={
          isOwner
            ? 'Workspaces, jobs and services on every cloud of your organization.'
            : 'Workspaces, jobs and services on the clouds you can use.'
        }
        actions={<CreateWorkspaceDialog isOwner={isOwner} />}
      />
      <div className="flex flex-col gap-3">
        <WorkloadFilters
          filters={filters}
          currentMemberId={currentMemberId}
          rows={page?.results}
          hasFilters={params.hasFilters}
          onChange={params.setFilter}
          onClear={params.clearFilters}
        />
        <p role="status" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
          {page
            ? `${page.metadata.total.toLocaleString()} ${page.metadata.total === 1 ? 'workload' : 'workloads'}${params.hasFilters ? ' found' : ''}`
            : workloads.isPending
              ? 'Loading workloads…'
              : ''}
        </p>
        {content}
      </div>
    </div>
  );
}
