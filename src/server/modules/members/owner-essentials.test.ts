import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillOrganization } from '../../db/seed.ts';
import { createMember, memberActor, setupOrganization, signIn, type Actor } from '../../test/actors.ts';
import { answerOrder } from '../../test/loop-turns.ts';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type Member = { id: string; name: string; email: string; last_active_at: string | null };
type Page = { results: Member[]; metadata: { total: number; next_paging_token: string | null } };

async function list(owner: Actor, query: string): Promise<Page> {
  const response = await owner.request({ method: 'GET', url: `/api/v2/organization_collaborators?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json() as Page;
}

async function allPages(owner: Actor, query: string): Promise<Member[]> {
  const rows: Member[] = [];
  let token: string | null = null;
  do {
    const page: Page = await list(owner, `${query}&count=100${token ? `&paging_token=${token}` : ''}`);
    rows.push(...page.results);
    token = page.metadata.next_paging_token;
  } while (token);
  return rows;
}

function parseCsv(text: string): string[][] {
  // Enough for these files: quoted cells with doubled quotes, commas and line breaks.
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('last active', () => {
  it('is null for a new member and follows sign-in, session use (once a minute) and API key use', async () => {
    const owner = await setupOrganization(t.app);
    const cleoId = await createMember(t.deps, owner.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
    const lastActive = async () => (await list(owner, 'email=cleo@acme.test')).results[0]!.last_active_at;
    expect(await lastActive()).toBeNull();

    t.clock.advance(60_000);
    const signedInAt = t.clock.now.toISOString();
    const cookie = await signIn(t.app, 'cleo@acme.test');
    expect(await lastActive()).toBe(signedInAt);

    // Within the minute a request writes nothing; after it, the next request moves it.
    t.clock.advance(30_000);
    const userinfo = () => t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
    await userinfo();
    expect(await lastActive()).toBe(signedInAt);
    t.clock.advance(31_000);
    await userinfo();
    expect(await lastActive()).toBe(t.clock.now.toISOString());

    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v2/api_keys',
      headers: { cookie, 'x-requested-with': 'roster' },
      payload: { name: 'script' },
    });
    expect(key.statusCode).toBe(201);
    t.clock.advance(5 * 60_000);
    await t.app.inject({
      method: 'GET',
      url: '/api/v2/organization_collaborators',
      headers: { authorization: `Bearer ${key.json().result.token}` },
    });
    expect(await lastActive()).toBe(t.clock.now.toISOString());
    expect(cleoId).toBeTruthy();
  });

  it('sorts both ways with keyset pages; members who never signed in come last, newest first', async () => {
    const owner = await setupOrganization(t.app);
    await fillOrganization(t.deps.database, owner.orgId, 240, { now: t.clock.now, seed: 7 });
    // Give two thirds of them activity times with ties, straight in the table.
    const { rows } = await sql<{ id: string }>`
      select id from members where org_id = ${owner.orgId} order by id
    `.execute(t.deps.database.db);
    for (const [index, row] of rows.entries()) {
      if (index % 3 === 0) continue;
      const at = new Date(Date.UTC(2026, 4, 1 + (index % 20))).toISOString();
      await sql`update members set last_active_at = ${at} where id = ${row.id}`.execute(t.deps.database.db);
    }
    const newest = await allPages(owner, 'sort=-last_active');
    expect(newest).toHaveLength(241);
    expect(new Set(newest.map((m) => m.id)).size).toBe(241);
    const keys = newest.map((m) => m.last_active_at ?? '');
    expect(keys).toEqual([...keys].sort().reverse());
    expect(newest.at(-1)!.last_active_at).toBeNull();
    const firstNever = newest.findIndex((m) => m.last_active_at === null);
    expect(newest.slice(firstNever).every((m) => m.last_active_at === null)).toBe(true);

    const oldest = await allPages(owner, 'sort=last_active');
    expect(oldest.map((m) => m.id)).toEqual(newest.map((m) => m.id).reverse());
  });

  it.runIf(testDialect === 'sqlite')(
    'pages sorted by last active read the index, not a sort of every member',
    async () => {
      const owner = await setupOrganization(t.app);
      const plan = await sql<{ detail: string }>`
      explain query plan
      select id from members
      where org_id = ${owner.orgId} and removed_at is null and (last_active_at, id) < ('2026-05-01', 'x')
      order by last_active_at desc, id desc limit 26
    `.execute(t.deps.database.db);
      const details = plan.rows.map((row) => row.detail).join('\n');
      expect(details).toContain('members_active_last_active');
      expect(details).not.toContain('TEMP B-TREE');
    },
  );
});

describe('last active on PostgreSQL', () => {
  it.runIf(testDialect === 'postgres')(
    'a touch leaves the organization row (the lock every role change takes) unwritten',
    async () => {
      const owner = await setupOrganization(t.app);
      const version = async () =>
        (
          await sql<{
            v: string;
          }>`select xmin::text as v from organizations where id = ${owner.orgId}`.execute(t.deps.database.db)
        ).rows[0]!.v;
      const before = await version();
      t.clock.advance(120_000);
      await owner.request({ method: 'GET', url: '/api/v2/userinfo' });
      const touched = await sql<{ at: string }>`
        select last_active_at as at from members where id = ${owner.memberId}
      `.execute(t.deps.database.db);
      expect(touched.rows[0]!.at).toBe(t.clock.now.toISOString());
      expect(await version()).toBe(before);
      // A real change of counts still writes it.
      await createMember(t.deps, owner.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
      expect(await version()).not.toBe(before);
    },
  );
});

describe('member export', () => {
  it('streams every member (past one chunk) in the list order, as the owner filters, and audits it', async () => {
    const owner = await setupOrganization(t.app);
    await fillOrganization(t.deps.database, owner.orgId, 2300, { now: t.clock.now, seed: 3 });
    const response = await owner.request({ method: 'GET', url: '/api/v2/organization_collaborators/export' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="roster-members-2026-06-01.csv"',
    );
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual([
      'id',
      'user_id',
      'name',
      'email',
      'permission_level',
      'created_at',
      'last_active_at',
      'source',
      'last_sso_login_at',
    ]);
    expect(rows).toHaveLength(1 + 2301);
    const listed = await allPages(owner, 'sort=name');
    expect(rows.slice(1).map((row) => row[0])).toEqual(listed.map((m) => m.id));

    t.clock.advance(1000);
    const owners = parseCsv(
      (
        await owner.request({
          method: 'GET',
          url: '/api/v2/organization_collaborators/export?permission_level=owner&sort=-created_at',
        })
      ).body,
    );
    const listedOwners = await allPages(owner, 'permission_level=owner&sort=-created_at');
    expect(owners.slice(1).map((row) => row[0])).toEqual(listedOwners.map((m) => m.id));
    expect(owners.slice(1).every((row) => row[4] === 'owner')).toBe(true);

    const log = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=member.list_exported',
    });
    expect(log.json().results).toHaveLength(2);
    expect(log.json().results[0]).toMatchObject({
      actor: { id: owner.memberId },
      after: { permission_level: 'owner', sort: '-created_at' },
    });
  });

  it('follows a search and escapes cells: quotes, commas, line-safe, and no formulas', async () => {
    const owner = await setupOrganization(t.app);
    await createMember(t.deps, owner.orgId, {
      name: '=HYPERLINK("https://evil.test")',
      email: 'eve@acme.test',
    });
    await createMember(t.deps, owner.orgId, { name: 'Hamilton, "Maggie"', email: 'maggie@acme.test' });
    await createMember(t.deps, owner.orgId, { name: '-Dash', email: 'dash@other.test' });
    const response = await owner.request({
      method: 'GET',
      url: '/api/v2/organization_collaborators/export?q=acme.test',
    });
    expect(response.statusCode).toBe(200);
    const rows = parseCsv(response.body).slice(1);
    const names = rows.map((row) => row[2]).sort();
    expect(names).toEqual([`'=HYPERLINK("https://evil.test")`, 'Hamilton, "Maggie"', 'Olive Owner'].sort());
    expect(response.body).toContain(`"'=HYPERLINK(""https://evil.test"")"`);
    expect(response.body).toContain(`"Hamilton, ""Maggie"""`);
  });

  it('is for owners only', async () => {
    const owner = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
    const response = await cleo.request({ method: 'GET', url: '/api/v2/organization_collaborators/export' });
    expect(response.statusCode).toBe(403);
  });

  it('serves other requests while a long export streams (the loop turns between chunks)', async () => {
    const owner = await setupOrganization(t.app);
    await fillOrganization(t.deps.database, owner.orgId, 5000, { now: t.clock.now, seed: 4 });
    const exportPath = '/api/v2/organization_collaborators/export';
    expect(await answerOrder(t.app, owner.cookie, exportPath, '/api/v2/userinfo')).toEqual([
      '/api/v2/userinfo',
      exportPath,
    ]);
  });
});

describe('member page', () => {
  it('shows how they joined, the clouds they own or were granted, and their API keys', async () => {
    const owner = await setupOrganization(t.app);
    const cloud = async (name: string) =>
      (
        await owner.request({
          method: 'POST',
          url: '/api/v2/clouds',
          payload: { name, provider: 'aws', region: 'eu-west-1' },
        })
      ).json().result.id as string;
    const granted = await cloud('Analytics');
    await cloud('Billing');
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
    const cleoUser = (await cleo.request({ method: 'GET', url: '/api/v2/userinfo' })).json().result;
    const grant = await owner.request({
      method: 'POST',
      url: `/api/v2/clouds/${granted}/collaborators`,
      payload: { user_ids: [cleoUser.user_id] },
    });
    expect(grant.statusCode).toBeLessThan(300);
    await cleo.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      payload: { name: 'laptop', expires_in_days: 30 },
    });

    const response = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${cleo.memberId}/profile`,
    });
    expect(response.statusCode).toBe(200);
    const profile = response.json().result;
    expect(profile.member).toMatchObject({
      id: cleo.memberId,
      name: 'Cleo',
      permission_level: 'collaborator',
    });
    expect(profile.member.last_active_at).not.toBeNull();
    expect(profile.source).toEqual({ kind: 'direct', invited_by: null });
    expect(profile.implicit_owner_of_all_clouds).toBe(false);
    expect(profile.clouds).toEqual([{ id: granted, name: 'Analytics', access: 'granted' }]);
    expect(profile.api_keys).toHaveLength(1);
    expect(profile.api_keys[0]).toMatchObject({ name: 'laptop', last_used_at: null });
    expect(profile.api_keys[0].expires_at).not.toBeNull();
    expect(profile.api_keys[0]).not.toHaveProperty('token');

    const ownerPage = (
      await owner.request({
        method: 'GET',
        url: `/api/v2/organization_collaborators/${owner.memberId}/profile`,
      })
    ).json().result;
    expect(ownerPage.implicit_owner_of_all_clouds).toBe(true);
    expect(ownerPage.clouds.map((c: { name: string; access: string }) => [c.name, c.access])).toEqual([
      ['Analytics', 'owner'],
      ['Billing', 'owner'],
    ]);
  });
});
