import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema, noContentSchema } from '../../../contract/envelope.ts';
import { userInfoSchema } from '../../../contract/auth.ts';
import {
  acceptInvitationBodySchema,
  createInvitationsBodySchema,
  createInvitationsResponseSchema,
  invitationListQuerySchema,
  invitationLookupBodySchema,
  invitationLookupSchema,
  invitationPageSchema,
  invitationPreviewBodySchema,
  invitationPreviewSchema,
  invitationSchema,
  mailDeliverySchema,
  resentInvitationSchema,
} from '../../../contract/invitations.ts';
import { idParamsSchema } from '../../../contract/members.ts';
import { auditActor, requirePrincipal, setSessionCookie } from '../../plugins/auth.ts';
import * as auth from '../auth/auth.service.ts';
import * as invitations from './invitations.service.ts';

export async function invitationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/organization_invitations',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: 'Invite people by email',
        description:
          '`emails` is a list or one string separated by commas, semicolons, spaces or new lines (at most 100 ' +
          'addresses). Each address gets its own outcome; `invite_link` is returned only here, when its token ' +
          'is minted.',
        body: createInvitationsBodySchema,
        response: { 200: createInvitationsResponseSchema },
      },
    },
    async (request) =>
      invitations.createInvitations(app.deps, requirePrincipal(request), auditActor(request), request.body),
  );

  r.post(
    '/organization_invitations/lookup',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: 'Who these addresses are, before inviting them',
        description:
          'For each address (at most 100): `member` (already in the organization), `invited` (an open ' +
          'invitation exists; inviting re-sends it), `new`, or `invalid`. Nothing is written.',
        body: invitationLookupBodySchema,
        response: { 200: invitationLookupSchema },
      },
    },
    async (request) => invitations.lookupInvitees(app.deps, requirePrincipal(request), request.body),
  );

  r.get(
    '/organization_invitations',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: 'List pending (and expired) invitations, newest first',
        querystring: invitationListQuerySchema,
        response: { 200: invitationPageSchema },
      },
    },
    async (request) => invitations.listInvitations(app.deps, requirePrincipal(request), request.query),
  );

  r.get(
    '/organization_invitations/delivery',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: 'How invitation mail is delivered (manual: share the links yourself)',
        response: { 200: resultSchema(mailDeliverySchema) },
      },
    },
    async () => result(await invitations.getDelivery(app.deps)),
  );

  r.post(
    '/organization_invitations/:id/resend',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: 'Send a new link (the old one stops working) and extend the expiry',
        params: idParamsSchema,
        response: { 200: resultSchema(resentInvitationSchema) },
      },
    },
    async (request) =>
      result(
        await invitations.resendInvitation(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
        ),
      ),
  );

  r.post(
    '/organization_invitations/:id/retry_delivery',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: 'Retry now: send the failed invitation mail again at once (same link, fresh retry window)',
        description:
          'Only for an invitation whose delivery failed: otherwise 409 `delivery_not_failed`; an expired ' +
          'invitation answers 409 `invitation_expired` (Resend sends a new link).',
        params: idParamsSchema,
        response: { 200: resultSchema(invitationSchema) },
      },
    },
    async (request) =>
      result(
        await invitations.retryInvitationDelivery(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
        ),
      ),
  );

  r.post(
    '/organization_invitations/:id/invalidate',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: 'Revoke an invitation; its link stops working at once',
        params: idParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await invitations.revokeInvitation(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
      );
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/invitation_acceptances/preview',
    {
      config: { access: 'public' },
      schema: {
        tags: ['invitations'],
        summary: 'What an invitation link is for; does not use up the link',
        body: invitationPreviewBodySchema,
        response: { 200: resultSchema(invitationPreviewSchema) },
      },
    },
    async (request) => result(await invitations.previewInvitation(app.deps, request.body.token, request.ip)),
  );

  r.post(
    '/invitation_acceptances',
    {
      config: { access: 'public' },
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation: create your account and sign in',
        body: acceptInvitationBodySchema,
        response: { 201: resultSchema(userInfoSchema) },
      },
    },
    async (request, reply) => {
      const { memberId } = await invitations.acceptInvitation(app.deps, request.body, request.ip);
      // Signed in as someone else in this browser: that session ends, the new member's begins.
      if (request.principal?.sessionIdHash) await auth.logout(app.deps, request.principal.sessionIdHash);
      const session = await auth.startSession(app.deps, memberId, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(app, reply, session);
      const principal = await auth.resolveSession(app.deps, session.sessionId);
      return reply.status(201).send(result(auth.toUserInfo(principal!)));
    },
  );
}
