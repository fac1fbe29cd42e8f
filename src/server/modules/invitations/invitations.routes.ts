import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { result, resultSchema } from '#contract/envelope.ts';
import { userInfoSchema } from '#contract/auth.ts';
import {
  acceptInvitationBodySchema,
  batchInvitationOutcomeSchema,
  batchInvitationsBodySchema,
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
  platformInvitationBodySchema,
  resentInvitationSchema,
} from '#contract/invitations.ts';
import { idParamsSchema } from '#contract/members.ts';
import { wholeList, wholeListSchema } from '#contract/pagination.ts';
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
          'is minted. The platform\'s form, `{ "email": "…" }`, invites one address as a collaborator and ' +
          'answers 201 with the invitation, or 400 with `error.detail` when the address is already a member, ' +
          'already invited, or not an address.',
        body: z.union([createInvitationsBodySchema, platformInvitationBodySchema]),
        response: { 200: createInvitationsResponseSchema, 201: resultSchema(invitationSchema) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if ('email' in body) {
        const invitation = await invitations.createPlatformInvitation(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          body.email,
        );
        return reply.status(201).send(result(invitation));
      }
      return invitations.createInvitations(app.deps, requirePrincipal(request), auditActor(request), body);
    },
  );

  r.post(
    '/organization_invitations/batch_create',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: "Invite several addresses the platform's way, each answered on its own",
        description:
          'A list of `{ email }` (at most 100). Each result is `{ status: "success", data: invitation }` or ' +
          '`{ status: "error", error: { code, detail } }`; one failure never blocks the others.',
        body: batchInvitationsBodySchema,
        response: { 200: wholeListSchema(batchInvitationOutcomeSchema) },
      },
    },
    async (request) =>
      wholeList(
        await invitations.createPlatformInvitations(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.body.map((entry) => entry.email),
        ),
      ),
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
        summary: 'List pending (and expired) invitations, newest first; `email` narrows to one address',
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

  r.get(
    '/organization_invitations/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['invitations'],
        summary: 'One invitation, whatever its state (pending, expired, accepted, invalidated)',
        params: idParamsSchema,
        response: { 200: resultSchema(invitationSchema) },
      },
    },
    async (request) =>
      result(await invitations.getInvitation(app.deps, requirePrincipal(request), request.params.id)),
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
        summary: 'Revoke an invitation; its link stops working at once. Answers the invalidated invitation',
        params: idParamsSchema,
        response: { 200: resultSchema(invitationSchema) },
      },
    },
    async (request) =>
      result(
        await invitations.revokeInvitation(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
        ),
      ),
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
