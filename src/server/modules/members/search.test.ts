import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollaboratorPage } from '#contract/members.ts';
import { indexWalkExecutor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { insertMembers, seededRandom } from '../../db/seed.ts';
import { newId } from '../../lib/crypto.ts';
import { createOrganization, memberActor, setupOrganization, type Actor } from '../../test/actors.ts';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';
import { countSearchMatches } from './members.repository.ts';

type Person = { id: string; name: string; email: string };

async function addPeople(
  t: TestContext,
  orgId: string,
  people: Array<Omit<Person, 'id'>>,
): Promise<Person[]> {
  const rows = people.map((person) => ({
    id: newId(),
    user_id: newId(),
    org_id: orgId,
    email: person.email,
    name: person.name,
    role: 'collaborator' as const,
    password_hash: null,
    created_at: t.deps.config.now().toISOString(),
    removed_at: null,
    invited_by: null,
  }));
  await insertMembers(t.deps.database.db, rows);
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email }));
}

/** Every match of a search, following paging tokens. */
async function searchAll(actor: Actor, q: string): Promise<{ ids: string[]; first: CollaboratorPage }> {
  const ids: string[] = [];
  let token: string | null = null;
  let first: CollaboratorPage | undefined;
  do {
    const params = new URLSearchParams({ q, count: '100', ...(token ? { paging_token: token } : {}) });
    const response = await actor.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators?${params}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const page: CollaboratorPage = response.json();
    first ??= page;
    ids.push(...page.results.map((row) => row.id));
    token = page.metadata.next_paging_token;
  } while (token);
  return { ids, first: first! };
}

describe('member search', () => {
  let t: TestContext;
  let owner: Actor;
  let ownerId: string;
  let people: Person[];

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setupOrganization(t.app);
    const me = await owner.request({ method: 'GET', url: '/api/v2/organization_collaborators?count=1' });
    ownerId = (me.json() as CollaboratorPage).results[0]!.id;
    people = await addPeople(t, owner.orgId, [
      { name: 'José Müller', email: 'jose.muller@acme.test' },
      { name: 'Zoë Ångström', email: 'zoe@acme.test' },
      { name: 'Percent 100% Sure', email: 'pct@acme.test' },
      { name: 'Under_Score', email: 'under_score@acme.test' },
      { name: 'Back\\Slash', email: 'bs@acme.test' },
      { name: 'Quote "Q" Person', email: 'quote@acme.test' },
      { name: 'Al Short', email: 'xy@acme.test' },
      { name: 'Albert Long', email: 'albert@acme.test' },
      { name: 'Ｆｕｌｌ Width', email: 'fw@acme.test' },
    ]);
  });
  afterAll(async () => t.close());

  const names = async (q: string) => {
    const { ids } = await searchAll(owner, q);
    return ids.map(
      (id) => people.find((person) => person.id === id)?.name ?? (id === ownerId ? 'owner' : id),
    );
  };

  it('folds accents in the stored names and in the query', async () => {
    expect(await names('jose')).toEqual(['José Müller']);
    expect(await names('JOSÉ')).toEqual(['José Müller']);
    expect(await names('muller')).toEqual(['José Müller']);
    expect(await names('Müll')).toEqual(['José Müller']);
    expect(await names('angstr')).toEqual(['Zoë Ångström']);
    expect(await names('zoë å')).toEqual(['Zoë Ångström']);
    expect(await names('full w')).toEqual(['Ｆｕｌｌ Width']);
  });

  it('takes LIKE wildcards and quotes literally', async () => {
    expect(await names('0% s')).toEqual(['Percent 100% Sure']);
    expect(await names('%')).toEqual([]);
    expect(await names('r_s')).toEqual(['Under_Score']);
    expect(await names('_')).toEqual([]);
    expect(await names('k\\s')).toEqual(['Back\\Slash']);
    expect(await names('"q"')).toEqual(['Quote "Q" Person']);
  });

  it('matches 1–2 character queries at the start of a name or email', async () => {
    expect(await names('al')).toEqual(['Al Short', 'Albert Long']);
    expect(await names('A')).toEqual(['Al Short', 'Albert Long']);
    expect(await names('xy')).toEqual(['Al Short']);
    expect(await names('zo')).toEqual(['Zoë Ångström']);
    expect(await names('ör')).toEqual([]);
  });

  it('reports an exact total up to 1,000 and a capped total beyond', async () => {
    const many = Array.from({ length: 1005 }, (_, i) => ({
      name: `Cappy Person ${String(i).padStart(4, '0')}`,
      email: `cappy${i}@acme.test`,
    }));
    await addPeople(t, owner.orgId, many);
    const capped = await searchAll(owner, 'cappy pers');
    expect(capped.ids).toHaveLength(1005);
    expect(capped.first.metadata.total).toBe(1000);
    expect(capped.first.metadata.total_capped).toBe(true);
    const exact = await searchAll(owner, 'cappy person 000');
    expect(exact.ids).toHaveLength(10);
    expect(exact.first.metadata.total).toBe(10);
    expect(exact.first.metadata.total_capped).toBeUndefined();
    // Exactly at the cap: 0000–0999 match, 1000–1004 do not.
    const atCap = await searchAll(owner, 'cappy person 0');
    expect(atCap.ids).toHaveLength(1000);
    expect(atCap.first.metadata.total).toBe(1000);
    expect(atCap.first.metadata.total_capped).toBeUndefined();
  });

  it('walks the index for a common fragment on PostgreSQL in sessions that cannot sort or scan instead', async () => {
    const walker = indexWalkExecutor(t.deps.database.db);
    if (testDialect === 'sqlite') {
      expect(walker).toBeUndefined();
      return;
    }
    const setting = async (db: Kysely<Database>) =>
      (await sql<{ value: string }>`select current_setting('enable_sort') as value`.execute(db)).rows[0]!
        .value;
    expect(await setting(walker!)).toBe('off');
    expect(await setting(t.deps.database.db)).toBe('on');
    // …and in this file's schema: the walk finds this organization's members.
    const walked = await sql<{ n: number }>`
      select count(*) as n from members where org_id = ${owner.orgId}
    `.execute(walker!);
    expect(Number(walked.rows[0]!.n)).toBeGreaterThan(1000);
  });

  it.runIf(testDialect === 'postgres')(
    'counts a common fragment on PostgreSQL from the bucket indexes, not the whole trigram index',
    async () => {
      // The count's SQL as the repository builds it, captured on its way to the database.
      // (Subqueries pass the plugin too; the statement is the longest.)
      let counted: CompiledQuery | undefined;
      const db = t.deps.database.db.withPlugin({
        transformQuery: ({ node }) => {
          const compiled = t.deps.database.db.getExecutor().compileQuery(node, { queryId: 'count' });
          if (compiled.sql.length > (counted?.sql.length ?? 0)) counted = compiled;
          return node;
        },
        transformResult: async ({ result }) => result,
      });
      const matches = await countSearchMatches(db, { orgId: owner.orgId, q: 'cappy pers' });
      expect(matches).toEqual({ total: 1000, capped: true });
      // This organization is small, so the planner would rather read a btree. With the
      // btrees and scans out of its way (in a transaction rolled back), it must show
      // which trigram index it counts from.
      await sql`analyze members`.execute(t.deps.database.db);
      const plan = await t.deps.database.db
        .transaction()
        .execute(async (trx) => {
          const btrees = await sql<{ name: string }>`
            select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
            join pg_am a on a.oid = c.relam
            where i.indrelid = 'members'::regclass and a.amname = 'btree'
              and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
          `.execute(trx);
          for (const { name } of btrees.rows) await sql`drop index ${sql.id(name)}`.execute(trx);
          await sql`select set_config('enable_seqscan', 'off', true)`.execute(trx);
          const explained = await trx.executeQuery<{ 'QUERY PLAN': string }>(
            CompiledQuery.raw(`explain ${counted!.sql}`, [...counted!.parameters]),
          );
          throw Object.assign(new Error('rollback'), { explained });
        })
        .catch((error: { explained?: { rows: { 'QUERY PLAN': string }[] } }) => {
          if (!error.explained) throw error;
          return error.explained;
        });
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      for (let bucket = 0; bucket < 8; bucket++)
        expect(text).toContain(`members_active_search_trgm_${bucket}`);
      expect(text).not.toMatch(/members_active_search_trgm\b(?!_)/);
    },
  );
});

describe('search within one organization', () => {
  let t: TestContext;
  afterAll(async () => t.close());

  it("never returns or counts another organization's members, and forgets removed ones", async () => {
    t = await createTestApp();
    const owner = await setupOrganization(t.app);
    const neighbourOrg = await createOrganization(t.deps, 'Neighbour');
    const neighbour = await memberActor(t.app, neighbourOrg, {
      name: 'Nell Neighbour',
      email: 'nell@neighbour.test',
      role: 'owner',
    });
    const mine = await addPeople(t, owner.orgId, [
      { name: 'Shared Garcia', email: 'sg@acme.test' },
      { name: 'Leaving Garcia', email: 'lg@acme.test' },
    ]);
    // The neighbour has many more of the same fragment (and sorts first).
    await addPeople(
      t,
      neighbour.orgId,
      Array.from({ length: 1200 }, (_, i) => ({
        name: `Aa Garcia ${i}`,
        email: `garcia${i}@neighbour.test`,
      })),
    );
    const search = async (actor: Actor, q: string) => {
      const { ids, first } = await searchAll(actor, q);
      return { ids, total: first.metadata.total, capped: first.metadata.total_capped ?? false };
    };
    expect(await search(owner, 'garcia')).toEqual({
      ids: [mine[1]!.id, mine[0]!.id], // name order
      total: 2,
      capped: false,
    });
    expect((await search(owner, 'sh')).ids).toEqual([mine[0]!.id]);
    expect(await search(neighbour, 'garcia')).toMatchObject({ total: 1000, capped: true });
    expect((await search(neighbour, 'garcia')).ids).toHaveLength(1200);
    expect((await search(neighbour, 'shared')).ids).toEqual([]);

    const removed = await owner.request({
      method: 'DELETE',
      url: `/api/v2/organization_collaborators/${mine[1]!.id}`,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await search(owner, 'garcia')).toEqual({ ids: [mine[0]!.id], total: 1, capped: false });
    expect((await search(owner, 'leaving')).ids).toEqual([]);
  }, 60_000);
});

describe('search against the scan it replaced, on 10k random members', () => {
  let t: TestContext;
  let owner: Actor;
  let texts: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setupOrganization(t.app);
    const random = seededRandom(13);
    const syllables = [
      'an',
      'ber',
      'ca',
      'de',
      'el',
      'fo',
      'gu',
      'ha',
      'is',
      'jo',
      'ka',
      'li',
      'mo',
      'ne',
      'or',
    ];
    const word = () =>
      Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * 15)]).join(
        '',
      );
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const name = `${word()} ${word()}`;
      return { name: name[0]!.toUpperCase() + name.slice(1), email: `${word()}${i}@${word()}.test` };
    });
    const added = await addPeople(t, owner.orgId, rows);
    texts = new Map(added.map((person) => [person.id, `${person.name} ${person.email}`.toLowerCase()]));
    const all = await searchAll(owner, '.test');
    expect(all.ids.length).toBeGreaterThanOrEqual(10_000);
  }, 120_000);
  afterAll(async () => t.close());

  it('finds exactly what a substring scan finds, for rare and common fragments', async () => {
    const random = seededRandom(99);
    const sample = [...texts.values()];
    const queries = ['ana', 'berca', 'jo', 'ka', 'mone', '.test', '@', 'zzz', 'lide', 'anber', 'or1', '99@'];
    for (let i = 0; i < 12; i++) {
      const text = sample[Math.floor(random() * sample.length)]!;
      const length = 3 + Math.floor(random() * 4);
      const start = Math.floor(random() * (text.length - length));
      queries.push(text.slice(start, start + length));
    }
    for (const q of queries) {
      const { ids, first } = await searchAll(owner, q);
      const term = q.trim();
      const short = [...term].length <= 2;
      const expected = [...texts.entries()]
        .filter(([, text]) =>
          short ? text.startsWith(term) || text.split(' ').at(-1)!.startsWith(term) : text.includes(term),
        )
        .map(([id]) => id)
        .sort();
      const got = ids.filter((id) => texts.has(id)).sort();
      expect(got, `q=${JSON.stringify(q)}`).toEqual(expected);
      // The owner may match too; the total is what the pages held, capped at 1,000.
      expect(first.metadata.total, `total for q=${JSON.stringify(q)}`).toBe(Math.min(ids.length, 1000));
      expect(first.metadata.total_capped ?? false).toBe(ids.length > 1000);
    }
  }, 240_000);
});
