import type { MemberSource } from '#contract/enums.ts';
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

/**
 * The same, as a badge beside the name where the Source column is not shown.
 * Invited is the default, so only provisioned members are marked.
 */
export function MemberSourceBadge({ source, className }: { source: MemberSource; className?: string }) {
  if (source === 'invited') return null;
  return (
    <Badge title={`Source: ${sourceTitles[source]}`} className={className}>
      {source === 'scim' ? 'SCIM' : 'SSO JIT'}
    </Badge>
  );
}
