import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { workloadQueries } from '../api/workload-queries.ts';
import { WorkloadsTable } from './workloads-table.tsx';

const shown = 10;

/** The newest workloads one member created, for their page; the full list is on Workloads. */
export function CreatorWorkloads({
  creator,
  currentMemberId,
  isOwner,
}: {
  creator: { id: string; name: string };
  currentMemberId: string;
  isOwner: boolean;
}) {
  const workloads = useQuery(workloadQueries.list({ creator: creator.id, count: shown }));
  const page = workloads.data;
  return (
    <section aria-labelledby="creator-workloads-heading" className="flex flex-col gap-3">
      <div>
        <h2
          id="creator-workloads-heading"
          className="text-lg font-semibold text-slate-900 dark:text-slate-100"
        >
          Workloads they created
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {page
            ? `${page.metadata.total.toLocaleString()} in all${page.metadata.total > shown ? `, newest ${shown} shown` : ''}.`
            : 'Workspaces, jobs and services.'}{' '}
          <Link
            to={`/workloads?creator=${encodeURIComponent(creator.id)}`}
            className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
          >
            View all in Workloads
          </Link>
        </p>
      </div>
      {workloads.isError ? (
        <ErrorState
          title="Workloads could not be loaded"
          error={workloads.error}
          onRetry={() => workloads.refetch()}
        />
      ) : page && page.results.length === 0 ? (
        <EmptyState title={`${creator.name} has not created any workloads`} />
      ) : (
        <WorkloadsTable
          workloads={page?.results}
          caption={`Workloads created by ${creator.name}`}
          currentMemberId={currentMemberId}
          isOwner={isOwner}
        />
      )}
    </section>
  );
}
