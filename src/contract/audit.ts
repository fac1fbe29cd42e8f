import { z } from 'zod';
import { text } from './text.ts';
import { pageQuerySchema, pageSchema } from './pagination.ts';

/** Actions written by the server. Others may be added; clients show unknown ones as they are. */
export const auditActions = [
  'organization.created',
  'member.role_changed',
  'member.removed',
  'member.left',
  'invitation.created',
  'invitation.resent',
  'invitation.delivery_retried',
  'invitation.revoked',
  'invitation.accepted',
  'cloud.created',
  'cloud.renamed',
  'cloud.access_granted',
  'cloud.access_revoked',
  'cloud.ownership_transferred',
  'workload.terminated',
  'api_key.created',
  'api_key.revoked',
  'member.list_exported',
  'audit.exported',
  'scim_token.created',
  'scim_token.revoked',
  'member.provisioned',
  'member.updated_by_directory',
  'member.deprovision_refused',
  'scim_group.created',
  'scim_group.updated',
  'scim_group.deleted',
  'cloud.access_role_changed',
  'cloud.group_access_granted',
  'cloud.group_access_role_changed',
  'cloud.group_access_revoked',
  'group.created',
  'group.renamed',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** How the audit log names the identity provider acting over SCIM. */
export const directoryActorLabel = 'directory (SCIM)';

export const auditEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  created_at: z.string(),
  /** The member who acted; null for the system. `removed` when they have since left. */
  actor: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      removed: z.boolean(),
    })
    .nullable(),
  /** Set when the identity provider acted over SCIM (actor is then null). */
  directory: z.object({ label: z.string(), token_id: z.string(), token_name: z.string() }).nullable(),
  /** Set when the action came through an API key. */
  api_key: z.object({ id: z.string(), name: z.string() }).nullable(),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** An instant (`2026-03-01T00:00:00Z`, any offset) or a UTC date (`2026-03-01`, its midnight). */
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  message: 'Use an ISO 8601 date or date-time, e.g. 2026-03-01 or 2026-03-01T09:00:00Z.',
});

export const auditEventFiltersSchema = z.object({
  /** Member id of the actor. */
  actor: text().trim().min(1).max(64).optional(),
  action: text().trim().min(1).max(64).optional(),
  /** Id of what the event is about, e.g. a member id: what was done to them. */
  target: text().trim().min(1).max(64).optional(),
  /** Events at or after this instant. */
  from: instant.optional(),
  /** Events before this instant. */
  to: instant.optional(),
});

export const auditEventListQuerySchema = pageQuerySchema.extend(auditEventFiltersSchema.shape);
export type AuditEventListQuery = z.input<typeof auditEventListQuerySchema>;

export const auditEventPageSchema = pageSchema(auditEventSchema);

/**
 * Totals of the audit log are exact up to this many events; beyond, `total` is
 * the cap with `total_capped: true` (the console says "1,000+"), so no page
 * ever counts a million rows.
 */
export const auditTotalCap = 1000;
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;
