/**
 * Invitations as the Terraform provider's anyscale_organization_invitation and
 * anyscale_organization_user resources send them (createOrganizationInvitation,
 * getInvitationByID, findPendingOrganizationInvitation, Delete → invalidate),
 * beside Roster's own richer form, which keeps answering per-address outcomes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, setupOrganization, type Actor } from '../actors.ts';
import { createTestApp, type TestContext } from '../test-app.ts';
import { providerRequest, sdkRequest } from './platform-clients.ts';
import {
  platformError,
  platformInvitation,
  platformInvitationList,
  platformInvitationResponse,
} from './platform-models.ts';

let t: TestContext;
let owner: Actor;
let key: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
  await createMember(t.deps, owner.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
  key = (await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'tf' } })).json()
    .result.token;
});
afterAll(async () => {
  await t.close();
});

describe('the provider creates, reads, lists and invalidates an invitation', () => {
  it('POST { email } → 201 { result }, then GET /{id} reads it back pending', async () => {
    const created = await providerRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
      email: 'New.Person@Acme.test',
    });
    expect(created.statusCode).toBe(201);
    const invitation = platformInvitationResponse.parse(created.json()).result;
    expect(invitation).toMatchObject({
      email: 'new.person@acme.test',
      organization_id: owner.orgId,
      accepted_at: null,
      status: 'pending',
    });
    // Never a link in the platform's answer: the invitee gets it by mail.
    expect(JSON.stringify(created.json())).not.toMatch(/token=/);

    const read = await providerRequest(
      t.app,
      key,
      'GET',
      `/api/v2/organization_invitations/${invitation.id}`,
    );
    expect(read.statusCode).toBe(200);
    expect(platformInvitationResponse.parse(read.json()).result).toEqual(invitation);
  });

  it('already a member, already invited, not an address: 400 with the detail the provider matches', async () => {
    const member = await providerRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
      email: 'ada@acme.test',
    });
    expect(member.statusCode).toBe(400);
    expect(platformError.parse(member.json()).error.detail).toContain(
      'already a member of your organization',
    );

    await providerRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
      email: 'twice@acme.test',
    });
    const pending = await providerRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
      email: 'twice@acme.test',
    });
    expect(pending.statusCode).toBe(400);
    expect(platformError.parse(pending.json()).error.detail).toMatch(/already pending/);

    const bad = await providerRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
      email: 'not@@x',
    });
    expect(bad.statusCode).toBe(400);
    platformError.parse(bad.json());
  });

  it('GET ?count=50&email= finds the pending invitation (findPendingOrganizationInvitation)', async () => {
    await providerRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
      email: 'listed@acme.test',
    });
    const found = await providerRequest(
      t.app,
      key,
      'GET',
      `/api/v2/organization_invitations?count=50&email=${encodeURIComponent('Listed@Acme.test')}`,
    );
    const body = platformInvitationList.parse(found.json());
    expect(body.results.map((i) => i.email)).toEqual(['listed@acme.test']);
    expect(body.metadata).toMatchObject({ total: 1, next_paging_token: null });

    // Paging the whole list the way PaginatedRequest does.
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const url: string = `/api/v2/organization_invitations?count=1${token ? `&paging_token=${encodeURIComponent(token)}` : ''}`;
      const page = platformInvitationList.parse((await providerRequest(t.app, key, 'GET', url)).json());
      seen.push(...page.results.map((i) => i.email));
      token = page.metadata.next_paging_token;
    } while (token);
    expect(seen.sort()).toEqual(['listed@acme.test', 'new.person@acme.test', 'twice@acme.test']);
  });

  it('POST /{id}/invalidate with no body (Content-Length: 0) → { result } invalidated; GET still reads it; again → 404', async () => {
    const created = platformInvitationResponse.parse(
      (
        await providerRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
          email: 'gone@acme.test',
        })
      ).json(),
    ).result;
    const invalidated = await providerRequest(
      t.app,
      key,
      'POST',
      `/api/v2/organization_invitations/${created.id}/invalidate`,
    );
    expect(invalidated.statusCode).toBe(200);
    expect(platformInvitationResponse.parse(invalidated.json()).result).toMatchObject({
      id: created.id,
      status: 'invalidated',
    });
    const read = await providerRequest(t.app, key, 'GET', `/api/v2/organization_invitations/${created.id}`);
    expect(platformInvitationResponse.parse(read.json()).result.status).toBe('invalidated');
    // The provider treats 404 as already gone.
    const again = await providerRequest(
      t.app,
      key,
      'POST',
      `/api/v2/organization_invitations/${created.id}/invalidate`,
    );
    expect(again.statusCode).toBe(404);
    // And the SDK's bodiless POST does the same.
    const sdkCreated = platformInvitationResponse.parse(
      (
        await sdkRequest(t.app, key, 'POST', '/api/v2/organization_invitations/', {
          body: { email: 'sdk@acme.test' },
        })
      ).json(),
    ).result;
    expect(
      (await sdkRequest(t.app, key, 'POST', `/api/v2/organization_invitations/${sdkCreated.id}/invalidate`))
        .statusCode,
    ).toBe(200);
  });

  it('an accepted invitation reads as accepted, with accepted_at', async () => {
    const created = await owner.request({
      method: 'POST',
      url: '/api/v2/organization_invitations',
      payload: { emails: ['joiner@acme.test'] },
    });
    const outcome = created.json().results[0];
    const token = new URL(outcome.invite_link).searchParams.get('token');
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v2/invitation_acceptances',
      headers: { 'x-requested-with': 'roster' },
      payload: { token, name: 'Joiner', password: 'correct horse battery staple' },
    });
    expect(accepted.statusCode).toBe(201);
    const read = await providerRequest(
      t.app,
      key,
      'GET',
      `/api/v2/organization_invitations/${outcome.invitation_id}`,
    );
    expect(platformInvitation.parse(read.json().result)).toMatchObject({
      status: 'accepted',
      accepted_at: expect.any(String),
    });
  });

  it('an expired invitation reads as expired', async () => {
    const created = platformInvitationResponse.parse(
      (
        await providerRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
          email: 'late@acme.test',
        })
      ).json(),
    ).result;
    t.clock.advance(8 * 24 * 60 * 60_000);
    const read = await providerRequest(t.app, key, 'GET', `/api/v2/organization_invitations/${created.id}`);
    expect(platformInvitationResponse.parse(read.json()).result.status).toBe('expired');
    t.clock.advance(-8 * 24 * 60 * 60_000);
  });

  it('another organization’s invitation id is a 404', async () => {
    const missing = await providerRequest(
      t.app,
      key,
      'GET',
      '/api/v2/organization_invitations/inv_elsewhere',
    );
    expect(missing.statusCode).toBe(404);
    platformError.parse(missing.json());
  });
});

describe('batch_create', () => {
  it('[{ email }] → { results: [{ status, data, error: { detail } }] }, one failure never blocks the others', async () => {
    const response = await providerRequest(
      t.app,
      key,
      'POST',
      '/api/v2/organization_invitations/batch_create',
      [{ email: 'b1@acme.test' }, { email: 'ada@acme.test' }, { email: 'b2@acme.test' }],
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.results).toHaveLength(3);
    expect(body.results[0]).toMatchObject({ status: 'success', error: null });
    platformInvitation.parse(body.results[0].data);
    expect(body.results[1]).toMatchObject({ status: 'error', data: null });
    expect(body.results[1].error.detail).toContain('already a member of your organization');
    expect(body.results[2]).toMatchObject({
      status: 'success',
      data: expect.objectContaining({ email: 'b2@acme.test' }),
    });
  });
});

it("Roster's own form still answers per-address outcomes", async () => {
  const response = await owner.request({
    method: 'POST',
    url: '/api/v2/organization_invitations',
    payload: { emails: 'r1@acme.test, ada@acme.test' },
  });
  expect(response.statusCode).toBe(200);
  expect(response.json().results.map((r: { outcome: string }) => r.outcome)).toEqual([
    'invited',
    'already_member',
  ]);
});
