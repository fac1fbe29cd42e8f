import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Collaborator, type CollaboratorPage, type MemberSort } from '#contract/members.ts';
import { memberSorts } from '#contract/enums.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { insertMembers } from '../../db/seed.ts';
import { newId } from '../../lib/crypto.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { setupOrganization, type Actor } from '../../test/actors.ts';

type Person = { name: string; email: string; role?: PermissionLevel; createdAt?: string; removed?: boolean };

/** Inserts people into the organization in one go; returns their member ids in input order. */
async function addPeople(t: TestContext, orgId: string, people: Person[]): Promise<string[]> {
  const rows = people.map((person) => ({
    id: newId(),
    user_id: newId(),
    org_id: orgId,
    email: person.email,
    name: person.name,
    role: person.role ?? ('collaborator' as const),
    password_hash: null,
    created_at: person.createdAt ?? t.deps.config.now().toISOString(),
    removed_at: person.removed ? '2026-05-01T00:00:00.000Z' : null,
    invited_by: null,
  }));
  await insertMembers(t.deps.database.db, rows);
  return rows.map((row) => row.id);
}

function list(actor: Actor, query: Record<string, string | number> = {}) {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return actor.request({ method: 'GET', url: `/api/v2/organization_collaborators?${params}` });
}

async function page(actor: Actor, query: Record<string, string | number>): Promise<CollaboratorPage> {
  const response = await list(actor, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('listing 250 members page by page', () => {
  let t: TestContext;
  let owner: Actor;
  let activeIds: string[];
  const pageSize = 7;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setupOrganization(t.app);
    // Few distinct names and join times, so most sort keys tie and the id decides.
    // Lower- and upper-case first letters show the name sort ignores case.
    const names = ['alice Ames', 'Bruno Bell', 'celia Cruz', 'Dmitri Dahl', 'eve Eng'];
    const joined = ['2024-01-01T00:00:00.000Z', '2025-03-01T09:30:00.000Z', '2025-03-01T09:30:00.000Z'];
    const people: Person[] = [];
    for (let i = 0; i < 249; i++) {
      people.push({
        name: names[i % names.length]!,
        email: `m${String(i).padStart(3, '0')}@acme.test`,
        role: i % 100 === 0 ? 'owner' : 'collaborator',
        createdAt: joined[i % joined.length],
      });
    }
    // Removed people never show up, whatever the sort.
    for (let i = 0; i < 6; i++) {
      people.push({ name: names[i % 5]!, email: `gone${i}@acme.test`, createdAt: joined[0], removed: true });
    }
    const ids = await addPeople(t, owner.orgId, people);
    activeIds = [owner.memberId, ...ids.slice(0, 249)];
  });
  afterAll(async () => {
    await t.close();
  });

  /** The order the database itself gives, without keyset paging: the oracle for each sort. */
  async function expectedOrder(sort: MemberSort): Promise<string[]> {
    const column = {
      name: 'search_text',
      email: 'email',
      created_at: 'created_at',
      last_active: 'last_active_at',
    } as const;
    const key = column[sort.replace(/^-/, '') as keyof typeof column];
    const direction = sort.startsWith('-') ? 'desc' : 'asc';
    const rows = await t.deps.database.db
      .selectFrom('members')
      .select('id')
      .where('org_id', '=', owner.orgId)
      .where('removed_at', 'is', null)
      .orderBy(key, direction)
      .orderBy('id', direction)
      .execute();
    return rows.map((row) => row.id);
  }

  async function walkForward(query: Record<string, string | number>) {
    const pages: Collaborator[][] = [];
    let token: string | null = null;
    let last: CollaboratorPage;
    do {
      last = await page(owner, { ...query, count: pageSize, ...(token ? { paging_token: token } : {}) });
      pages.push(last.results);
      token = last.metadata.next_paging_token;
      expect(pages.length).toBeLessThan(100);
    } while (token);
    return { pages, last };
  }

  it.each(memberSorts)(
    'sort=%s: every member exactly once, in order, forwards and backwards',
    async (sort) => {
      const { pages, last } = await walkForward({ sort });
      const forward = pages.flat().map((member) => member.id);
      expect(new Set(forward).size).toBe(forward.length);
      expect([...forward].sort()).toEqual([...activeIds].sort());
      expect(forward).toEqual(await expectedOrder(sort));
      expect(pages.slice(0, -1).every((results) => results.length === pageSize)).toBe(true);

      // Back from the last page, following previous_paging_token: the same pages, mirrored.
      const backPages: Collaborator[][] = [last.results];
      let token = last.metadata.previous_paging_token;
      while (token) {
        const previous = await page(owner, { sort, count: pageSize, paging_token: token });
        expect(previous.metadata.total).toBe(250);
        backPages.unshift(previous.results);
        token = previous.metadata.previous_paging_token;
        expect(backPages.length).toBeLessThan(100);
      }
      expect(backPages.map((results) => results.map((member) => member.id))).toEqual(
        pages.map((results) => results.map((member) => member.id)),
      );
    },
  );

  it('sorts by name ignoring case, by join date and by email, ties broken the same way both ways', async () => {
    const names = (await walkForward({ sort: 'name' })).pages.flat().map((member) => member.name);
    const initials = names.map((name) => name[0]!.toLowerCase()).join('');
    expect(initials).toBe([...initials].sort().join(''));
    expect(initials.startsWith('a')).toBe(true);

    const joined = (await walkForward({ sort: '-created_at' })).pages.flat().map((m) => m.created_at);
    expect(joined).toEqual([...joined].sort().reverse());

    const emails = (await walkForward({ sort: 'email' })).pages.flat().map((member) => member.email);
    expect(emails).toEqual([...emails].sort());
  });

  it('reports the total and page links on the first and last pages', async () => {
    const first = await page(owner, { count: pageSize });
    expect(first.metadata.total).toBe(250);
    expect(first.metadata.previous_paging_token).toBeNull();
    expect(first.metadata.next_paging_token).toEqual(expect.any(String));
    const { last } = await walkForward({});
    expect(last.metadata.next_paging_token).toBeNull();
    expect(last.results).toHaveLength(250 % pageSize);
    expect(last.metadata.total).toBe(250);
  });

  it('pages through a filtered list with the filter kept', async () => {
    const { pages } = await walkForward({ q: 'bruno', sort: '-email' });
    const found = pages.flat();
    expect(found).toHaveLength(50);
    expect(found.every((member) => member.name === 'Bruno Bell')).toBe(true);
    expect(new Set(found.map((member) => member.id)).size).toBe(50);
  });

  it('caps count at 100 and rejects nonsense counts', async () => {
    expect((await page(owner, { count: 100 })).results).toHaveLength(100);
    for (const count of [101, 0, -1, 'ten', 2.5]) {
      const response = await list(owner, { count });
      expect(response.statusCode, String(count)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'validation_failed' });
      expect(response.json().error.message).toMatch(/count/);
    }
  });

  it('rejects a garbage paging token, and a token minted for another sort', async () => {
    const tokenForName = (await page(owner, { sort: 'name', count: 5 })).metadata.next_paging_token!;
    const garbage = [
      'garbage',
      Buffer.from('{"not":"a cursor"}').toString('base64url'),
      Buffer.from(JSON.stringify(['name', 1, 2, 'sideways'])).toString('base64url'),
      tokenForName.slice(0, -4),
    ];
    for (const token of garbage) {
      const response = await list(owner, { sort: 'name', paging_token: token });
      expect(response.statusCode, token).toBe(400);
      expect(response.json().error.code).toBe('invalid_paging_token');
    }
    const foreign = await list(owner, { sort: 'email', paging_token: tokenForName });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('invalid_paging_token');
  });
});

describe('searching and filtering members', () => {
  let t: TestContext;
  let owner: Actor;
  let ids: string[];
  beforeEach(async () => {
    t = await createTestApp();
    owner = await setupOrganization(t.app);
    ids = await addPeople(t, owner.orgId, [
      { name: 'Zoë Müller', email: 'zoe@acme.test' },
      { name: 'Grace Hopper', email: 'grace@navy.test', role: 'owner' },
      { name: '100% Reliable', email: 'percent@acme.test' },
      { name: 'Under Score', email: 'under_score@acme.test' },
      { name: 'Plain Person', email: 'plain@acme.test' },
      { name: 'Gone Person', email: 'gone@acme.test', removed: true },
    ]);
  });
  afterEach(async () => {
    await t.close();
  });

  const emailsOf = async (query: Record<string, string>) =>
    (await page(owner, query)).results.map((member) => member.email).sort();

  it('finds a substring of the name or the email, in any case', async () => {
    expect(await emailsOf({ q: 'HOPP' })).toEqual(['grace@navy.test']);
    expect(await emailsOf({ q: 'navy.t' })).toEqual(['grace@navy.test']);
    expect(await emailsOf({ q: 'ZOË' })).toEqual(['zoe@acme.test']);
    expect(await emailsOf({ q: 'person' })).toEqual(['plain@acme.test']);
    expect((await page(owner, { q: 'person' })).metadata.total).toBe(1);
    expect(await emailsOf({ q: 'nobody-has-this' })).toEqual([]);
  });

  it('treats LIKE wildcards in q literally', async () => {
    // 1–2 characters match the start of a name or email (see search.test.ts); longer ones anywhere.
    expect(await emailsOf({ q: '%' })).toEqual([]);
    expect(await emailsOf({ q: '10' })).toEqual(['percent@acme.test']);
    expect(await emailsOf({ q: '0% r' })).toEqual(['percent@acme.test']);
    expect(await emailsOf({ q: 'r_s' })).toEqual(['under_score@acme.test']);
    expect(await emailsOf({ q: '00%' })).toEqual(['percent@acme.test']);
    expect(await emailsOf({ q: '_' })).toEqual([]);
    expect(await emailsOf({ q: '\\' })).toEqual([]);
  });

  it('filters by exact email, whatever case the caller types', async () => {
    expect(await emailsOf({ email: 'GRACE@Navy.test' })).toEqual(['grace@navy.test']);
    expect(await emailsOf({ email: ' grace@navy.test ' })).toEqual(['grace@navy.test']);
    expect(await emailsOf({ email: 'grace' })).toEqual([]);
    expect(await emailsOf({ email: 'gone@acme.test' })).toEqual([]);
  });

  it('filters by permission level', async () => {
    expect(await emailsOf({ permission_level: 'owner' })).toEqual(['grace@navy.test', 'olive@acme.test']);
    const collaborators = await page(owner, { permission_level: 'collaborator' });
    expect(collaborators.metadata.total).toBe(4);
    expect(collaborators.results.every((member) => member.permission_level === 'collaborator')).toBe(true);
    const bad = await list(owner, { permission_level: 'admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/permission_level/);
  });

  it('combines filters', async () => {
    expect(await emailsOf({ q: 'acme', permission_level: 'owner' })).toEqual(['olive@acme.test']);
  });

  it('returns one member with the documented fields, and 404 for removed or unknown ids', async () => {
    const one = await owner.request({ method: 'GET', url: `/api/v2/organization_collaborators/${ids[1]}` });
    expect(one.statusCode).toBe(200);
    expect(one.json().result).toEqual({
      id: ids[1],
      user_id: expect.any(String),
      email: 'grace@navy.test',
      name: 'Grace Hopper',
      permission_level: 'owner',
      base_role: 'owner',
      additional_roles: [],
      is_service_account: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      last_active_at: null,
      source: 'invited',
      groups: [],
      last_sso_login_at: null,
    });
    expect(Object.keys(one.json().result).sort()).toEqual(
      [
        'additional_roles',
        'base_role',
        'created_at',
        'email',
        'groups',
        'id',
        'is_service_account',
        'last_active_at',
        'last_sso_login_at',
        'name',
        'permission_level',
        'source',
        'user_id',
      ].sort(),
    );

    const removed = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${ids[5]}`,
    });
    const unknown = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${newId()}`,
    });
    expect(removed.statusCode).toBe(404);
    expect(removed.json()).toEqual(unknown.json());
    expect(removed.json().error.code).toBe('not_found');
  });

  it('never lists removed members nor counts them', async () => {
    const all = await page(owner, { count: 100 });
    expect(all.metadata.total).toBe(6);
    expect(all.results.map((member) => member.email)).not.toContain('gone@acme.test');
    expect(all.results.every((member) => member.email === member.email.toLowerCase())).toBe(true);
  });
});
