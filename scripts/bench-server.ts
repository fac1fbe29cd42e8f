/**
 * One server `npm run bench` measures, in a process of its own as in
 * production (one app per process: the apps do not share a heap, a JIT's
 * type feedback or an event loop, and the load generator is elsewhere):
 *  - a Roster app on one dataset (SQLite or PostgreSQL), started the way
 *    src/server/main.ts starts it; or
 *  - the floor: a bare Fastify route doing what the list path must do (the
 *    API key's principal lookup, the page query and the total) with
 *    better-sqlite3 directly, answering the same JSON body;
 * and beside it a control port: event-loop delay, RSS peak, GC pauses and the
 * longest stall of this process between /measure/start and /measure/stop
 * (perf_hooks.monitorEventLoopDelay), and paging tokens deep in the list.
 * Configuration arrives as JSON in BENCH_SERVER_CONFIG; prints one JSON line
 * `{ ready: true }` once both listen on 127.0.0.1.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type Config } from '../src/server/config.ts';
import { createDatabase, refreshPlannerStatistics } from '../src/server/db/database.ts';
import { sha256 } from '../src/server/lib/crypto.ts';
import { encodeCursor, pagingScope } from '../src/server/lib/paging.ts';

export type BenchServerConfig = { controlPort: number } & (
  | { roster: { port: number; database: Config['database']; staticRoot: string | null } }
  | { floor: { port: number; sqlitePath: string } }
);

const setup = JSON.parse(process.env.BENCH_SERVER_CONFIG ?? '') as BenchServerConfig;

// One secret for every app and the floor, so their paging tokens cost the same to mint.
const secret = 'roster-bench-secret-that-is-long-enough-to-use';
let app: FastifyInstance | undefined;
let closeFloor: (() => Promise<void>) | undefined;
if ('roster' in setup) {
  const { roster } = setup;
  const base = loadConfig({
    NODE_ENV: 'production',
    PORT: String(roster.port),
    PUBLIC_URL: `http://localhost:${roster.port}`,
    SQLITE_PATH: roster.database.kind === 'sqlite' ? roster.database.path : ':memory:',
    LOG_LEVEL: 'silent',
    ROSTER_SECRET: secret,
  });
  const config: Config = { ...base, database: roster.database };
  const database = createDatabase(config.database);
  await refreshPlannerStatistics(database);
  app = await buildApp({ config, database }, { staticRoot: roster.staticRoot, logger: false });
  await app.listen({ port: roster.port, host: '127.0.0.1' });
} else {
  closeFloor = await startFloor(setup.floor);
}

// ---------------------------------------------------------------------------
// The floor: the same work with better-sqlite3 and a bare route.
// ---------------------------------------------------------------------------
async function startFloor(options: { port: number; sqlitePath: string }) {
  const sqlite = new SQLite(options.sqlitePath, { readonly: true });
  const principalQuery = sqlite.prepare(`
  select m.id as member_id, m.user_id, m.org_id, m.email, m.name, m.role,
         o.name as org_name, o.sso_enabled, k.id as api_key_id, k.expires_at, k.last_used_at, k.last_used_ip
  from api_keys k join members m on m.id = k.member_id join organizations o on o.id = m.org_id
  where k.token_hash = ? and k.revoked_at is null and m.removed_at is null`);
  const pageQuery = sqlite.prepare(`
  select id, user_id, email, name, role, created_at, search_text, last_active_at, is_service_account,
         source, sso_login_at
  from members where org_id = ? and removed_at is null order by search_text, id limit ?`);
  const totalQuery = sqlite.prepare('select member_count from organizations where id = ?');
  // The page's groups, one read as Roster does (50 ids bound; fewer repeat the last).
  const groupsQuery = sqlite.prepare(`
  select gm.member_id, g.id, g.name from group_members gm join groups g on g.id = gm.group_id
  where g.org_id = ? and gm.member_id in (${Array.from({ length: 50 }, () => '?').join(', ')})
  order by g.name_key`);
  type FloorRow = {
    id: string;
    user_id: string;
    email: string;
    name: string;
    role: string;
    created_at: string;
    search_text: string;
    last_active_at: string | null;
    is_service_account: number;
    source: string;
    sso_login_at: string | null;
  };
  const floorSecret = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    ROSTER_SECRET: secret,
  }).secret;
  const floor = Fastify({ logger: false });
  // The same answer as Roster's, byte for byte (the bench compares the two bodies before measuring).
  floor.get('/api/v2/organization_collaborators', async (request, reply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const principal = token
      ? (principalQuery.get(sha256(token)) as { org_id: string; expires_at: string | null } | undefined)
      : undefined;
    if (!principal) return reply.status(401).send({ error: { code: 'unauthenticated' } });
    const count = Number((request.query as { count?: string }).count ?? 20);
    const rows = pageQuery.all(principal.org_id, count + 1) as FloorRow[];
    const { member_count: total } = totalQuery.get(principal.org_id) as { member_count: number };
    const more = rows.length > count;
    const page = rows.slice(0, count);
    const ids = page.map((row) => row.id);
    const memberships = (
      ids.length === 0
        ? []
        : groupsQuery.all(
            principal.org_id,
            ...Array.from({ length: 50 }, (_, i) => ids[Math.min(i, ids.length - 1)]),
          )
    ) as { member_id: string; id: string; name: string }[];
    const groupsOf = new Map<string, { id: string; name: string }[]>();
    for (const { member_id, id, name } of memberships) {
      groupsOf.set(member_id, [...(groupsOf.get(member_id) ?? []), { id, name }]);
    }
    const last = page.at(-1);
    const scope = pagingScope(
      { secret: floorSecret },
      { list: 'collaborators', orgId: principal.org_id, sort: 'name', filters: { orgId: principal.org_id } },
    );
    reply.header('cache-control', 'no-store');
    return {
      results: page.map((row) => ({
        id: row.id,
        user_id: row.user_id,
        email: row.email,
        name: row.name,
        permission_level: row.role,
        base_role: row.role,
        additional_roles: [],
        is_service_account: row.is_service_account === 1,
        created_at: row.created_at,
        last_active_at: row.last_active_at || null,
        source: row.source,
        last_sso_login_at: row.sso_login_at,
        groups: groupsOf.get(row.id) ?? [],
      })),
      metadata: {
        total,
        next_paging_token:
          more && last
            ? encodeCursor(scope, { value: last.search_text, id: last.id, direction: 'next' })
            : null,
        previous_paging_token: null,
      },
    };
  });
  await floor.listen({ port: options.port, host: '127.0.0.1' });
  return async () => {
    await floor.close();
    sqlite.close();
  };
}

// ---------------------------------------------------------------------------
// Control: event-loop delay and RSS while a figure is measured; deep tokens.
// ---------------------------------------------------------------------------
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let rssPeak = 0;
setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
}, 20).unref();

// Garbage-collection pauses of this process (the loop cannot run during one).
let gcPauseMaxMs = 0;
let gcPauseTotalMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcPauseMaxMs = Math.max(gcPauseMaxMs, entry.duration);
    gcPauseTotalMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

// The longest stall of the main thread, and where its time went: the kernel's
// schedstat for this thread splits it into running (our code, GC on this
// thread), waiting for a core (runnable, another process or thread had it),
// and the rest (asleep in the kernel: a disk sync, a page fault, a lock).
// Linux only; elsewhere the split is left out.
const schedstatPath = `/proc/${process.pid}/task/${process.pid}/schedstat`;
const schedstat = (): { runMs: number; waitMs: number } | undefined => {
  try {
    const [run, wait] = fs.readFileSync(schedstatPath, 'utf8').split(' ').map(Number);
    return { runMs: run! / 1e6, waitMs: wait! / 1e6 };
  } catch {
    return undefined;
  }
};
type Stall = { ms: number; runningMs?: number; waitingForCoreMs?: number };
const tickMs = 5;
let worstStall: Stall = { ms: 0 };
let lastTick = { at: performance.now(), stat: schedstat() };
setInterval(() => {
  const tick = { at: performance.now(), stat: schedstat() };
  const ms = tick.at - lastTick.at - tickMs;
  if (ms > worstStall.ms) {
    worstStall =
      tick.stat && lastTick.stat
        ? {
            ms,
            runningMs: tick.stat.runMs - lastTick.stat.runMs,
            waitingForCoreMs: tick.stat.waitMs - lastTick.stat.waitMs,
          }
        : { ms };
  }
  lastTick = tick;
}, tickMs).unref();

const control = Fastify({ logger: false });
control.get('/measure/start', async () => {
  loopDelay.reset();
  rssPeak = process.memoryUsage.rss();
  gcPauseMaxMs = 0;
  gcPauseTotalMs = 0;
  worstStall = { ms: 0 };
  return { ok: true };
});
control.get('/measure/stop', async () => ({
  loopDelayMaxMs: loopDelay.max / 1e6,
  loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  rssPeakMiB: Math.max(rssPeak, process.memoryUsage.rss()) / 2 ** 20,
  gcPauseMaxMs,
  gcPauseTotalMs,
  worstStall,
}));
/** A paging token for the name-sorted member list, starting after the member at `offset`. */
control.get('/deep-token', async (request) => {
  const { offset } = request.query as { offset: string };
  if (!app) throw new Error('The floor has no paging tokens to give');
  const org = await app.deps.database.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
  const row = await app.deps.database.db
    .selectFrom('members')
    .select(['search_text', 'id'])
    .where('org_id', '=', org.id)
    .where('removed_at', 'is', null)
    .orderBy('search_text')
    .orderBy('id')
    .limit(1)
    .offset(Number(offset))
    .executeTakeFirstOrThrow();
  const scope = pagingScope(app.deps.config, {
    list: 'collaborators',
    orgId: org.id,
    sort: 'name',
    filters: { orgId: org.id },
  });
  return { token: encodeCursor(scope, { value: row.search_text, id: row.id, direction: 'next' }) };
});
await control.listen({ port: setup.controlPort, host: '127.0.0.1' });

console.log(JSON.stringify({ ready: true }));

async function shutdown() {
  await control.close();
  await closeFloor?.();
  if (app) {
    await app.close();
    await app.deps.database.destroy();
  }
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
