import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/crypto.ts';
import { setupOrganization, type Actor } from '../../test/actors.ts';
import { answerOrder } from '../../test/loop-turns.ts';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type Event = { id: string; action: string; created_at: string };
type Page = {
  results: Event[];
  metadata: { total: number; total_capped?: boolean; next_paging_token: string | null };
};

async function page(owner: Actor, query: string): Promise<Page> {
  const response = await owner.request({ method: 'GET', url: `/api/v2/audit_events?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
}

async function everyEvent(owner: Actor, query: string): Promise<Event[]> {
  const events: Event[] = [];
  let token: string | null = null;
  do {
    const p: Page = await page(owner, `${query}&count=100${token ? `&paging_token=${token}` : ''}`);
    events.push(...p.results);
    token = p.metadata.next_paging_token;
  } while (token);
  return events;
}

/** `n` events, one an hour from `start`, actions alternating; written straight to the table. */
async function insertEvents(orgId: string, n: number, start = Date.UTC(2026, 0, 1)) {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: newId(),
    org_id: orgId,
    actor_member_id: null,
    actor_api_key_id: null,
    action: i % 2 === 0 ? 'cloud.renamed' : 'workload.terminated',
    target_type: 'cloud',
    target_id: i % 10 === 0 ? 'target-ten' : null,
    target_label: `event ${i}`,
    before: null,
    after: null,
    ip: null,
    created_at: new Date(start + i * 3_600_000).toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 200) {
    await t.deps.database.db
      .insertInto('audit_events')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

async function realCount(orgId: string, where = sql`true`): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from audit_events where org_id = ${orgId} and ${where}
  `.execute(t.deps.database.db);
  return Number(rows[0]!.n);
}

describe('audit totals', () => {
  it('are exact below the cap, with the same events and order as a full read', async () => {
    const owner = await setupOrganization(t.app);
    await insertEvents(owner.orgId, 130);
    const first = await page(owner, 'count=25');
    expect(first.metadata.total).toBe(131);
    expect(first.metadata.total_capped).toBeUndefined();
    const events = await everyEvent(owner, '');
    const { rows } = await sql<{ id: string }>`
      select id from audit_events where org_id = ${owner.orgId} order by created_at desc, id desc
    `.execute(t.deps.database.db);
    expect(events.map((e) => e.id)).toEqual(rows.map((r) => r.id));
    const renamed = await page(owner, 'action=cloud.renamed');
    expect(renamed.metadata.total).toBe(await realCount(owner.orgId, sql`action = 'cloud.renamed'`));
  });

  it('stop counting past 1,000 and say so', async () => {
    const owner = await setupOrganization(t.app);
    await insertEvents(owner.orgId, 1100);
    const all = await page(owner, '');
    expect(all.metadata).toMatchObject({ total: 1000, total_capped: true });
    // A filter under the cap is exact again.
    const target = await page(owner, 'target=target-ten');
    expect(target.metadata.total).toBe(110);
    expect(target.metadata.total_capped).toBeUndefined();
  });

  it.runIf(testDialect === 'sqlite')(
    'read every filter from an index in (created_at, id) order',
    async () => {
      const owner = await setupOrganization(t.app);
      for (const filter of ['actor_member_id', 'action', 'target_id']) {
        const plan = await sql<{ detail: string }>`
        explain query plan
        select id from audit_events
        where org_id = ${owner.orgId} and ${sql.ref(filter)} = 'x' and created_at >= '2026-01-01'
        order by created_at desc, id desc limit 26
      `.execute(t.deps.database.db);
        const details = plan.rows.map((row) => row.detail).join('\n');
        expect(details, filter).toContain(`audit_events_org_${filter}_created`);
        expect(details, filter).not.toContain('TEMP B-TREE');
      }
    },
  );
});

describe('audit date range', () => {
  it('keeps events from `from` (inclusive) to `to` (exclusive), dates or instants', async () => {
    const owner = await setupOrganization(t.app);
    await insertEvents(owner.orgId, 72); // 2026-01-01 00:00 to 2026-01-03 23:00
    const day2 = await everyEvent(owner, 'from=2026-01-02&to=2026-01-03');
    expect(day2).toHaveLength(24);
    expect(day2.every((e) => e.created_at.startsWith('2026-01-02'))).toBe(true);
    expect((await page(owner, 'from=2026-01-02&to=2026-01-03')).metadata.total).toBe(24);
    const offset = await everyEvent(owner, 'from=2026-01-02T10:00:00%2B02:00&to=2026-01-02T12:00:00Z');
    expect(offset.map((e) => e.created_at)).toEqual([
      '2026-01-02T11:00:00.000Z',
      '2026-01-02T10:00:00.000Z',
      '2026-01-02T09:00:00.000Z',
      '2026-01-02T08:00:00.000Z',
    ]);
    const bad = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?from=2026-02-01&to=2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_date_range');
    const garbage = await owner.request({ method: 'GET', url: '/api/v2/audit_events?from=yesterday' });
    expect(garbage.statusCode).toBe(400);
  });

  it('exports the filtered range as CSV, every event past one chunk, and records the export', async () => {
    const owner = await setupOrganization(t.app);
    await insertEvents(owner.orgId, 1300);
    const response = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events/export?from=2026-01-05&to=2026-02-20&action=cloud.renamed',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="roster-audit-log-2026-06-01.csv"',
    );
    const lines = response.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'time,action,actor_name,actor_email,actor_id,api_key,target_type,target_id,target,before,after,ip',
    );
    const expected = await realCount(
      owner.orgId,
      sql`action = 'cloud.renamed' and created_at >= '2026-01-05' and created_at < '2026-02-20'`,
    );
    expect(expected).toBeGreaterThan(500);
    expect(lines).toHaveLength(1 + expected);
    const times = lines.slice(1).map((line) => line.split(',')[0]!);
    expect(times).toEqual([...times].sort().reverse());
    expect(times.at(-1)! >= '2026-01-05').toBe(true);
    expect(times[0]! < '2026-02-20').toBe(true);

    const recorded = await page(owner, 'action=audit.exported');
    expect(recorded.results).toHaveLength(1);
    expect(recorded.results[0]).toMatchObject({
      actor: { id: owner.memberId },
      after: { from: '2026-01-05', to: '2026-02-20', action: 'cloud.renamed' },
    });
  });

  it('serves other requests while a long export streams (the loop turns between chunks)', async () => {
    const owner = await setupOrganization(t.app);
    await insertEvents(owner.orgId, 3000);
    expect(await answerOrder(t.app, owner.cookie, '/api/v2/audit_events/export', '/api/v2/userinfo')).toEqual(
      ['/api/v2/userinfo', '/api/v2/audit_events/export'],
    );
  });
});
