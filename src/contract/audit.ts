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
] as const;
export type AuditAction = (typeof auditActions)[number];

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
  /** Set when the action came through an API key. */
  api_key: z.object({ id: z.string(), name: z.string() }).nullable(),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEventListQuerySchema = pageQuerySchema.extend({
  /** Member id of the actor. */
  actor: text().trim().min(1).max(64).optional(),
  action: text().trim().min(1).max(64).optional(),
});
export type AuditEventListQuery = z.input<typeof auditEventListQuerySchema>;

export const auditEventPageSchema = pageSchema(auditEventSchema);
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;
