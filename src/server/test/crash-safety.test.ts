import { afterEach, describe, expect, it } from 'vitest';
import { inspectDatabase } from './database-consistency.ts';
import { databaseEnv, killAllServers, startServer, type ServerProcess } from './server-process.ts';
import { createTestDatabase, testDialect } from './test-app.ts';

/**
 * DESIGN §5: "kill -9 during a stream of writes loses no acknowledged write
 * and leaves the database consistent".
 *
 * The real server runs as a child process on a fresh database. Concurrent
 * clients write through the public API (create and revoke API keys, invite
 * two people per request, accept invitations, flip members between owner and
 * collaborator) and note every write that got its 2xx. Mid-stream the server
 * gets SIGKILL, with requests still in flight; it restarts on the same
 * database and must show every acknowledged write, nothing that was never
 * attempted, and a consistent database (see database-consistency.ts). Three
 * rounds, the ledger carried across them.
 *
 * What this catches, each tried by sabotaging a scratch copy of the product:
 * - replying before the commit (write-behind: "create API key" answered 201
 *   and committed 30 ms later): acknowledged keys missing after the restart;
 * - a change and its audit event in two transactions: a key without its
 *   creation event (database consistency);
 * - SQLite without a journal that survives the process (journal_mode MEMORY,
 *   synchronous OFF): caught by the journal_mode check in
 *   database-consistency.ts. The kill alone does not catch it: a torn commit
 *   needs the kill to land inside the few microseconds of the page writes,
 *   and what a killed process wrote still reaches the disk.
 * Also caught: state that lives only in the process, an invite request half
 * applied, a role that disagrees with its audit trail, a lost owner.
 * Out of reach of a process kill: power loss (the fsync half of
 * synchronous=FULL), and PostgreSQL's own crash recovery (PostgreSQL keeps
 * running here; only the app dies).
 */

const rounds = 3;
const acknowledgedBeforeKill = 25;
const streamTimeoutMs = 10_000;
const password = 'correct horse battery';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dropDatabase: (() => Promise<void>) | undefined;
afterEach(async () => {
  await killAllServers();
  await dropDatabase?.();
  dropDatabase = undefined;
});

/** Every write the clients attempted and what the server answered. */
type Ledger = {
  /** Key names ever sent → the id, once acknowledged. */
  keysAttempted: Set<string>;
  keysAcknowledged: Map<string, string>;
  revocationsAttempted: Set<string>;
  revocationsAcknowledged: Set<string>;
  /** Invited email → invitation id and token, once acknowledged. */
  invitesAttempted: Set<string>;
  /** The two addresses of each invite request: one transaction, so both exist or neither. */
  invitePairs: [string, string][];
  invitesAcknowledged: Map<string, { id: string; token: string }>;
  acceptancesAttempted: Set<string>;
  acceptancesAcknowledged: Set<string>;
  /** Members flipped between roles: the last acknowledged role, and the one in flight at the kill. */
  roles: Map<string, { email: string; acknowledged: string; inFlight?: string }>;
  roleChangesAcknowledged: number;
  unexpected: string[];
};

/** The owner's API key for most writes, and their session for what only a signed-in person may do (mint keys). */
type Client = { url: string; token: string; cookie: string };

async function call(
  client: Client,
  method: string,
  path: string,
  body?: unknown,
  as: 'key' | 'session' = 'key',
): Promise<Response> {
  return fetch(`${client.url}/api/v2${path}`, {
    method,
    headers: {
      ...(as === 'key'
        ? { authorization: `Bearer ${client.token}` }
        : { cookie: client.cookie, 'x-requested-with': 'roster' }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
}

async function listAll<T>(client: Client, path: string): Promise<T[]> {
  const results: T[] = [];
  let pagingToken: string | null = null;
  for (let page = 0; page < 100; page++) {
    const query: string = pagingToken ? `&paging_token=${encodeURIComponent(pagingToken)}` : '';
    const response = await call(client, 'GET', `${path}?count=100${query}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    results.push(...body.results);
    pagingToken = body.metadata.next_paging_token;
    if (!pagingToken) return results;
  }
  throw new Error(`${path}: more than 100 pages`);
}

/** First run through the API: the organization, its owner, and the owner's API key. */
async function setUp(server: ServerProcess): Promise<Client> {
  const setup = await fetch(`${server.url}/api/v2/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'roster' },
    body: JSON.stringify({
      organization_name: 'Crashco',
      name: 'Olive Owner',
      email: 'olive@crash.test',
      password,
    }),
  });
  expect(setup.status).toBe(201);
  const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  const key = await fetch(`${server.url}/api/v2/api_keys`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'roster', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'crash-test owner' }),
  });
  expect(key.status).toBe(201);
  return {
    url: server.url,
    cookie,
    token: ((await key.json()) as { result: { token: string } }).result.token,
  };
}

async function invite(client: Client, emails: string[]) {
  const response = await call(client, 'POST', '/organization_invitations', { emails });
  return { response, results: response.status === 200 ? (await response.json()).results : [] };
}

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token')!;
}

/**
 * Writers that loop until the server stops answering. Each is sequential, so
 * each has at most one write in flight when the kill lands.
 */
function startWriteStream(client: Client, ledger: Ledger, round: number) {
  let acknowledged = 0;
  let inFlight = 0;
  let stopped = false;

  async function send(method: string, path: string, body?: unknown, as: 'key' | 'session' = 'key') {
    inFlight++;
    try {
      return await call(client, method, path, body, as);
    } catch {
      stopped = true; // The server is gone: this write stays unacknowledged.
      return undefined;
    } finally {
      inFlight--;
    }
  }
  function check(what: string, status: number, expected: number): boolean {
    if (status === expected) {
      acknowledged++;
      return true;
    }
    ledger.unexpected.push(`${what}: ${status}`);
    stopped = true;
    return false;
  }

  const createKeys = async (writer: number) => {
    for (let i = 0; !stopped; i++) {
      const name = `round ${round} writer ${writer} key ${i}`;
      ledger.keysAttempted.add(name);
      const response = await send('POST', '/api_keys', { name }, 'session');
      if (response && check(`create ${name}`, response.status, 201)) {
        ledger.keysAcknowledged.set(name, (await response.json()).result.id);
      }
    }
  };
  const revokeKeys = async () => {
    // Keys acknowledged in earlier rounds (and this one as they arrive), oldest first.
    for (let i = 0; !stopped; i++) {
      const id = [...ledger.keysAcknowledged.values()].find((key) => !ledger.revocationsAttempted.has(key));
      if (!id) {
        await sleep(5);
        continue;
      }
      ledger.revocationsAttempted.add(id);
      const response = await send('DELETE', `/api_keys/${id}`);
      if (response && check(`revoke ${id}`, response.status, 204)) ledger.revocationsAcknowledged.add(id);
    }
  };
  const inviteAndAccept = async () => {
    for (let i = 0; !stopped; i++) {
      const emails: [string, string] = [`r${round}-${i}-a@crash.test`, `r${round}-${i}-b@crash.test`];
      emails.forEach((email) => ledger.invitesAttempted.add(email));
      ledger.invitePairs.push(emails);
      inFlight++;
      const sent = await invite(client, emails).catch(() => undefined);
      inFlight--;
      if (!sent) {
        stopped = true;
        break;
      }
      if (!check(`invite ${emails.join()}`, sent.response.status, 200)) break;
      for (const result of sent.results) {
        ledger.invitesAcknowledged.set(result.email, {
          id: result.invitation_id,
          token: tokenOf(result.invite_link),
        });
      }
      // Accept the first of the two; the second stays pending.
      const email = emails[0]!;
      ledger.acceptancesAttempted.add(email);
      const token = ledger.invitesAcknowledged.get(email)!.token;
      const accepted = await send('POST', '/invitation_acceptances', {
        token,
        name: `Person ${email}`,
        password,
      });
      if (accepted && check(`accept ${email}`, accepted.status, 201))
        ledger.acceptancesAcknowledged.add(email);
    }
  };
  const flipRole = async (memberId: string) => {
    const state = ledger.roles.get(memberId)!;
    while (!stopped) {
      const target = state.acknowledged === 'owner' ? 'collaborator' : 'owner';
      state.inFlight = target;
      const response = await send('PATCH', `/organization_collaborators/${memberId}`, {
        permission_level: target,
      });
      if (!response) break;
      if (check(`make ${state.email} ${target}`, response.status, 200)) {
        state.acknowledged = target;
        ledger.roleChangesAcknowledged++;
      }
      state.inFlight = undefined;
    }
  };

  const done = Promise.all([
    createKeys(1),
    createKeys(2),
    createKeys(3),
    revokeKeys(),
    inviteAndAccept(),
    ...[...ledger.roles.keys()].map(flipRole),
  ]);
  return {
    done,
    acknowledged: () => acknowledged,
    inFlight: () => inFlight,
    stop: () => {
      stopped = true;
    },
  };
}

/** After the restart: every acknowledged write is there, and nothing that was never sent. */
async function verifyAcknowledgedWrites(client: Client, ledger: Ledger) {
  const keys = await call(client, 'GET', '/api_keys');
  expect(keys.status).toBe(200);
  const listed = new Map(
    ((await keys.json()).results as { id: string; name: string }[]).map((key) => [key.name, key.id]),
  );
  const missingKeys = [...ledger.keysAcknowledged]
    .filter(([, id]) => !ledger.revocationsAttempted.has(id))
    .filter(([name, id]) => listed.get(name) !== id)
    .map(([name]) => name);
  expect(missingKeys, 'acknowledged API keys lost').toEqual([]);
  const listedIds = new Set(listed.values());
  const resurrected = [...ledger.revocationsAcknowledged].filter((id) => listedIds.has(id));
  expect(resurrected, 'acknowledged revocations lost').toEqual([]);
  const phantoms = [...listed.keys()].filter(
    (name) => name !== 'crash-test owner' && !ledger.keysAttempted.has(name),
  );
  expect(phantoms, 'keys nobody created').toEqual([]);

  const members = await listAll<{ id: string; email: string; permission_level: string }>(
    client,
    '/organization_collaborators',
  );
  const memberEmails = new Set(members.map((member) => member.email));
  expect(
    [...ledger.acceptancesAcknowledged].filter((email) => !memberEmails.has(email)),
    'acknowledged acceptances lost',
  ).toEqual([]);
  expect(members.filter((member) => member.permission_level === 'owner').length).toBeGreaterThanOrEqual(1);
  const byId = new Map(members.map((member) => [member.id, member]));
  for (const [id, state] of ledger.roles) {
    const allowed = [state.acknowledged, ...(state.inFlight ? [state.inFlight] : [])];
    expect(allowed, `role of ${state.email}`).toContain(byId.get(id)?.permission_level);
    // The next round starts from what the database holds.
    state.acknowledged = byId.get(id)!.permission_level;
    state.inFlight = undefined;
  }

  const pending = await listAll<{ id: string; email: string }>(client, '/organization_invitations');
  const pendingIds = new Set(pending.map((invitation) => invitation.id));
  const lostInvites = [...ledger.invitesAcknowledged]
    .filter(([email, { id }]) => !pendingIds.has(id) && !memberEmails.has(email))
    .map(([email]) => email);
  expect(lostInvites, 'acknowledged invitations lost').toEqual([]);
  const invited = new Set([...pending.map((invitation) => invitation.email), ...memberEmails]);
  const torn = ledger.invitePairs.filter(([a, b]) => invited.has(a) !== invited.has(b));
  expect(torn, 'invite requests half applied').toEqual([]);
  const strangers = [...invited].filter(
    (email) => email !== 'olive@crash.test' && !ledger.invitesAttempted.has(email),
  );
  expect(strangers, 'people nobody invited').toEqual([]);
}

describe('kill -9 during a stream of writes', () => {
  it('loses no acknowledged write and leaves the database consistent', async () => {
    const { config: database, drop } = await createTestDatabase();
    dropDatabase = drop;
    const env = {
      ...databaseEnv(database),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SCRYPT_LOG_N: '10',
      STATIC_DIR: '/nonexistent',
      INVITE_REQUESTS_PER_OWNER_PER_DAY: '100000',
      INVITE_REQUESTS_PER_ORG_PER_DAY: '100000',
      INVITE_ACCEPT_ATTEMPTS_PER_IP: '100000',
    };

    let server = await startServer(env);
    let client = await setUp(server);
    const ledger: Ledger = {
      keysAttempted: new Set(),
      keysAcknowledged: new Map(),
      revocationsAttempted: new Set(),
      revocationsAcknowledged: new Set(),
      invitesAttempted: new Set(),
      invitePairs: [],
      invitesAcknowledged: new Map(),
      acceptancesAttempted: new Set(),
      acceptancesAcknowledged: new Set(),
      roles: new Map(),
      roleChangesAcknowledged: 0,
      unexpected: [],
    };
    // Two collaborators whose role the stream keeps flipping.
    const flippers = ['flip-1@crash.test', 'flip-2@crash.test'];
    flippers.forEach((email) => ledger.invitesAttempted.add(email));
    const { results } = await invite(client, flippers);
    for (const result of results) {
      ledger.invitesAcknowledged.set(result.email, {
        id: result.invitation_id,
        token: tokenOf(result.invite_link),
      });
      const accepted = await call(client, 'POST', '/invitation_acceptances', {
        token: tokenOf(result.invite_link),
        name: result.email,
        password,
      });
      expect(accepted.status).toBe(201);
      ledger.acceptancesAcknowledged.add(result.email);
      ledger.roles.set((await accepted.json()).result.id, {
        email: result.email,
        acknowledged: 'collaborator',
      });
    }

    for (let round = 1; round <= rounds; round++) {
      const stream = startWriteStream(client, ledger, round);
      const deadline = Date.now() + streamTimeoutMs;
      while (
        stream.acknowledged() < acknowledgedBeforeKill &&
        ledger.unexpected.length === 0 &&
        Date.now() < deadline
      ) {
        await sleep(5);
      }
      expect(ledger.unexpected, 'answers before the kill').toEqual([]);
      expect(stream.acknowledged(), `writes acknowledged in round ${round}`).toBeGreaterThanOrEqual(
        acknowledgedBeforeKill,
      );
      await sleep(Math.random() * 100);
      const inFlightAtKill = stream.inFlight();
      await server.kill9();
      stream.stop();
      await stream.done;
      expect(ledger.unexpected, server.output()).toEqual([]);
      expect(inFlightAtKill, 'writes in flight when the server was killed').toBeGreaterThan(0);

      server = await startServer(env);
      client = { ...client, url: server.url };
      await verifyAcknowledgedWrites(client, ledger);
      // Read from outside the server too: this is also what proves the
      // server wrote into this test's database (and PostgreSQL schema).
      const stored = await inspectDatabase(database);
      expect(stored.problems, 'database consistency').toEqual([]);
      const notStored = [...ledger.keysAcknowledged.values()].filter(
        (id) => !ledger.revocationsAttempted.has(id) && !stored.activeApiKeyIds.has(id),
      );
      expect(notStored, 'acknowledged API keys not in the database').toEqual([]);
      expect(stored.activeApiKeyIds.size).toBeGreaterThan(0);
      const info = await call(client, 'GET', '/userinfo');
      expect(info.status).toBe(200);
      expect((await info.json()).result.permission_level).toBe('owner');
    }
    expect(ledger.keysAcknowledged.size).toBeGreaterThan(rounds * 10);
    expect(ledger.revocationsAcknowledged.size).toBeGreaterThan(0);
    expect(ledger.acceptancesAcknowledged.size).toBeGreaterThan(2);
    expect(ledger.roleChangesAcknowledged).toBeGreaterThan(0);
    console.info(
      `crash safety (${testDialect}): ${rounds} kills; acknowledged ${ledger.keysAcknowledged.size} keys, ` +
        `${ledger.revocationsAcknowledged.size} revocations, ${ledger.invitesAcknowledged.size} invitations, ` +
        `${ledger.acceptancesAcknowledged.size} acceptances, ${ledger.roleChangesAcknowledged} role changes`,
    );
  }, 60_000);
});
