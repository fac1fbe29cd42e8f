import type { Workload } from '#contract/workloads.ts';
import { formatDate, formatDateTime } from '../../../components/format.ts';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { creatorLabel, kindLabel, WorkloadStatusBadge } from './workload-badges.tsx';
import { WorkloadActions } from './workload-actions.tsx';

export function WorkloadsTable({
  workloads,
  caption,
  currentMemberId,
  isOwner,
  busy = false,
  showCloud = true,
  onCreatorFilter,
}: {
  /** `undefined` while loading: skeleton rows. */
  workloads: Workload[] | undefined;
  caption: string;
  currentMemberId: string;
  isOwner: boolean;
  busy?: boolean;
  showCloud?: boolean;
  /** Offered as "Show only their workloads" on each creator. */
  onCreatorFilter?: (creatorId: string) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
      <table className="w-full text-left text-sm" aria-busy={workloads === undefined || busy || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            <th scope="col" className="hidden px-4 py-2 sm:table-cell">
              Kind
            </th>
            {showCloud && (
              <th scope="col" className="hidden px-4 py-2 md:table-cell">
                Cloud
              </th>
            )}
            <th scope="col" className="hidden px-4 py-2 md:table-cell">
              Creator
            </th>
            <th scope="col" className="px-4 py-2">
              Status
            </th>
            <th scope="col" className="hidden px-4 py-2 lg:table-cell">
              Created
            </th>
            <th scope="col" className="w-12 px-2 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className={cn('divide-y divide-slate-100 dark:divide-slate-800', busy && 'opacity-60')}>
          {workloads === undefined
            ? Array.from({ length: 5 }, (_, index) => (
                <tr key={index}>
                  <td className="px-4 py-3" colSpan={7}>
                    <Skeleton className="h-4 w-full max-w-lg" />
                  </td>
                </tr>
              ))
            : workloads.map((workload) => {
                const creator = creatorLabel(workload.creator);
                return (
                  <tr key={workload.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                    <th scope="row" className="px-4 py-3 text-left font-normal">
                      <span className="font-medium break-words text-slate-900 dark:text-slate-100">
                        {workload.name}
                      </span>
                      <div className="text-xs text-slate-600 dark:text-slate-400 md:hidden">
                        <span className="sm:hidden">{kindLabel(workload.kind)} · </span>
                        {showCloud && <>{workload.cloud.name} · </>}
                        {creator}
                      </div>
                    </th>
                    <td className="hidden px-4 py-3 text-slate-700 dark:text-slate-300 sm:table-cell">
                      {kindLabel(workload.kind)}
                    </td>
                    {showCloud && (
                      <td className="hidden px-4 py-3 break-words text-slate-700 dark:text-slate-300 md:table-cell">
                        {workload.cloud.name}
                      </td>
                    )}
                    <td className="hidden px-4 py-3 md:table-cell">
                      {onCreatorFilter ? (
                        <button
                          type="button"
                          onClick={() => onCreatorFilter(workload.creator.id)}
                          className={cn(
                            'text-left underline-offset-2 hover:underline',
                            workload.creator.removed
                              ? 'text-slate-600 dark:text-slate-400'
                              : 'text-slate-800 dark:text-slate-200',
                          )}
                          aria-label={`${creator}: show only their workloads`}
                        >
                          {creator}
                        </button>
                      ) : (
                        <span
                          className={
                            workload.creator.removed
                              ? 'text-slate-600 dark:text-slate-400'
                              : 'text-slate-800 dark:text-slate-200'
                          }
                        >
                          {creator}
                        </span>
                      )}
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      <WorkloadStatusBadge status={workload.status} />
                    </td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 lg:table-cell">
                      <time dateTime={workload.created_at} title={formatDateTime(workload.created_at)}>
                        {formatDate(workload.created_at)}
                      </time>
                    </td>
                    <td className="w-12 px-2 py-3 text-right">
                      <WorkloadActions
                        workload={workload}
                        currentMemberId={currentMemberId}
                        isOwner={isOwner}
                      />
                    </td>
                  </tr>
                );
              })}
        </tbody>
      </table>
    </div>
  );
}
