import type { PageMetadata } from '#contract/pagination.ts';
import { Button } from '../../../components/ui/button.tsx';

export type VisibleRange = { from: number; to: number };

/**
 * Keyset pages have no offsets, but the edges are exact: the first page starts
 * at 1 and the last ends at the total. In between we rely on the offset carried
 * in history state when the user paged here.
 */
export function visibleRange(metadata: PageMetadata, count: number, offset?: number): VisibleRange | null {
  if (count === 0) return null;
  let from: number;
  if (!metadata.previous_paging_token) from = 1;
  else if (!metadata.next_paging_token && !metadata.total_capped) from = metadata.total - count + 1;
  else if (offset !== undefined) from = offset + 1;
  else return null;
  return { from, to: from + count - 1 };
}

export function MemberPagination({
  metadata,
  range,
  pending,
  onPrevious,
  onNext,
}: {
  metadata: PageMetadata;
  range: VisibleRange | null;
  /** The next page is on its way; the old rows are still shown. */
  pending: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  if (!metadata.previous_paging_token && !metadata.next_paging_token) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 pt-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {pending ? (
          <span className="inline-flex items-center gap-2">
            <span
              aria-hidden
              className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-indigo-600 dark:border-indigo-400 border-r-transparent"
            />
            Loading…
          </span>
        ) : range ? (
          <>
            Showing{' '}
            <span className="font-medium text-slate-900 dark:text-slate-100">
              {range.from.toLocaleString()}–{range.to.toLocaleString()}
            </span>{' '}
            of {metadata.total.toLocaleString()}
            {metadata.total_capped ? '+' : ''}
          </>
        ) : (
          `${metadata.total.toLocaleString()}${metadata.total_capped ? '+' : ''} in total`
        )}
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={!metadata.previous_paging_token} onClick={onPrevious}>
          <span aria-hidden>←</span> Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={!metadata.next_paging_token} onClick={onNext}>
          Next <span aria-hidden>→</span>
        </Button>
      </div>
    </nav>
  );
}
