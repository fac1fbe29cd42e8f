import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';
import { memberActor, setupOrganization, testPassword, type Actor } from '../../test/actors.ts';

/**
 * An owner can see the links of the invitations they send (the API answer,
 * Copy link). Losing the owner role or the membership must take those links
 * with it, or the person walks back in through their own invitation.
 */

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function inviteOne(actor: Actor, email: string, permission_level: 'owner' | 'collaborator') {
  const response = await actor.request({
    method: 'POST',
    url: '/api/v2/organization_invitations',
    payload: { emails: [email], permission_level },
  });
  expect(response.statusCode).toBe(200);
  const result = response.json().results[0] as { invitation_id: string; invite_link: string };
  return { id: result.invitation_id, token: new URL(result.invite_link).searchParams.get('token')! };
}

function accept(token: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v2/invitation_acceptances',
    headers: { 'x-requested-with': 'roster' },
    payload: { token, name: 'Back Again', password: testPassword },
  });
}

function preview(token: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v2/invitation_acceptances/preview',
    headers: { 'x-requested-with': 'roster' },
    payload: { token },
  });
}

async function pendingEmails(actor: Actor): Promise<string[]> {
  const list = await actor.request({ method: 'GET', url: '/api/v2/organization_invitations' });
  return list.json().results.map((invitation: { email: string }) => invitation.email);
}

describe(`re-entry through one's own invitation (${testDialect})`, () => {
  it('invite as owner → demoted → removed → the old link is dead (400 invalid_invitation)', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const backdoor = await inviteOne(otto, 'otto.alt@acme.test', 'owner');

    const demoted = await olive.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${otto.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    expect(demoted.statusCode).toBe(200);
    const removed = await olive.request({
      method: 'DELETE',
      url: `/api/v2/organization_collaborators/${otto.memberId}`,
    });
    expect(removed.statusCode).toBe(204);

    const response = await accept(backdoor.token);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_invitation');
    const owners = await olive.request({
      method: 'GET',
      url: '/api/v2/organization_collaborators?permission_level=owner',
    });
    expect(owners.json().results.map((member: { email: string }) => member.email)).toEqual([
      'olive@acme.test',
    ]);
  });

  it('demotion alone kills the owner-level invitations they sent, not the collaborator-level ones', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const asOwner = await inviteOne(otto, 'new.owner@acme.test', 'owner');
    const asCollaborator = await inviteOne(otto, 'new.collab@acme.test', 'collaborator');
    const olivesOwn = await inviteOne(olive, 'olive.pick@acme.test', 'owner');

    const demoted = await olive.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${otto.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    expect(demoted.statusCode).toBe(200);

    expect((await preview(asOwner.token)).statusCode).toBe(400);
    expect((await preview(asCollaborator.token)).statusCode).toBe(200);
    expect((await preview(olivesOwn.token)).statusCode).toBe(200);
    expect((await pendingEmails(olive)).sort()).toEqual(['new.collab@acme.test', 'olive.pick@acme.test']);

    const audit = await olive.request({ method: 'GET', url: '/api/v2/audit_events?count=50' });
    const revoked = audit
      .json()
      .results.filter((event: { action: string }) => event.action === 'invitation.revoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({
      target: { id: asOwner.id, label: 'new.owner@acme.test' },
      after: { reason: 'sender_demoted' },
    });
  });

  it('the offboarding preview lists what they sent; removal (single and batch) revokes all of it', async () => {
    const olive = await setupOrganization(t.app);
    const ada = await memberActor(t.app, olive.orgId, {
      name: 'Ada Lovelace',
      email: 'ada@acme.test',
      role: 'owner',
    });
    const bob = await memberActor(t.app, olive.orgId, {
      name: 'Bob Builder',
      email: 'bob@acme.test',
      role: 'owner',
    });
    const adaSent = await inviteOne(ada, 'ada.friend@acme.test', 'collaborator');
    const bobSent = await inviteOne(bob, 'bob.friend@acme.test', 'collaborator');
    for (const person of [ada, bob]) {
      await olive.request({
        method: 'PATCH',
        url: `/api/v2/organization_collaborators/${person.memberId}`,
        payload: { permission_level: 'collaborator' },
      });
    }

    const offboarding = await olive.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${ada.memberId}/offboarding_preview`,
    });
    expect(offboarding.json().result.pending_invitations).toEqual([
      {
        id: adaSent.id,
        email: 'ada.friend@acme.test',
        permission_level: 'collaborator',
        cloud_ids: [],
        expires_at: expect.any(String),
      },
    ]);

    const single = await olive.request({
      method: 'DELETE',
      url: `/api/v2/organization_collaborators/${ada.memberId}`,
    });
    expect(single.statusCode).toBe(204);
    expect((await accept(adaSent.token)).statusCode).toBe(400);
    expect((await preview(bobSent.token)).statusCode).toBe(200);

    const batch = await olive.request({
      method: 'POST',
      url: '/api/v2/organization_collaborators/batch_delete',
      payload: { ids: [bob.memberId] },
    });
    expect(batch.statusCode).toBe(200);
    expect(batch.json().result.invitations_revoked).toBe(1);
    expect((await accept(bobSent.token)).statusCode).toBe(400);
    expect(await pendingEmails(olive)).toEqual([]);

    // "Send again from me": the acting owner invites the same people afresh.
    const again = await inviteOne(olive, 'ada.friend@acme.test', 'collaborator');
    const list = await olive.request({ method: 'GET', url: '/api/v2/organization_invitations' });
    expect(list.json().results[0].invited_by).toMatchObject({ id: olive.memberId });
    expect((await accept(again.token)).statusCode).toBe(201);
  });
});
