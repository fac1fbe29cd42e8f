import { z } from 'zod';

import { permissionLevels } from './enums.ts';

export const permissionLevelSchema = z.enum(permissionLevels);
export type PermissionLevel = z.infer<typeof permissionLevelSchema>;
