import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { CopyButton } from '../../../components/copy-button.tsx';
import { formatDateTime, formatRelative } from '../../../components/format.ts';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { scimTokenQueries } from '../api/scim-token-queries.ts';
import { CreateScimTokenDialog } from './create-scim-token-dialog.tsx';
import { RevokeScimTokenButton } from './revoke-scim-token-button.tsx';

function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-slate-600 dark:text-slate-400">Never</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

/** Settings › Directory sync (SCIM): the endpoint to give the identity provider, and its tokens. */
export function DirectorySyncPage() {
  const tokens = useQuery(scimTokenQueries.list());
  const [creating, setCreating] = React.useState(false);
  const createButton = <Button onClick={() => setCreating(true)}>Create token</Button>;
  const list = tokens.data?.results;

  let content;
  if (tokens.isError) {
    content = (
      <ErrorState
        title="SCIM tokens could not be loaded"
        error={tokens.error}
        onRetry={() => void tokens.refetch()}
      />
    );
  } else if (list && list.length === 0) {
    content = (
      <EmptyState title="No SCIM tokens yet" action={createButton}>
        Create a token for your identity provider. Directory sync is on while a token exists.
      </EmptyState>
    );
  } else {
    content = (
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs">
        <table className="w-full text-left text-sm" aria-busy={tokens.isPending || undefined}>
          <caption className="sr-only">SCIM tokens</caption>
          <thead className="border-b border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 text-xs font-medium text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2">
                Name
              </th>
              <th scope="col" className="hidden px-4 py-2 sm:table-cell">
                Token
              </th>
              <th scope="col" className="hidden px-4 py-2 md:table-cell">
                Created
              </th>
              <th scope="col" className="hidden px-4 py-2 sm:table-cell">
                Last used
              </th>
              <th scope="col" className="w-px px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {list
              ? list.map((token) => (
                  <tr key={token.id}>
                    <th
                      scope="row"
                      className="px-4 py-3 font-medium break-words text-slate-900 dark:text-slate-100"
                    >
                      {token.name}
                      <span className="block font-mono text-xs font-normal text-slate-600 dark:text-slate-400 sm:hidden">
                        {token.prefix}…
                      </span>
                      <span className="block text-xs font-normal text-slate-600 dark:text-slate-400 sm:hidden">
                        Last used <When iso={token.last_used_at} />
                      </span>
                    </th>
                    <td className="hidden px-4 py-3 font-mono text-xs text-slate-700 dark:text-slate-300 sm:table-cell">
                      {token.prefix}…
                    </td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 md:table-cell">
                      <When iso={token.created_at} />
                    </td>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300 sm:table-cell">
                      <When iso={token.last_used_at} />
                    </td>
                    <td className="px-4 py-3 text-right">
                      <RevokeScimTokenButton token={token} />
                    </td>
                  </tr>
                ))
              : Array.from({ length: 2 }, (_, index) => (
                  <tr key={index}>
                    <td className="px-4 py-3">
                      <Skeleton className="h-4 w-32" />
                    </td>
                    <td className="hidden px-4 py-3 sm:table-cell">
                      <Skeleton className="h-4 w-24" />
                    </td>
                    <td className="hidden px-4 py-3 md:table-cell">
                      <Skeleton className="h-4 w-20" />
                    </td>
                    <td className="hidden px-4 py-3 sm:table-cell">
                      <Skeleton className="h-4 w-20" />
                    </td>
                    <td className="px-4 py-3" />
                  </tr>
                ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Directory sync (SCIM)"
        description="Paste this URL and a token into your identity provider's SCIM app (Okta, Entra ID). Deprovisioned people are removed with the same offboarding as the console."
        actions={list && list.length > 0 ? createButton : undefined}
      />
      <section
        aria-labelledby="scim-endpoint"
        className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 text-sm"
      >
        <h2 id="scim-endpoint" className="font-medium text-slate-900 dark:text-slate-100">
          SCIM endpoint URL
        </h2>
        {tokens.data ? (
          <div className="mt-2 flex flex-col gap-2 sm:flex-row">
            <Input
              readOnly
              aria-labelledby="scim-endpoint"
              value={tokens.data.endpoint}
              className="font-mono text-xs"
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={tokens.data.endpoint} label="Copy URL" />
          </div>
        ) : tokens.isError ? (
          <p className="mt-1 text-slate-700 dark:text-slate-300">Shown once the page has loaded.</p>
        ) : (
          <Skeleton className="mt-2 h-9 w-full" />
        )}
      </section>
      <CreateScimTokenDialog open={creating} onOpenChange={setCreating} />
      {content}
    </div>
  );
}
