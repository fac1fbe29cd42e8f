import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ApiKey } from '#contract/api-keys.ts';
import { EmptyState, ErrorState, PageHeader } from '../../../components/states.tsx';
import { CredentialList, WhenOrNever, type CredentialColumn } from '../../../components/credential-list.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { apiKeyQueries } from '../api/api-key-queries.ts';
import { ApiKeyExpiry, expiryState } from './api-key-expiry.tsx';
import { CreateApiKeyDialog } from './create-api-key-dialog.tsx';
import { RevokeApiKeyButton } from './revoke-api-key-button.tsx';

/** When and from which address the key was last used. */
function LastUsed({ apiKey }: { apiKey: ApiKey }) {
  if (!apiKey.last_used_at) return <WhenOrNever iso={null} />;
  return (
    <>
      <WhenOrNever iso={apiKey.last_used_at} />
      {apiKey.last_used_ip && (
        <span className="text-slate-600 dark:text-slate-400">
          {' '}
          from <span className="font-mono text-xs break-all">{apiKey.last_used_ip}</span>
        </span>
      )}
    </>
  );
}

const columns: CredentialColumn<ApiKey>[] = [
  { header: 'Created', from: 'md', nowrap: true, cell: (key) => <WhenOrNever iso={key.created_at} /> },
  {
    header: 'Expires',
    from: 'sm',
    nowrap: true,
    onPhones: true,
    cell: (key) => <ApiKeyExpiry apiKey={key} />,
  },
  { header: 'Last used', from: 'sm', onPhones: true, cell: (key) => <LastUsed apiKey={key} /> },
];

/** Settings › API keys: your personal keys. */
export function ApiKeysPage({ origin, isOwner }: { origin: string; isOwner: boolean }) {
  const keys = useQuery(apiKeyQueries.list());
  const [creating, setCreating] = React.useState(false);
  const createButton = <Button onClick={() => setCreating(true)}>Create API key</Button>;

  let content;
  if (keys.isError) {
    content = (
      <ErrorState title="API keys could not be loaded" error={keys.error} onRetry={() => keys.refetch()} />
    );
  } else if (keys.data && keys.data.length === 0) {
    content = (
      <EmptyState title="No API keys yet" action={createButton}>
        Create a key to use the Roster API or the roster command-line client.
      </EmptyState>
    );
  } else {
    content = (
      <CredentialList
        caption="Your API keys"
        items={keys.data}
        prefixHeader="Key"
        columns={columns}
        action={(key) => <RevokeApiKeyButton apiKey={key} />}
        rowClassName={(key) =>
          expiryState(key.expires_at) === 'expired' ? 'bg-slate-50 dark:bg-slate-800/50' : undefined
        }
      />
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="API keys"
        description={
          isOwner
            ? 'Personal keys for scripts and the roster command-line client. A key acts as you, with your current role: as an owner, it can change roles and remove people.'
            : 'Personal keys for scripts and the roster command-line client. A key acts as you, with your current role.'
        }
        actions={keys.data && keys.data.length > 0 ? createButton : undefined}
      />
      <CreateApiKeyDialog open={creating} onOpenChange={setCreating} />
      {content}
      <section
        aria-labelledby="api-usage"
        className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 text-sm"
      >
        <h2 id="api-usage" className="font-medium text-slate-900 dark:text-slate-100">
          Using a key
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Send it as a bearer token. The API is described at{' '}
          <a href="/api/docs" className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2">
            /api/docs
          </a>
          .
        </p>
        {/* Scrolls sideways on narrow screens: focusable, so keyboard users can scroll it too. */}
        <pre
          // A scrolling region must be reachable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable).
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          role="region"
          aria-label="Example: calling the API with a key"
          className="mt-2 overflow-x-auto rounded-md bg-slate-900 dark:bg-slate-700 p-3 text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-400"
        >
          <code>{`curl -H "Authorization: Bearer $ROSTER_API_KEY" \\
  ${origin}/api/v2/organization_collaborators

ROSTER_URL=${origin} ROSTER_API_KEY=… npx roster collaborators list`}</code>
        </pre>
      </section>
    </div>
  );
}
