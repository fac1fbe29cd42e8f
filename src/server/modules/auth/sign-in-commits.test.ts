import SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupOrganization, signIn, testPassword } from '../../test/actors.ts';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';

/**
 * On SQLite every commit is a disk sync (synchronous=FULL), and the one
 * connection runs on the request loop: while the disk syncs, no other request
 * moves. A sign-in used to commit six times (two counters counted, one reset,
 * one refunded, the session, the member's activity); under a burst of
 * sign-ins those syncs stalled everyone's requests. These count the commits a
 * request makes on the real database: explicit COMMITs, and statements that
 * write outside a transaction (each its own commit).
 */

type Statement = SQLite.Statement & { readonly: boolean; source: string; database: SQLite.Database };
const statementMethods = ['run', 'all', 'get', 'iterate'] as const;
const prototype = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1')) as Record<
  (typeof statementMethods)[number],
  (...args: unknown[]) => unknown
>;
const originals = new Map(statementMethods.map((name) => [name, prototype[name]]));
let commits: string[] = [];

beforeAll(() => {
  for (const name of statementMethods) {
    const original = originals.get(name)!;
    prototype[name] = function (this: Statement, ...args: unknown[]) {
      const text = this.source.trim().toLowerCase();
      if (text === 'commit') commits.push('commit');
      else if (!this.readonly && !this.database.inTransaction && !text.startsWith('begin')) {
        commits.push(text.slice(0, 60));
      }
      return original.apply(this, args);
    };
  }
});
afterAll(() => {
  for (const name of statementMethods) prototype[name] = originals.get(name)!;
});

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe.runIf(testDialect === 'sqlite')('commits per request (SQLite: one disk sync each)', () => {
  it('a password sign-in commits twice: the attempt counted, then the session started', async () => {
    t = await createTestApp();
    const owner = await setupOrganization(t.app);
    commits = [];
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v2/sessions',
      headers: { 'x-requested-with': 'roster' },
      payload: { email: owner.email, password: testPassword },
    });
    expect(response.statusCode).toBe(200);
    expect(commits).toEqual(['commit', 'commit']);
  });

  it('a refused sign-in commits once, and a throttled one counts nothing', async () => {
    t = await createTestApp({ loginMaxAttempts: 2 });
    const owner = await setupOrganization(t.app);
    const attempt = () =>
      t!.app.inject({
        method: 'POST',
        url: '/api/v2/sessions',
        headers: { 'x-requested-with': 'roster' },
        payload: { email: owner.email, password: 'wrong password!!' },
      });
    commits = [];
    expect((await attempt()).statusCode).toBe(401);
    expect(commits).toEqual(['commit']);
    expect((await attempt()).statusCode).toBe(401);
    commits = [];
    // Over the limit: refused before any hash, and the refused attempt's counts are rolled back.
    expect((await attempt()).statusCode).toBe(429);
    expect(commits).toEqual([]);
  });

  it('a session’s once-a-minute activity mark commits once', async () => {
    t = await createTestApp();
    const owner = await setupOrganization(t.app);
    const cookie = await signIn(t.app, owner.email);
    t.clock.advance(61_000);
    commits = [];
    const response = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(commits).toEqual(['commit']);
  });
});
