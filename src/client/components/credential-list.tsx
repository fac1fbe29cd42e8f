import * as React from 'react';
import { formatDateTime, formatRelative } from './format.ts';
import { Skeleton } from './ui/skeleton.tsx';

/** A time as "3 days ago" (the exact time on hover), or "Never". */
export function WhenOrNever({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-slate-600 dark:text-slate-400">Never</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

/** A bearer secret as lists show it: its name and first characters, never the secret. */
export type Credential = { id: string; name: string; prefix: string };

export type CredentialColumn<T> = {
  header: string;
  /** The width from which the column shows. */
  from: 'sm' | 'md';
  /** Below that width, repeat the cell under the name, after its header. */
  onPhones?: boolean;
  nowrap?: boolean;
  cell: (item: T) => React.ReactNode;
};

const shownFrom = { sm: 'sm:table-cell', md: 'md:table-cell' } as const;
const cellClass = 'hidden px-4 py-3 text-slate-700 dark:text-slate-300';

/**
 * The table of API keys or SCIM tokens: name (with the prefix and, on phones,
 * the hidden columns beneath it), the prefix, the given columns and one action
 * per row. `items` undefined: loading rows.
 */
export function CredentialList<T extends Credential>({
  caption,
  items,
  prefixHeader,
  columns,
  action,
  rowClassName,
  loadingRows = 3,
}: {
  caption: string;
  items: readonly T[] | undefined;
  /** What the prefix column is called ("Key", "Token"). */
  prefixHeader: string;
  columns: readonly CredentialColumn<T>[];
  action: (item: T) => React.ReactNode;
  rowClassName?: (item: T) => string | undefined;
  loadingRows?: number;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
      <table className="w-full text-left text-sm" aria-busy={items ? undefined : true}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            <th scope="col" className="hidden px-4 py-2 sm:table-cell">
              {prefixHeader}
            </th>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`hidden px-4 py-2 ${shownFrom[column.from]}`}>
                {column.header}
              </th>
            ))}
            <th scope="col" className="w-px px-4 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {items
            ? items.map((item) => (
                <tr key={item.id} className={rowClassName?.(item)}>
                  <th
                    scope="row"
                    className="px-4 py-3 font-medium break-words text-slate-900 dark:text-slate-100"
                  >
                    {item.name}
                    <span className="block font-mono text-xs font-normal text-slate-600 dark:text-slate-400 sm:hidden">
                      {item.prefix}…
                    </span>
                    {columns
                      .filter((column) => column.onPhones)
                      .map((column) => (
                        <span
                          key={column.header}
                          className="block text-xs font-normal text-slate-600 dark:text-slate-400 sm:hidden"
                        >
                          {column.header} {column.cell(item)}
                        </span>
                      ))}
                  </th>
                  <td className="hidden px-4 py-3 font-mono text-xs text-slate-700 dark:text-slate-300 sm:table-cell">
                    {item.prefix}…
                  </td>
                  {columns.map((column) => (
                    <td
                      key={column.header}
                      className={`${cellClass} ${shownFrom[column.from]}${column.nowrap ? ' whitespace-nowrap' : ''}`}
                    >
                      {column.cell(item)}
                    </td>
                  ))}
                  <td className="px-4 py-3 text-right">{action(item)}</td>
                </tr>
              ))
            : Array.from({ length: loadingRows }, (_, index) => (
                <tr key={index}>
                  <td className="px-4 py-3">
                    <Skeleton className="h-4 w-32" />
                  </td>
                  <td className="hidden px-4 py-3 sm:table-cell">
                    <Skeleton className="h-4 w-24" />
                  </td>
                  {columns.map((column) => (
                    <td key={column.header} className={`hidden px-4 py-3 ${shownFrom[column.from]}`}>
                      <Skeleton className="h-4 w-20" />
                    </td>
                  ))}
                  <td className="px-4 py-3" />
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}
