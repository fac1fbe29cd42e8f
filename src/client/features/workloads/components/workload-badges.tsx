import {
  workloadKindLabels,
  workloadStatusLabels,
  type WorkloadKind,
  type WorkloadStatus,
} from '#contract/workloads.ts';
import { Badge } from '../../../components/ui/badge.tsx';

export function WorkloadStatusBadge({ status }: { status: WorkloadStatus }) {
  return (
    <Badge tone={status === 'running' ? 'success' : 'neutral'}>
      <span
        aria-hidden
        className={`mr-1.5 h-1.5 w-1.5 rounded-full ${status === 'running' ? 'bg-emerald-600' : 'bg-slate-500'}`}
      />
      {workloadStatusLabels[status]}
    </Badge>
  );
}

export function kindLabel(kind: WorkloadKind): string {
  return workloadKindLabels[kind];
}

/** "Ada Lovelace" or "Ada Lovelace (removed)". */
export function creatorLabel(creator: { name: string; removed: boolean }): string {
  return creator.removed ? `${creator.name} (removed)` : creator.name;
}
