import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { devMailboxSchema } from '#contract/dev-mailbox.ts';
import * as devMailbox from './dev-mailbox.service.ts';

/**
 * Development only (registered when NODE_ENV=development): the mail Roster would
 * have sent, so invitation links can be followed without a mail server. Public
 * on purpose: its readers are the invitees, who have no account yet.
 */
export async function devMailboxRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/dev/mailbox',
    {
      config: { access: 'public' },
      schema: {
        tags: ['development'],
        summary: 'Mail delivered to the development mailbox, newest first (development only)',
        response: { 200: devMailboxSchema },
      },
    },
    async () => devMailbox.listMail(app.deps),
  );
}
