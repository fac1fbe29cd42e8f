import type { FastifyInstance } from 'fastify';
import { wholeList } from '#contract/pagination.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noContentSchema } from '#contract/envelope.ts';
import { z } from 'zod';
import {
  changedPasswordSchema,
  changePasswordBodySchema,
  completePasswordResetBodySchema,
  passwordResetPreviewSchema,
  passwordResetRequestBodySchema,
  passwordResetRequestedMessage,
  passwordResetRequestedSchema,
  resetTokenBodySchema,
  sessionListSchema,
  signedOutSessionsSchema,
} from '#contract/credentials.ts';
import { idString } from '#contract/text.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
import * as credentials from './credentials.service.ts';

const sessionParamsSchema = z.strictObject({ id: idString() });

export async function credentialsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/sessions',
    {
      config: { access: 'member' },
      schema: {
        tags: ['sessions'],
        summary: 'Your signed-in sessions: device, address, signed in, last seen',
        response: { 200: sessionListSchema },
      },
    },
    async (request) => wholeList(await credentials.listSessions(app.deps, requirePrincipal(request))),
  );

  r.delete(
    '/sessions/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['sessions'],
        summary: 'Sign out one of your sessions',
        params: sessionParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await credentials.signOutSession(app.deps, requirePrincipal(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/sessions/sign_out_others',
    {
      config: { access: 'member' },
      schema: {
        tags: ['sessions'],
        summary: 'Sign out all your sessions but this one',
        response: { 200: signedOutSessionsSchema },
      },
    },
    async (request) => ({
      signed_out_sessions: await credentials.signOutOtherSessions(app.deps, requirePrincipal(request)),
    }),
  );

  r.post(
    '/password_changes',
    {
      config: { access: 'member' },
      schema: {
        tags: ['sessions'],
        summary: 'Change your password (current password required); signs out your other sessions',
        body: changePasswordBodySchema,
        response: { 200: changedPasswordSchema },
      },
    },
    async (request) => ({
      signed_out_sessions: await credentials.changePassword(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.body,
      ),
    }),
  );

  r.post(
    '/password_resets',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sessions'],
        summary: 'Forgot password: mail a single-use reset link (same answer for every address)',
        body: passwordResetRequestBodySchema,
        response: { 202: passwordResetRequestedSchema },
      },
    },
    async (request, reply) => {
      await credentials.requestPasswordReset(app.deps, request.body.email, request.ip);
      return reply.status(202).send({ message: passwordResetRequestedMessage });
    },
  );

  r.post(
    '/password_reset_completions/preview',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sessions'],
        summary: 'Check a reset link before asking for a new password (does not use it)',
        body: resetTokenBodySchema,
        response: { 200: passwordResetPreviewSchema },
      },
    },
    async (request) => credentials.previewPasswordReset(app.deps, request.body.token, request.ip),
  );

  r.post(
    '/password_reset_completions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sessions'],
        summary: 'Choose a new password with a reset link; signs out every session',
        body: completePasswordResetBodySchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await credentials.completePasswordReset(app.deps, request.body, request.ip);
      return reply.status(204).send(null);
    },
  );
}
