import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ScimToken } from '#contract/scim-tokens.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { CredentialList, WhenOrNever, type CredentialColumn } from '../../../components/credential-list.tsx';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { scimTokenQueries } from '../api/scim-token-queries.ts';
import { CreateScimTokenDialog } from './create-scim-token-dialog.tsx';
import { RevokeScimTokenButton } from './revoke-scim-token-button.tsx';

const columns: CredentialColumn<ScimToken>[] = [
  { header: 'Created', from: 'md', nowrap: true, cell: (token) => <WhenOrNever iso={token.created_at} /> },
  {
    header: 'Last used',
    from: 'sm',
    nowrap: true,
    onPhones: true,
    cell: (token) => <WhenOrNever iso={token.last_used_at} />,
  },
];

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
      <CredentialList
        caption="SCIM tokens"
        items={list}
        prefixHeader="Token"
        columns={columns}
        action={(token) => <RevokeScimTokenButton token={token} />}
        loadingRows={2}
      />
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
