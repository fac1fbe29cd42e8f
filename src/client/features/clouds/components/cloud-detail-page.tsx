import * as React from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Cloud } from '#contract/clouds.ts';
import { AccessSourceText } from '../../../components/access-source.tsx';
import { CloudRoleText } from '../../../components/cloud-role-select.tsx';
import { formatDate, formatDateTime } from '../../../components/format.ts';
import { ErrorState } from '../../../components/states.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from '../api/cloud-queries.ts';
import { implicitOwnerLabel, peopleLabel, providerLabel } from './cloud-owner.tsx';
import { ManageUsers } from './manage-users.tsx';
import { RenameCloudDialog } from './rename-cloud-dialog.tsx';
import { ReturnOwnershipDialog } from './return-ownership-dialog.tsx';
import { TransferOwnershipDialog } from './transfer-ownership-dialog.tsx';

const yourAccessLabels: Record<Cloud['your_access'], string> = {
  organization_owner: 'As an organization owner, you can use every cloud.',
  cloud_owner: 'You own this cloud.',
  grant: 'An organization owner granted you access.',
  group: 'A group you belong to was granted access.',
};

/**
 * One cloud: what it is, who owns it, and (for owners) Manage users.
 * `below` renders under it once the cloud is loaded, e.g. its workloads.
 */
export function CloudDetailPage({
  cloudId,
  isOwner,
  currentMemberId,
  below,
}: {
  cloudId: string;
  isOwner: boolean;
  currentMemberId: string;
  below?: (cloud: Cloud) => React.ReactNode;
}) {
  const cloud = useQuery(cloudQueries.detail(cloudId));
  const back = (
    <Link
      to="/clouds"
      className="text-sm text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
    >
      <span aria-hidden>←</span> All clouds
    </Link>
  );

  if (cloud.isError) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        {isApiError(cloud.error, 'not_found') ? (
          <div className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-6 py-10 text-center">
            <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Cloud not found</h1>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              {isOwner
                ? 'It may have been removed. Every cloud of your organization is listed on the Clouds page.'
                : 'It may have been removed, or you don’t have access to it. Ask an organization owner to grant you access.'}
            </p>
          </div>
        ) : (
          <ErrorState
            title="This cloud could not be loaded"
            error={cloud.error}
            onRetry={() => cloud.refetch()}
          />
        )}
      </div>
    );
  }

  if (!cloud.data) {
    return (
      <div className="flex flex-col gap-4" role="status" aria-label="Loading cloud">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }

  const data = cloud.data;
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        {back}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900 dark:text-slate-100">
              {data.name}
            </h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {providerLabel(data)} · {data.region} · Registered{' '}
              <time dateTime={data.created_at} title={formatDateTime(data.created_at)}>
                {formatDate(data.created_at)}
              </time>
            </p>
          </div>
          {isOwner && <CloudActions cloud={data} />}
        </div>
      </div>

      <dl className="grid gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">Owner</dt>
          <dd className="mt-1 text-slate-900 dark:text-slate-100">
            {data.owner ? (
              <>
                {data.owner.name}
                <span className="block text-xs text-slate-600 dark:text-slate-400">{data.owner.email}</span>
              </>
            ) : (
              <>
                {implicitOwnerLabel}
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  No one owns it explicitly.
                </span>
              </>
            )}
            {isOwner && data.owner && (
              <span className="mt-2 block">
                <ReturnOwnershipDialog cloud={data} owner={data.owner} />
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">People with access</dt>
          <dd className="mt-1 text-slate-900 dark:text-slate-100">{peopleLabel(data.access_count)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">Your access</dt>
          <dd className="mt-1 flex flex-col items-start gap-1 text-slate-900 dark:text-slate-100">
            <CloudRoleText role={data.your_role} />
            {data.your_sources.length > 0 ? (
              <ul aria-label="Why you have access" className="flex flex-col gap-0.5 text-xs">
                {data.your_sources.map((source, index) => (
                  <li key={index} className="text-slate-700 dark:text-slate-300">
                    <AccessSourceText source={source} linkGroups={isOwner} />
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-xs text-slate-700 dark:text-slate-300">
                {yourAccessLabels[data.your_access]}
              </span>
            )}
          </dd>
        </div>
      </dl>

      {isOwner || data.your_role === 'owner' ? (
        <ManageUsers cloud={data} currentMemberId={currentMemberId} isOrganizationOwner={isOwner} />
      ) : (
        <p className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-4 py-3 text-sm text-slate-700 dark:text-slate-300">
          Organization owners decide who can use {data.name}. Ask one of them to add or remove people.
        </p>
      )}

      {below?.(data)}
    </div>
  );
}

function CloudActions({ cloud }: { cloud: Cloud }) {
  const [renaming, setRenaming] = React.useState(false);
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => setRenaming(true)}>
        Rename
      </Button>
      <RenameCloudDialog cloud={cloud} open={renaming} onOpenChange={setRenaming} />
      <TransferOwnershipDialog cloud={cloud} />
    </div>
  );
}
