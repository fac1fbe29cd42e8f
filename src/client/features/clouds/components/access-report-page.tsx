import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { CloudAccessReportRow } from '#contract/clouds.ts';
import { AccessSourceText } from '../../../components/access-source.tsx';
import { CloudRoleText } from '../../../components/cloud-role-select.tsx';
import { formatDateTime, formatRelative } from '../../../components/format.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { accessReportCsvUrl, cloudQueries } from '../api/cloud-queries.ts';
import { peopleLabel } from './cloud-owner.tsx';

/**
 * Cloud › Access report: everyone who can use the cloud right now, with their
 * effective role, every source of it, and when they last created a workload
 * there; the same rows download as CSV.
 */
export function AccessReportPage({ cloudId, linkGroups }: { cloudId: string; linkGroups: boolean }) {
  const report = useQuery(cloudQueries.accessReport(cloudId));
  const back = (
    <Link
      to={`/clouds/${encodeURIComponent(cloudId)}`}
      className="text-sm text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
    >
      <span aria-hidden>←</span> {report.data ? report.data.cloud.name : 'Back to the cloud'}
    </Link>
  );
  const data = report.data;
  return (
    <div className="flex flex-col gap-4">
      {back}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <h1
            tabIndex={-1}
            className="text-2xl font-semibold tracking-tight break-words text-slate-900 dark:text-slate-100 outline-none"
          >
            Access report{data ? `: ${data.cloud.name}` : ''}
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Everyone who can use this cloud now, with their role, why they have it, and their last activity
            here (the last workload they created).
          </p>
        </div>
        <Button asChild variant="secondary">
          <a href={accessReportCsvUrl(cloudId)} download>
            Download CSV
          </a>
        </Button>
      </div>
      <p role="status" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {data
          ? `${peopleLabel(data.metadata.total)} with access · as of ${formatDateTime(data.generated_at)}`
          : report.isPending
            ? 'Building the report…'
            : ''}
      </p>
      {report.isError ? (
        isApiError(report.error, 'not_found') ? (
          <EmptyState title="Cloud not found">
            It may have been removed, or you can’t see its access.
          </EmptyState>
        ) : (
          <ErrorState
            title="The report could not be built"
            error={report.error}
            onRetry={() => report.refetch()}
          />
        )
      ) : data && data.results.length === 0 ? (
        <EmptyState title="Nobody has access" />
      ) : (
        <ReportTable rows={data?.results} linkGroups={linkGroups} />
      )}
    </div>
  );
}

function ReportTable({
  rows,
  linkGroups,
}: {
  rows: CloudAccessReportRow[] | undefined;
  linkGroups: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
      <table className="w-full text-left text-sm" aria-busy={rows === undefined || undefined}>
        <caption className="sr-only">People with access, their role, sources and last activity</caption>
        <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-2">
              Person
            </th>
            <th scope="col" className="px-4 py-2">
              Role
            </th>
            <th scope="col" className="hidden px-4 py-2 sm:table-cell">
              Sources
            </th>
            <th scope="col" className="hidden px-4 py-2 whitespace-nowrap md:table-cell">
              Last activity
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows === undefined
            ? Array.from({ length: 4 }, (_, index) => (
                <tr key={index}>
                  <td className="px-4 py-3" colSpan={4}>
                    <Skeleton className="h-4 w-full max-w-md" />
                  </td>
                </tr>
              ))
            : rows.map((row) => {
                const sources = (
                  <ul className="flex flex-col gap-0.5">
                    {row.sources.map((source, index) => (
                      <li key={index}>
                        <AccessSourceText source={source} linkGroups={linkGroups} />
                      </li>
                    ))}
                  </ul>
                );
                return (
                  <tr key={row.id} className="align-top">
                    <th scope="row" className="px-4 py-3 text-left font-normal">
                      <div className="font-medium break-words text-slate-900 dark:text-slate-100">
                        {row.name}
                      </div>
                      <div className="text-xs break-all text-slate-600 dark:text-slate-400">{row.email}</div>
                      {/* Phones: sources and activity fold into the person cell. */}
                      <div className="mt-1 text-xs text-slate-700 dark:text-slate-300 sm:hidden">
                        {sources}
                      </div>
                      <div className="mt-1 text-xs text-slate-600 dark:text-slate-400 md:hidden">
                        Last activity: <LastActivity row={row} />
                      </div>
                    </th>
                    <td className="px-4 py-3">
                      <CloudRoleText role={row.role} />
                    </td>
                    <td className="hidden px-4 py-3 text-xs text-slate-700 dark:text-slate-300 sm:table-cell">
                      {sources}
                    </td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 md:table-cell">
                      <LastActivity row={row} />
                    </td>
                  </tr>
                );
              })}
        </tbody>
      </table>
    </div>
  );
}

function LastActivity({ row }: { row: CloudAccessReportRow }) {
  if (!row.last_workload_created_at) return <>No workloads yet</>;
  return (
    <>
      <time dateTime={row.last_workload_created_at} title={formatDateTime(row.last_workload_created_at)}>
        Created a workload {formatRelative(row.last_workload_created_at)}
      </time>
      <span className="block text-xs text-slate-600 dark:text-slate-400">
        {row.workloads_created.toLocaleString()} {row.workloads_created === 1 ? 'workload' : 'workloads'} in
        all
      </span>
    </>
  );
}
