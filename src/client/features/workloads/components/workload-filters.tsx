import { useQuery } from '@tanstack/react-query';
import {
  workloadKindLabels,
  workloadKinds,
  workloadStatusLabels,
  workloadStatuses,
  type Workload,
} from '#contract/workloads.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Select } from '../../../components/ui/input.tsx';
import { workloadQueries, type WorkloadListFilters } from '../api/workload-queries.ts';
import { creatorLabel } from './workload-badges.tsx';

type FilterKey = 'cloud' | 'creator' | 'kind' | 'status';

export function WorkloadFilters({
  filters,
  currentMemberId,
  rows,
  hasFilters,
  onChange,
  onClear,
}: {
  filters: WorkloadListFilters;
  currentMemberId: string;
  /** The rows on screen: they name a creator filtered on without another request. */
  rows: Workload[] | undefined;
  hasFilters: boolean;
  onChange: (key: FilterKey, value: string | undefined) => void;
  onClear: () => void;
}) {
  const clouds = useQuery(workloadQueries.cloudOptions());
  const other = filters.creator && filters.creator !== currentMemberId ? filters.creator : undefined;
  const fromRows = other ? rows?.find((row) => row.creator.id === other)?.creator : undefined;
  // Only when the rows do not name them (e.g. no workloads match): removed people answer 404.
  const looked = useQuery({
    ...workloadQueries.creator(other ?? ''),
    enabled: Boolean(other) && rows !== undefined && !fromRows,
  });
  const otherName = fromRows
    ? creatorLabel(fromRows)
    : looked.data
      ? looked.data.name
      : looked.isError
        ? 'A removed member'
        : 'Selected person';
  const cloudKnown = !filters.cloud_id || clouds.data?.results.some((cloud) => cloud.id === filters.cloud_id);

  return (
    <div
      role="search"
      aria-label="Filter workloads"
      className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center"
    >
      <Select
        aria-label="Cloud"
        value={filters.cloud_id ?? ''}
        onChange={(event) => onChange('cloud', event.target.value || undefined)}
        className="w-full min-w-0 sm:w-auto sm:max-w-56"
      >
        <option value="">All clouds</option>
        {!cloudKnown && <option value={filters.cloud_id}>A cloud you can’t use</option>}
        {clouds.data?.results.map((cloud) => (
          <option key={cloud.id} value={cloud.id}>
            {cloud.name}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Creator"
        value={filters.creator ?? ''}
        onChange={(event) => onChange('creator', event.target.value || undefined)}
        className="w-full min-w-0 sm:w-auto sm:max-w-56"
      >
        <option value="">Anyone</option>
        <option value={currentMemberId}>Created by me</option>
        {other && <option value={other}>{otherName}</option>}
      </Select>
      <Select
        aria-label="Kind"
        value={filters.kind ?? ''}
        onChange={(event) => onChange('kind', event.target.value || undefined)}
        className="w-full min-w-0 sm:w-auto"
      >
        <option value="">All kinds</option>
        {workloadKinds.map((kind) => (
          <option key={kind} value={kind}>
            {workloadKindLabels[kind]}s
          </option>
        ))}
      </Select>
      <Select
        aria-label="Status"
        value={filters.status ?? ''}
        onChange={(event) => onChange('status', event.target.value || undefined)}
        className="w-full min-w-0 sm:w-auto"
      >
        <option value="">Any status</option>
        {workloadStatuses.map((status) => (
          <option key={status} value={status}>
            {workloadStatusLabels[status]}
          </option>
        ))}
      </Select>
      {hasFilters && (
        <Button variant="ghost" size="sm" onClick={onClear} className="justify-self-start">
          Clear filters
        </Button>
      )}
    </div>
  );
}
