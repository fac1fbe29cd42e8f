import type { MemberSource } from '#contract/enums.ts';
import { formatDateTime } from '../../../components/format.ts';
import { Badge } from '../../../components/ui/badge.tsx';

export const memberSourceLabels: Record<MemberSource, string> = {
  invited: 'Invited',
  sso_jit: 'SSO just-in-time',
  scim: 'SCIM',
};

const sourceTitles: Record<MemberSource, string> = {
  invited: 'Joined through an invitation',
  sso_jit: 'Provisioned at their first sign-in through your identity provider (SSO just-in-time)',
  scim: 'Provisioned by your identity provider over SCIM',
};

/** The Source column's cell: how the membership came to be. */
export function MemberSourceLabel({ source }: { source: MemberSource }) {
  return <span title={sourceTitles[source]}>{memberSourceLabels[source]}</span>;
}

/** "SSO" beside the name of someone who has signed in through the organization's SSO. */
export function MemberSsoBadge({ lastSsoLoginAt }: { lastSsoLoginAt: string | null }) {
  if (!lastSsoLoginAt) return null;
  return <Badge title={`Signs in with SSO: last on ${formatDateTime(lastSsoLoginAt)}`}>SSO</Badge>;
}

/**
 * The same, as a badge beside the name where the Source column is not shown.
 * Invited is the default, so only provisioned members are marked.
 */
export function MemberSourceBadge({ source, className }: { source: MemberSource; className?: string }) {
  if (source === 'invited') return null;
  return (
    <Badge title={`Source: ${sourceTitles[source]}`} className={className}>
      {source === 'scim' ? 'SCIM' : 'JIT'}
    </Badge>
  );
}
