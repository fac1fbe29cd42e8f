import * as React from 'react';
import { Link } from 'react-router';
import type { Collaborator, OffboardingPreview } from '#contract/members.ts';
import { CloudTransferPicker, type TransferTarget } from './cloud-transfer-picker.tsx';

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

type Kind = 'workspaces' | 'jobs' | 'services';

const workloadLines: { kind: Kind; label: string; param: string; consequence: string }[] = [
  {
    kind: 'workspaces',
    label: 'Workspaces',
    param: 'workspace',
    consequence: 'Remain running unless you terminate them. Duplicate to keep the work and take ownership.',
  },
  {
    kind: 'jobs',
    label: 'Jobs',
    param: 'job',
    consequence:
      'Remain running unless you terminate them. Duplicate as a Workspace to resubmit and take ownership.',
  },
  {
    kind: 'services',
    label: 'Services',
    param: 'service',
    consequence:
      'Remain running unless you terminate them. Duplicate as a Workspace to redeploy and take ownership.',
  },
];

function workloadsHref(memberId: string, kind?: string) {
  const params = new URLSearchParams({ creator: memberId });
  if (kind) params.set('kind', kind);
  return `/workloads?${params.toString()}`;
}

const sum = (previews: OffboardingPreview[], pick: (preview: OffboardingPreview) => number) =>
  previews.reduce((total, preview) => total + pick(preview), 0);

/** What they created: only the kinds they have, each with its consequence (once). */
export function CreatedSection({
  previews,
  single,
}: {
  previews: OffboardingPreview[];
  single: Collaborator | null;
}) {
  const lines = workloadLines
    .map((line) => ({
      ...line,
      running: sum(previews, (preview) => preview.workloads[line.kind].running),
      total: sum(previews, (preview) => preview.workloads[line.kind].total),
    }))
    .filter((line) => line.total > 0);
  const withWorkloads = previews.filter(
    (preview) =>
      preview.workloads.workspaces.total + preview.workloads.jobs.total + preview.workloads.services.total >
      0,
  );
  return (
    <section aria-labelledby="offboarding-created" className="flex flex-col gap-2">
      <h3 id="offboarding-created" className="font-medium text-slate-900 dark:text-slate-100">
        What happens to what they created
      </h3>
      {lines.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">
          {single ? `${single.name} created` : 'They created'} no workspaces, jobs or services.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800 rounded-md border border-slate-200 dark:border-slate-700">
          {lines.map((line) => {
            const countText = `${line.running.toLocaleString()} running · ${line.total.toLocaleString()} in all`;
            return (
              <li key={line.kind} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:gap-4">
                <div className="flex shrink-0 flex-col sm:w-40">
                  <span className="font-medium text-slate-900 dark:text-slate-100">{line.label}</span>
                  {single ? (
                    <Link
                      to={workloadsHref(single.id, line.param)}
                      className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
                    >
                      {countText}
                    </Link>
                  ) : (
                    <span className="text-slate-700 dark:text-slate-300">{countText}</span>
                  )}
                </div>
                <p className="text-slate-700 dark:text-slate-300">{line.consequence}</p>
              </li>
            );
          })}
        </ul>
      )}
      {!single && withWorkloads.length > 0 && (
        <p className="text-slate-700 dark:text-slate-300">
          Workloads by person:{' '}
          {withWorkloads.map((preview, index) => (
            <React.Fragment key={preview.member.id}>
              {index > 0 && ' · '}
              <Link
                to={workloadsHref(preview.member.id)}
                className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
              >
                {preview.member.name} (
                {(
                  preview.workloads.workspaces.running +
                  preview.workloads.jobs.running +
                  preview.workloads.services.running
                ).toLocaleString()}{' '}
                running)
              </Link>
            </React.Fragment>
          ))}
        </p>
      )}
    </section>
  );
}

/** The clouds they own, each with the combobox that decides who owns it next. */
export function CloudsSection({
  previews,
  single,
  transfers,
  onTransferChange,
  excludeIds,
}: {
  previews: OffboardingPreview[];
  single: Collaborator | null;
  transfers: Record<string, TransferTarget>;
  onTransferChange: (cloudId: string, target: TransferTarget) => void;
  excludeIds: string[];
}) {
  const clouds = previews.flatMap((preview) =>
    preview.clouds_owned.map((cloud) => ({ ...cloud, owner: preview.member })),
  );
  if (clouds.length === 0) return null;
  return (
    <section aria-labelledby="offboarding-clouds" className="flex flex-col gap-2">
      <h3 id="offboarding-clouds" className="font-medium text-slate-900 dark:text-slate-100">
        {plural(clouds.length, 'cloud')} they own
      </h3>
      <p className="text-slate-700 dark:text-slate-300">
        The organization owners become the implicit owner of each cloud, unless you choose a member to take
        explicit ownership.
      </p>
      <ul className="flex flex-col gap-3">
        {clouds.map((cloud) => (
          <li key={cloud.id} className="rounded-md border border-slate-200 dark:border-slate-700 p-3">
            {!single && (
              <p className="mb-2 text-slate-600 dark:text-slate-400">Owned by {cloud.owner.name}</p>
            )}
            <CloudTransferPicker
              cloudName={cloud.name}
              excludeIds={excludeIds}
              value={transfers[cloud.id] ?? null}
              onChange={(target) => onTransferChange(cloud.id, target)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Sessions, keys and grants that end: only the ones they have. */
export function AccessSection({ previews }: { previews: OffboardingPreview[] }) {
  const items = [
    [sum(previews, (preview) => preview.active_sessions), 'active session', 'signed out'],
    [sum(previews, (preview) => preview.api_keys), 'API key', 'revoked'],
    [sum(previews, (preview) => preview.cloud_grants), 'cloud grant', 'removed'],
  ] as const;
  const present = items.filter(([count]) => count > 0);
  if (present.length === 0) return null;
  return (
    <section aria-labelledby="offboarding-access" className="flex flex-col gap-1">
      <h3 id="offboarding-access" className="font-medium text-slate-900 dark:text-slate-100">
        Access that ends now
      </h3>
      <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
        {present.map(([count, one, what]) => (
          <li key={one}>
            {plural(count, one)} {what}
          </li>
        ))}
      </ul>
    </section>
  );
}
