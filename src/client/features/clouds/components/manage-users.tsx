import * as React from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Cloud, CloudAccessEntry } from '#contract/clouds.ts';
import { AccessSourceText } from '../../../components/access-source.tsx';
import { CloudRoleSelect, CloudRoleText } from '../../../components/cloud-role-select.tsx';
import { cloudRoleLabels } from '../../../lib/cloud-roles.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { toast } from '../../../lib/toast.ts';
import { useChangeCloudGrantRoleMutation } from '../api/change-cloud-grant-role.ts';
import { cloudQueries } from '../api/cloud-queries.ts';
import { AddAccessDialog } from './add-access-dialog.tsx';
import { GroupGrants } from './group-grants.tsx';
import { RemoveAccessDialog } from './remove-access-dialog.tsx';

const searchDebounceMs = 300;

/**
 * Cloud › Manage users (organization owners and the cloud's owners): who can
 * use the cloud, with what role and every reason why; add people or groups
 * with a role, change the role of a grant inline, remove grants.
 */
export function ManageUsers({
  cloud,
  currentMemberId,
  isOrganizationOwner,
}: {
  cloud: Cloud;
  currentMemberId: string;
  /** Organization owners see group names linked to the groups' pages (theirs to manage). */
  isOrganizationOwner: boolean;
}) {
  const [draft, setDraft] = React.useState('');
  const [q, setQ] = React.useState('');
  const [pages, setPages] = React.useState<(string | null)[]>([null]);
  const timer = React.useRef<ReturnType<typeof setTimeout>>(undefined);
  React.useEffect(() => () => clearTimeout(timer.current), []);
  const token = pages.at(-1) ?? undefined;
  const access = useQuery(cloudQueries.access(cloud.id, { q: q || undefined, paging_token: token }));
  const page = access.data;

  return (
    <section aria-labelledby="manage-users-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2 id="manage-users-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            Manage users
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Who can use {cloud.name}, with what role, and why. The strongest source wins.{' '}
            <Link
              to={`/clouds/${encodeURIComponent(cloud.id)}/access-report`}
              className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
            >
              Access report
            </Link>
          </p>
        </div>
        <AddAccessDialog cloud={cloud} />
      </div>

      <GroupGrants cloud={cloud} linkGroups={isOrganizationOwner} />

      <div className="flex flex-col gap-3">
        <h3 className="text-base font-semibold text-slate-900 dark:text-slate-100">People with access</h3>
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
          <AccessList
            cloud={cloud}
            people={page?.results}
            currentMemberId={currentMemberId}
            linkGroups={isOrganizationOwner}
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
      </div>
    </section>
  );
}

function AccessList({
  cloud,
  people,
  currentMemberId,
  linkGroups,
  busy,
}: {
  cloud: Cloud;
  people: CloudAccessEntry[] | undefined;
  currentMemberId: string;
  linkGroups: boolean;
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
      {people.map((person) => (
        <AccessRow
          key={person.id}
          cloud={cloud}
          person={person}
          isYou={person.id === currentMemberId}
          linkGroups={linkGroups}
        />
      ))}
    </ul>
  );
}

function AccessRow({
  cloud,
  person,
  isYou,
  linkGroups,
}: {
  cloud: Cloud;
  person: CloudAccessEntry;
  isYou: boolean;
  linkGroups: boolean;
}) {
  const reasonId = `access-blocked-${person.id}`;
  const sourcesId = `access-sources-${person.id}`;
  const changeRole = useChangeCloudGrantRoleMutation({
    onSuccess: (entry) =>
      toast.success(
        `${person.name}’s grant is now ${entry.grant ? cloudRoleLabels[entry.grant.role] : 'changed'}`,
        entry.role !== entry.grant?.role
          ? `Their role stays ${cloudRoleLabels[entry.role]} through another source.`
          : undefined,
      ),
  });
  const grant = person.grant;
  return (
    <li className="flex flex-col gap-2 px-4 py-3 text-sm sm:grid sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_15rem] sm:items-start sm:gap-x-4">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="font-medium break-words text-slate-900 dark:text-slate-100">{person.name}</span>
          {isYou && <Badge tone="success">You</Badge>}
        </div>
        <div className="text-xs break-all text-slate-600 dark:text-slate-400">{person.email}</div>
      </div>
      <div className="min-w-0">
        <div className="flex items-center gap-2">
          <span className="sr-only">Role:</span>
          <CloudRoleText role={person.role} />
        </div>
        <ul
          id={sourcesId}
          aria-label={`Why ${person.name} has access`}
          className="mt-1 flex flex-col gap-0.5"
        >
          {person.sources.map((source, index) => (
            <li key={index} className="text-xs text-slate-700 dark:text-slate-300">
              <AccessSourceText source={source} linkGroups={linkGroups} />
            </li>
          ))}
        </ul>
        {grant && person.removal_blocked_reason && (
          <p id={reasonId} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Can’t be removed here. {person.removal_blocked_reason}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 sm:justify-end">
        {grant ? (
          <>
            <CloudRoleSelect
              value={grant.role}
              label={`Role of ${person.name}’s direct grant`}
              describedBy={sourcesId}
              disabled={changeRole.isPending}
              onChange={(role) => changeRole.mutate({ cloudId: cloud.id, userId: person.user_id, role })}
            />
            {person.removal_blocked_reason ? (
              <Button
                variant="secondary"
                size="sm"
                disabled
                aria-label={`Remove ${person.name}’s direct grant`}
                aria-describedby={reasonId}
              >
                Remove
              </Button>
            ) : (
              <RemoveAccessDialog cloud={cloud} person={person} />
            )}
          </>
        ) : (
          person.sources.every((source) => source.type === 'group') && (
            <p className="text-xs text-slate-600 dark:text-slate-400 sm:max-w-48 sm:text-right">
              Through a group only: change it in Groups above.
            </p>
          )
        )}
      </div>
    </li>
  );
}
