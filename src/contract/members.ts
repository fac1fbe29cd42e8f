import { z } from 'zod';
import { permissionLevelSchema } from './roles.ts';
import { pageQuerySchema, pageSchema } from './pagination.ts';

export const collaboratorSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  permission_level: permissionLevelSchema,
  created_at: z.string(),
});
export type Collaborator = z.infer<typeof collaboratorSchema>;

export const memberSorts = ['name', '-name', 'email', '-email', 'created_at', '-created_at'] as const;
export const memberSortSchema = z.enum(memberSorts);
export type MemberSort = z.infer<typeof memberSortSchema>;

export const collaboratorListQuerySchema = pageQuerySchema.extend({
  email: z.string().trim().max(254).optional(),
  q: z.string().trim().max(200).optional(),
  permission_level: permissionLevelSchema.optional(),
  sort: memberSortSchema.default('name'),
});
export type CollaboratorListQuery = z.input<typeof collaboratorListQuerySchema>;

export const collaboratorPageSchema = pageSchema(collaboratorSchema);
export type CollaboratorPage = z.infer<typeof collaboratorPageSchema>;

export const idParamsSchema = z.object({ id: z.string().min(1).max(64) });
