import { scimGroupReadOnlyReason, type Group } from '#contract/groups.ts';
import { Badge } from '../../../components/ui/badge.tsx';

/** Why the console cannot change this group (its name, members, existence), or null when it can. */
export function readOnlyReason(group: Pick<Group, 'source' | 'read_only_reason'>): string | null {
  return group.read_only_reason ?? (group.source === 'scim' ? scimGroupReadOnlyReason : null);
}

export function countLabel(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export function GroupSourceBadge({ source }: { source: Group['source'] }) {
  return source === 'scim' ? (
    <Badge tone="owner" title="Synced from your identity provider over SCIM">
      SCIM
    </Badge>
  ) : (
    <Badge>Manual</Badge>
  );
}
