import { Link } from 'react-router';
import type { CloudAccessSourceDetail } from '#contract/clouds.ts';
import { cloudRoleLabels } from '../lib/cloud-roles.ts';
import { formatDate, formatDateTime } from './format.ts';

function GrantedBy({ source }: { source: { granted_by: { name: string; removed: boolean } | null } }) {
  if (!source.granted_by) return null;
  return (
    <>
      {' '}
      by {source.granted_by.name}
      {source.granted_by.removed ? ' (removed)' : ''}
    </>
  );
}

function On({ iso }: { iso: string }) {
  return (
    <>
      {' '}
      on{' '}
      <time dateTime={iso} title={formatDateTime(iso)}>
        {formatDate(iso)}
      </time>
    </>
  );
}

/**
 * One reason someone can use a cloud, in words: "Organization owner
 * (implicit)", "Cloud owner", "Granted Write by Ada on 3 May", "Read only via
 * group Data Science" (the group linked to its page for owners).
 */
export function AccessSourceText({
  source,
  linkGroups = false,
}: {
  source: CloudAccessSourceDetail;
  linkGroups?: boolean;
}) {
  switch (source.type) {
    case 'organization_owner':
      return <>Organization owner (implicit)</>;
    case 'cloud_owner':
      return <>Cloud owner</>;
    case 'grant':
      return (
        <>
          Granted {cloudRoleLabels[source.role]}
          <GrantedBy source={source} />
          <On iso={source.granted_at} />
        </>
      );
    case 'group':
      return (
        <>
          {cloudRoleLabels[source.role]} via group{' '}
          {linkGroups ? (
            <Link
              to={`/settings/groups/${encodeURIComponent(source.group.id)}`}
              className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
            >
              {source.group.name}
            </Link>
          ) : (
            source.group.name
          )}
        </>
      );
  }
}

/** The same, as plain text (toasts, CSV-like summaries). */
export function accessSourceLabel(source: CloudAccessSourceDetail): string {
  switch (source.type) {
    case 'organization_owner':
      return 'Organization owner (implicit)';
    case 'cloud_owner':
      return 'Cloud owner';
    case 'grant':
      return `Granted ${cloudRoleLabels[source.role]}${source.granted_by ? ` by ${source.granted_by.name}` : ''} on ${formatDate(source.granted_at)}`;
    case 'group':
      return `${cloudRoleLabels[source.role]} via group ${source.group.name}`;
  }
}
