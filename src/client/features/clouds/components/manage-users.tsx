import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Cloud, CloudAccessEntry } from '../../../../contract/clouds.ts';
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
          <h2 id="manage-users-heading" className="text-lg font-semibold text-slate-900">
            Manage users
          </h2>
          <p className="text-sm text-slate-600">
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
      <p role="status" className="min-h-5 text-sm text-slate-600">
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
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-busy={people === undefined || busy || undefined}>
        <caption className="sr-only">People with access to {cloud.name}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">
              Person
            </th>
            <th scope="col" className="hidden px-4 py-2 sm:table-cell">
              Access
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody className={cn('divide-y divide-slate-100', busy && 'opacity-60')}>
          {people === undefined
            ? Array.from({ length: 3 }, (_, index) => (
                <tr key={index}>
                  <td className="px-4 py-3" colSpan={3}>
                    <Skeleton className="h-4 w-full max-w-sm" />
                  </td>
                </tr>
              ))
            : people.map((person) => (
                <tr key={person.id}>
                  <th scope="row" className="px-4 py-3 text-left font-normal">
                    <div className="flex flex-wrap items-center gap-x-2">
                      <span className="font-medium break-words text-slate-900">{person.name}</span>
                      {person.id === currentMemberId && <Badge tone="success">You</Badge>}
                    </div>
                    <div className="text-xs break-all text-slate-600">{person.email}</div>
                    <div className="mt-1 sm:hidden">
                      <AccessSource person={person} />
                    </div>
                  </th>
                  <td className="hidden px-4 py-3 sm:table-cell">
                    <AccessSource person={person} />
                  </td>
                  <td className="px-4 py-3 text-right align-top">
                    {person.removal_blocked_reason ? (
                      <div className="ml-auto flex max-w-56 flex-col items-end gap-1">
                        <Button
                          variant="secondary"
                          size="sm"
                          disabled
                          aria-describedby={`blocked-${person.id}`}
                        >
                          Remove
                        </Button>
                        <p id={`blocked-${person.id}`} className="text-left text-xs text-slate-600">
                          {person.removal_blocked_reason}
                        </p>
                      </div>
                    ) : (
                      <RemoveAccessDialog cloud={cloud} person={person} />
                    )}
                  </td>
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Organization owner (implicit)", "Cloud owner" or "Granted by X on date". */
function AccessSource({ person }: { person: CloudAccessEntry }) {
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
      <span className="text-slate-700">
        Granted {grantedBy}on {grantDate}
      </span>
    );
  }
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Badge tone="owner">
        {person.source === 'organization_owner' ? 'Organization owner (implicit)' : 'Cloud owner'}
      </Badge>
      {grant && (
        <span className="text-xs text-slate-600">
          Also granted {grantedBy}on {grantDate}
        </span>
      )}
    </span>
  );
}
