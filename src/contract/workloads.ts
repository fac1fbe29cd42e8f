import { z } from 'zod';
import { idString, plainText } from './text.ts';
import { pageQuerySchema, pageSchema } from './pagination.ts';

export const workloadKinds = ['workspace', 'job', 'service'] as const;
export const workloadKindSchema = z.enum(workloadKinds);
export type WorkloadKind = z.infer<typeof workloadKindSchema>;

export const workloadStatuses = ['running', 'terminated'] as const;
export const workloadStatusSchema = z.enum(workloadStatuses);
export type WorkloadStatus = z.infer<typeof workloadStatusSchema>;

export const workloadKindLabels: Record<WorkloadKind, string> = {
  workspace: 'Workspace',
  job: 'Job',
  service: 'Service',
};

export const workloadStatusLabels: Record<WorkloadStatus, string> = {
  running: 'Running',
  terminated: 'Terminated',
};

export const workloadNameSchema = plainText()
  .min(1, { message: 'Enter a name.' })
  .max(100, { message: 'Use at most 100 characters.' });

export const workloadSchema = z.object({
  id: z.string(),
  kind: workloadKindSchema,
  name: z.string(),
  status: workloadStatusSchema,
  cloud: z.object({ id: z.string(), name: z.string() }),
  /** `id` is the member id; a removed member keeps their name, with `removed: true`. */
  creator: z.object({ id: z.string(), name: z.string(), removed: z.boolean() }),
  created_at: z.string(),
  terminated_at: z.string().nullable(),
  /** The workload this one was duplicated from, if any. */
  duplicated_from: z.string().nullable(),
});
export type Workload = z.infer<typeof workloadSchema>;

export const workloadListQuerySchema = pageQuerySchema.extend({
  cloud_id: idString().optional(),
  /** A member id (the `id` of GET /organization_collaborators), removed members included. */
  creator: idString().optional(),
  kind: workloadKindSchema.optional(),
  status: workloadStatusSchema.optional(),
});
export type WorkloadListQuery = z.input<typeof workloadListQuerySchema>;

export const workloadPageSchema = pageSchema(workloadSchema);
export type WorkloadPage = z.infer<typeof workloadPageSchema>;

export const createWorkloadBodySchema = z.strictObject({
  cloud_id: idString(),
  name: workloadNameSchema,
  /** The console creates workspaces; scripts may record jobs and services. No compute is launched. */
  kind: workloadKindSchema.default('workspace'),
});
export type CreateWorkloadBody = z.input<typeof createWorkloadBodySchema>;

export const duplicateWorkloadBodySchema = z.strictObject({
  /** Defaults to "<original name> (copy)". */
  name: workloadNameSchema.optional(),
});
export type DuplicateWorkloadBody = z.infer<typeof duplicateWorkloadBodySchema>;

export const workloadParamsSchema = z.object({ id: idString() });
