import type { AuditEvent } from '#contract/audit.ts';
import { formatDateTime } from '../../../components/format.ts';

/** Actions in words, as an owner would say them. Unknown actions show as written. */
export const actionLabels: Record<string, string> = {
  'organization.created': 'Created the organization',
  'member.role_changed': 'Changed a role',
  'member.removed': 'Removed a member',
  'member.left': 'Left the organization',
  'invitation.created': 'Invited someone',
  'invitation.resent': 'Re-sent an invitation',
  'invitation.delivery_retried': 'Retried delivery of an invitation',
  'invitation.revoked': 'Revoked an invitation',
  'invitation.accepted': 'Accepted an invitation',
  'cloud.created': 'Registered a cloud',
  'cloud.renamed': 'Renamed a cloud',
  'cloud.access_granted': 'Granted cloud access',
  'cloud.access_revoked': 'Removed cloud access',
  'cloud.ownership_transferred': 'Transferred cloud ownership',
  'workload.terminated': 'Terminated a workload',
  'api_key.created': 'Created an API key',
  'api_key.revoked': 'Revoked an API key',
  'member.list_exported': 'Exported the member list',
  'audit.exported': 'Exported the audit log',
};

export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}

const roleWords: Record<string, string> = { owner: 'Owner', collaborator: 'Collaborator' };
const keyWords: Record<string, string> = {
  permission_level: 'role',
  role: 'role',
  cloud_ids: 'clouds',
  expires_at: 'expires',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One side of a change, in a few words. */
export function describeState(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) return String(value);
  if (value.owner === 'organization') return 'Organization owners (implicit)';
  if (typeof value.permission_level === 'string' && Object.keys(value).length === 1) {
    return roleWords[value.permission_level] ?? value.permission_level;
  }
  if (typeof value.name === 'string' && typeof value.email === 'string') {
    return `${value.name} (${value.email})`;
  }
  if (typeof value.name === 'string' && Object.keys(value).length === 1) return value.name;
  if (typeof value.status === 'string' && Object.keys(value).length === 1) return value.status;
  const parts = Object.entries(value)
    .filter(([, part]) => part !== null && part !== undefined && !(Array.isArray(part) && part.length === 0))
    .map(([key, part]) => {
      let text: string;
      if ((key === 'permission_level' || key === 'role') && typeof part === 'string') {
        text = roleWords[part] ?? part;
      } else if (key.endsWith('_at') && typeof part === 'string' && !Number.isNaN(Date.parse(part))) {
        text = formatDateTime(part);
      } else if (Array.isArray(part)) {
        text = `${part.length}`;
      } else {
        text = isRecord(part) ? JSON.stringify(part) : String(part);
      }
      return `${keyWords[key] ?? key.replace(/_/g, ' ')}: ${text}`;
    });
  return parts.length > 0 ? parts.join(', ') : null;
}

/** "Collaborator → Owner", "Ada (ada@x) → Organization owners", or one side alone. */
export function describeChange(event: AuditEvent): { before: string | null; after: string | null } {
  const before = describeState(event.before);
  let after = describeState(event.after);
  if (event.action === 'member.removed' && after === null) after = 'Removed';
  if (event.action === 'member.left' && after === null) after = 'Left';
  if (event.action === 'api_key.revoked' && after === null) after = 'Revoked';
  return { before, after };
}
