import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Cloud, CloudAccessEntry } from '#contract/clouds.ts';
import { formatDate, formatDateTime } from '../../../components/format.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { cloudQueries } from '../api/cloud-queries.ts';
import { AddMembersDialog } from './add-members-dialog.tsx';
import { RemoveAccessDialog } from './remove-access-dialog.tsx';

const searchDebounceMs = 300;

/**
 * Cloud › Manage users (owners): who can use the cloud and why, add members,
 * remove grants. Organization owners and the cloud owner stay, with the reason.
 */
export function ManageUsers({ cloud, currentMemberId }: { cloud: Cloud; currentMemberId: string }) {
  const [draft, setDraft] = React.useState('');
  const [q, setQ] = React.useState('');
  const [pages, setPages] = React.useState<(string | null)[]>([null]);
  const timer = React.useRef<ReturnType<typeof setTimeout>>(undefined);
  React.useEffect(() => () => clearTimeout(timer.current), []);
  const token = pages.at(-1) ?? undefined;
  const access = useQuery(cloudQueries.access(cloud.id, { q: q || undefined, paging_token: token }));
  const page = access.data;

  return (
    <section aria-labelledby="manage-users-heading" className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2 id="manage-users-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            Manage users
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Who can use {cloud.name}, and why. Organization owners can use every cloud.
          </p>
        </div>
        <AddMembersDialog cloud={cloud} />
      </div>
      <div role="search" aria-label="Filter people with access" className="flex items-center gap-2">
        <Input
          type="search"
          aria-label="Search people with access"
          placeholder="Search by name or email"
          className="sm:max-w-sm"
          value={draft}
          onChange={(event) => {
            const next = event.target.value;
            setDraft(next);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => {
              setQ(next.trim());
              setPages([null]);
            }, searchDebounceMs);
          }}
        />
      </div>
      <p role="status" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {page
          ? `${page.metadata.total.toLocaleString()} ${page.metadata.total === 1 ? 'person has' : 'people have'} access${q ? ` matching “${q}”` : ''}`
          : access.isPending
            ? 'Loading people with access…'
            : ''}
      </p>
      {access.isError ? (
        <ErrorState
          title="People with access could not be loaded"
          error={access.error}
          onRetry={() => access.refetch()}
        />
      ) : page && page.results.length === 0 ? (
        <EmptyState title={q ? `Nobody with access matches “${q}”` : 'Nobody has access yet'} />
      ) : (
        <AccessTable
          cloud={cloud}
          people={page?.results}
          currentMemberId={currentMemberId}
          busy={access.isPlaceholderData}
        />
      )}
      {page && (pages.length > 1 || page.metadata.next_paging_token) && (
        <nav aria-label="People with access pagination" className="flex justify-end gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={pages.length <= 1}
            onClick={() => setPages((current) => current.slice(0, -1))}
          >
            <span aria-hidden>←</span> Previous
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!page.metadata.next_paging_token}
            onClick={() => setPages((current) => [...current, page.metadata.next_paging_token])}
          >
            Next <span aria-hidden>→</span>
          </Button>
        </nav>
      )}
    </section>
  );
}

function AccessTable({
  cloud,
  people,
  currentMemberId,
  busy,
}: {
  cloud: Cloud;
  people: CloudAccessEntry[] | undefined;
  currentMemberId: string;
  busy: boolean;
}) {
  if (people === undefined) {
    return (
      <div
        className="flex flex-col gap-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4"
        aria-hidden
      >
        {Array.from({ length: 3 }, (_, index) => (
          <Skeleton key={index} className="h-4 w-full max-w-sm" />
        ))}
      </div>
    );
  }
  return (
    <ul
      aria-label={`People with access to ${cloud.name}`}
      aria-busy={busy || undefined}
      className={cn(
        'divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xs',
        busy && 'opacity-60',
      )}
    >
      {people.map((person) => {
        const reasonId = `access-blocked-${person.id}`;
        return (
          <li
            key={person.id}
            className="grid grid-cols-[1fr_auto] items-start gap-x-4 gap-y-1 px-4 py-3 text-sm sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]"
          >
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-x-2">
                <span className="font-medium break-words text-slate-900 dark:text-slate-100">
                  {person.name}
                </span>
                {person.id === currentMemberId && <Badge tone="success">You</Badge>}
              </div>
              <div className="text-xs break-all text-slate-600 dark:text-slate-400">{person.email}</div>
            </div>
            <div className="col-start-1 row-start-2 min-w-0 sm:col-start-2 sm:row-start-1">
              <AccessSource person={person} isCloudOwner={cloud.owner?.id === person.id} />
              {person.removal_blocked_reason && (
                <p id={reasonId} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  Can’t be removed here. {person.removal_blocked_reason}
                </p>
              )}
            </div>
            <div className="col-start-2 row-span-2 row-start-1 justify-self-end sm:col-start-3 sm:row-span-1">
              {person.removal_blocked_reason ? (
                <Button
                  variant="secondary"
                  size="sm"
                  disabled
                  aria-label={`Remove ${person.name}`}
                  aria-describedby={reasonId}
                >
                  Remove
                </Button>
              ) : (
                <RemoveAccessDialog cloud={cloud} person={person} />
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** "Organization owner (implicit)", "Cloud owner" or "Granted by X on date". */
function AccessSource({ person, isCloudOwner }: { person: CloudAccessEntry; isCloudOwner: boolean }) {
  const grant = person.grant;
  const grantedBy = grant?.granted_by
    ? `by ${grant.granted_by.name}${grant.granted_by.removed ? ' (removed)' : ''} `
    : '';
  const grantDate = grant && (
    <time dateTime={grant.granted_at} title={formatDateTime(grant.granted_at)}>
      {formatDate(grant.granted_at)}
    </time>
  );
  if (person.source === 'grant') {
    return (
      <span className="text-slate-700 dark:text-slate-300">
        Granted {grantedBy}on {grantDate}
      </span>
    );
  }
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Badge tone="owner">
        {person.source === 'organization_owner' ? 'Organization owner (implicit)' : 'Cloud owner'}
      </Badge>
      {person.source === 'organization_owner' && isCloudOwner && (
        <span className="text-xs text-slate-600 dark:text-slate-400">Also owns this cloud</span>
      )}
      {grant && (
        <span className="text-xs text-slate-600 dark:text-slate-400">
          Also granted {grantedBy}on {grantDate}
        </span>
      )}
    </span>
  );
}
