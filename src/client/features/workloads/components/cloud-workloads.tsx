import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { workloadQueries } from '../api/workload-queries.ts';
import { CreateWorkspaceDialog } from './create-workspace-dialog.tsx';
import { WorkloadsTable } from './workloads-table.tsx';

const shown = 10;

/** The newest workloads on one cloud, for its page; the full list is on Workloads. */
export function CloudWorkloads({
  cloud,
  currentMemberId,
  isOwner,
}: {
  cloud: { id: string; name: string; create_blocked_reason?: string | null };
  currentMemberId: string;
  isOwner: boolean;
}) {
  const workloads = useQuery(workloadQueries.list({ cloud_id: cloud.id, count: shown }));
  const page = workloads.data;
  return (
    <section aria-labelledby="cloud-workloads-heading" className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2
            id="cloud-workloads-heading"
            className="text-lg font-semibold text-slate-900 dark:text-slate-100"
          >
            Workloads
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {page
              ? `${page.metadata.total.toLocaleString()} on ${cloud.name}${page.metadata.total > shown ? `, newest ${shown} shown` : ''}.`
              : `Workspaces, jobs and services on ${cloud.name}.`}{' '}
            <Link
              to={`/workloads?cloud=${encodeURIComponent(cloud.id)}`}
              className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
            >
              View all in Workloads
            </Link>
          </p>
        </div>
        <CreateWorkspaceDialog cloud={cloud} />
      </div>
      {workloads.isError ? (
        <ErrorState
          title="Workloads could not be loaded"
          error={workloads.error}
          onRetry={() => workloads.refetch()}
        />
      ) : page && page.results.length === 0 ? (
        <EmptyState title={`No workloads on ${cloud.name} yet`} />
      ) : (
        <WorkloadsTable
          workloads={page?.results}
          caption={`Workloads on ${cloud.name}`}
          currentMemberId={currentMemberId}
          isOwner={isOwner}
          showCloud={false}
        />
      )}
    </section>
  );
}
