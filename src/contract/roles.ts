import { z } from 'zod';

export const permissionLevels = ['owner', 'collaborator'] as const;
export const permissionLevelSchema = z.enum(permissionLevels);
export type PermissionLevel = z.infer<typeof permissionLevelSchema>;
