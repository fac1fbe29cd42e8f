import { z } from 'zod';
import { idString } from './text.ts';
import { permissionLevelSchema } from './roles.ts';

/**
 * Development-only endpoints (NODE_ENV=development): the "sign in as" list on
 * the login page. They do not exist in production.
 */
export const devAccountSchema = z.object({
  member_id: z.string(),
  name: z.string(),
  email: z.string(),
  permission_level: permissionLevelSchema,
});
export type DevAccount = z.infer<typeof devAccountSchema>;

export const devAccountsSchema = z.object({
  organizations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      accounts: z.array(devAccountSchema),
    }),
  ),
});
export type DevAccounts = z.infer<typeof devAccountsSchema>;

export const devSignInAsBodySchema = z.strictObject({ member_id: idString() });
export type DevSignInAsBody = z.infer<typeof devSignInAsBodySchema>;
