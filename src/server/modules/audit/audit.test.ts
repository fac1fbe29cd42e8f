import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createOrganization, memberActor, setupOrganization, type Actor } from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type Event = { id: string; action: string; created_at: string; actor: { id: string } | null };

async function page(actor: Actor, query: string) {
  const response = await actor.request({ method: 'GET', url: `/api/v2/audit_events?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    results: Event[];
    metadata: { total: number; next_paging_token: string | null; previous_paging_token: string | null };
  };
}

describe('audit log', () => {
  it('is owner-only', async () => {
    const owner = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
    expect((await cleo.request({ method: 'GET', url: '/api/v2/audit_events' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v2/audit_events' })).statusCode).toBe(401);
  });

  it('records API key creation and revocation, newest first', async () => {
    const owner = await setupOrganization(t.app);
    t.clock.advance(1000);
    const created = await owner.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      payload: { name: 'deploy' },
    });
    t.clock.advance(1000);
    await owner.request({ method: 'DELETE', url: `/api/v2/api_keys/${created.json().result.id}` });
    const log = await page(owner, '');
    expect(log.results.map((event) => event.action)).toEqual([
      'api_key.revoked',
      'api_key.created',
      'organization.created',
    ]);
    expect(log.results[0]).toMatchObject({
      target: { type: 'api_key', label: 'deploy' },
      actor: { id: owner.memberId },
    });
  });

  it('filters by actor and action, and pages with keyset tokens in both directions', async () => {
    const owner = await setupOrganization(t.app);
    const otto = await memberActor(t.app, owner.orgId, {
      name: 'Otto',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
    // 7 role changes by Olive (same timestamp for some, so ties break by id), 2 key events by Otto.
    for (let i = 0; i < 7; i++) {
      if (i % 2 === 0) t.clock.advance(1000);
      await owner.request({
        method: 'PATCH',
        url: `/api/v2/organization_collaborators/${cleo.memberId}`,
        payload: { permission_level: i % 2 === 0 ? 'owner' : 'collaborator' },
      });
    }
    const key = await otto.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'k' } });
    await otto.request({ method: 'DELETE', url: `/api/v2/api_keys/${key.json().result.id}` });

    // …plus the organization.created event of setup.
    const all = await page(owner, 'count=100');
    expect(all.metadata.total).toBe(10);
    const times = all.results.map((event) => event.created_at);
    expect([...times].sort().reverse()).toEqual(times);

    const byOtto = await page(owner, `actor=${otto.memberId}`);
    expect(byOtto.metadata.total).toBe(2);
    expect(byOtto.results.every((event) => event.actor?.id === otto.memberId)).toBe(true);
    const roleChanges = await page(owner, 'action=member.role_changed');
    expect(roleChanges.metadata.total).toBe(7);
    expect((await page(owner, `action=member.role_changed&actor=${otto.memberId}`)).metadata.total).toBe(0);

    // Walk forward 3 at a time, then back, and compare with the full list.
    const seen: string[] = [];
    let token: string | null = null;
    const pages: { ids: string[]; previous: string | null }[] = [];
    do {
      const current = await page(owner, `count=3${token ? `&paging_token=${token}` : ''}`);
      pages.push({
        ids: current.results.map((event) => event.id),
        previous: current.metadata.previous_paging_token,
      });
      seen.push(...current.results.map((event) => event.id));
      token = current.metadata.next_paging_token;
    } while (token);
    expect(seen).toEqual(all.results.map((event) => event.id));
    expect(pages).toHaveLength(4);
    expect(pages[0]!.previous).toBeNull();
    const back = await page(owner, `count=3&paging_token=${pages[2]!.previous}`);
    expect(back.results.map((event) => event.id)).toEqual(pages[1]!.ids);

    const bad = await owner.request({ method: 'GET', url: '/api/v2/audit_events?paging_token=garbage' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_paging_token');
  });

  it('shows only the caller’s organization', async () => {
    const owner = await setupOrganization(t.app);
    const globex = await createOrganization(t.deps, 'Globex');
    const gina = await memberActor(t.app, globex, { name: 'Gina', email: 'gina@globex.test', role: 'owner' });
    await gina.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'theirs' } });
    expect((await page(owner, '')).results.map((event) => event.action)).toEqual(['organization.created']);
    expect((await page(gina, '')).results.map((event) => event.action)).toEqual(['api_key.created']);
  });
});
