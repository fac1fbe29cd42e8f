import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The end-to-end test starts a real Roster server; the CLI itself only speaks HTTP.
// eslint-disable-next-line import-x/no-restricted-paths
import { createTestApp, type TestContext } from '../server/test/test-app.ts';
// eslint-disable-next-line import-x/no-restricted-paths
import { createMember, memberActor, setupOrganization, type Actor } from '../server/test/actors.ts';
import { runCli, type CliIo } from './commands.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/roster.js');

type Run = { code: number; stdout: string; stderr: string };

/** Runs `bin/roster.js` as a child process, as `npx roster …` would, with no terminal attached. */
function roster(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the CLI in this process with a scripted terminal. */
async function rosterInProcess(args: string[], env: Record<string, string>, answers: boolean[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env,
    confirm: async (question) => {
      questions.push(question);
      return answers.shift() ?? false;
    },
  };
  const code = await runCli(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), questions };
}

describe('roster CLI against a running server', () => {
  let t: TestContext;
  let owner: Actor;
  let url: string;
  let ownerEnv: Record<string, string>;
  let collaboratorEnv: Record<string, string>;

  async function apiKey(actor: Actor): Promise<string> {
    const response = await actor.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      payload: { name: 'cli' },
    });
    return response.json().result.token;
  }

  async function roleOf(email: string): Promise<string | undefined> {
    const response = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators?email=${encodeURIComponent(email)}`,
    });
    return response.json().results[0]?.permission_level;
  }

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });
    await createMember(t.deps, owner.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
    await createMember(t.deps, owner.orgId, { name: 'Bob Builder', email: 'bob@acme.test' });
    await createMember(t.deps, owner.orgId, { name: 'Otto Owner', email: 'otto@acme.test', role: 'owner' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    ownerEnv = { ROSTER_URL: url, ROSTER_API_KEY: await apiKey(owner) };
    collaboratorEnv = { ROSTER_URL: url, ROSTER_API_KEY: await apiKey(cleo) };
  });
  afterAll(async () => {
    await t.close();
  });

  it('prints help, and explains missing configuration', async () => {
    const help = await roster(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('roster collaborators remove --email <address> [--yes]');
    expect(help.stdout).toContain('ROSTER_API_KEY');

    const noKey = await roster(['collaborators', 'list'], { ROSTER_URL: url });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/Set ROSTER_API_KEY/);

    const typo = await roster(['collaborators', 'lsit'], ownerEnv);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Unknown command: collaborators lsit/);
  });

  it('lists members as a table and as JSON, filtered by exact email', async () => {
    const table = await roster(['collaborators', 'list'], ownerEnv);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+EMAIL\s+ROLE\s+JOINED\s+ID$/);
    expect(lines).toHaveLength(6);
    expect(table.stdout).toMatch(/Otto Owner\s+otto@acme\.test\s+owner/);

    const json = await roster(['collaborators', 'list', '--email', 'ADA@acme.test', '--json'], ownerEnv);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        email: 'ada@acme.test',
        name: 'Ada Lovelace',
        permission_level: 'collaborator',
      }),
    ]);

    const none = await roster(['collaborators', 'list', '--email', 'nobody@acme.test'], ownerEnv);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No member of this organization has the address nobody@acme\.test/);
  });

  it('remove shows the match and will not act without confirmation; --yes removes', async () => {
    const unconfirmed = await roster(['collaborators', 'remove', '--email', 'ada@acme.test'], ownerEnv);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toMatch(/Found: Ada Lovelace <ada@acme\.test> \(collaborator\)/);
    expect(unconfirmed.stderr).toMatch(/Re-run with --yes/);
    expect(await roleOf('ada@acme.test')).toBe('collaborator');

    const removed = await roster(['collaborators', 'remove', '--email', 'ada@acme.test', '--yes'], ownerEnv);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Removed Ada Lovelace <ada@acme\.test> from Acme\./);
    expect(await roleOf('ada@acme.test')).toBeUndefined();

    const again = await roster(['collaborators', 'remove', '--email', 'ada@acme.test', '--yes'], ownerEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No member of this organization has the address ada@acme\.test/);
  });

  it('asks y/N on a terminal: "no" keeps the member, "yes" removes them', async () => {
    const declined = await rosterInProcess(
      ['collaborators', 'remove', '--email', 'bob@acme.test'],
      ownerEnv,
      [false],
    );
    expect(declined.code).toBe(1);
    expect(declined.questions[0]).toMatch(/^Remove Bob Builder from Acme\?/);
    expect(declined.stderr).toMatch(/Nothing was removed/);
    expect(await roleOf('bob@acme.test')).toBe('collaborator');

    const accepted = await rosterInProcess(
      ['collaborators', 'remove', '--email', 'bob@acme.test'],
      ownerEnv,
      [true],
    );
    expect(accepted.code).toBe(0);
    expect(await roleOf('bob@acme.test')).toBeUndefined();
  });

  it('refuses to remove an owner and says how to downgrade them', async () => {
    const result = await roster(['collaborators', 'remove', '--email', 'otto@acme.test', '--yes'], ownerEnv);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Otto Owner is an owner/);
    expect(result.stderr).toContain('roster collaborators set-role --email otto@acme.test collaborator');
    expect(await roleOf('otto@acme.test')).toBe('owner');
  });

  it('sets roles, and reports the server’s refusal for the last owner', async () => {
    const promote = await roster(
      ['collaborators', 'set-role', '--email', 'cleo@acme.test', 'owner'],
      ownerEnv,
    );
    expect(promote.code).toBe(0);
    expect(promote.stdout).toMatch(/Cleo Collab <cleo@acme\.test> is now an owner\./);
    expect(await roleOf('cleo@acme.test')).toBe('owner');

    for (const email of ['cleo@acme.test', 'otto@acme.test']) {
      const demote = await roster(['collaborators', 'set-role', '--email', email, 'collaborator'], ownerEnv);
      expect(demote.code).toBe(0);
    }
    const last = await roster(
      ['collaborators', 'set-role', '--email', 'olive@acme.test', 'collaborator'],
      ownerEnv,
    );
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/last owner.*\(409 last_owner\)/);

    const badRole = await roster(
      ['collaborators', 'set-role', '--email', 'cleo@acme.test', 'admin'],
      ownerEnv,
    );
    expect(badRole.code).toBe(2);
  });

  it('invites and prints one outcome per address', async () => {
    const result = await roster(['invite', 'new@acme.test,cleo@acme.test,not-an-address'], ownerEnv);
    expect(result.stdout).toMatch(/new@acme\.test\s+invited/);
    expect(result.stdout).toMatch(/cleo@acme\.test\s+already a member/);
    expect(result.stdout).toMatch(/not-an-address\s+invalid/);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/1 address was not invited/);
  });

  it('explains what a collaborator key or a dead key cannot do', async () => {
    const forbidden = await roster(
      ['collaborators', 'remove', '--email', 'otto@acme.test', '--yes'],
      collaboratorEnv,
    );
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/organization owner/);

    const dead = await roster(['collaborators', 'list'], { ROSTER_URL: url, ROSTER_API_KEY: 'rst_nope' });
    expect(dead.code).toBe(1);
    expect(dead.stderr).toMatch(/401 unauthenticated/);
    expect(dead.stderr).toMatch(/Check ROSTER_API_KEY/);

    const unreachable = await roster(['collaborators', 'list'], {
      ROSTER_URL: 'http://127.0.0.1:9',
      ROSTER_API_KEY: 'rst_x',
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/Could not reach Roster at http:\/\/127\.0\.0\.1:9/);
  });
});

describe('roster CLI against servers that answer unusually', () => {
  /** A stand-in server with canned answers, for cases a real Roster cannot produce. */
  async function cannedServer(answer: (url: string) => { status: number; body: unknown }) {
    const server = http.createServer((request, response) => {
      const { status, body } = answer(request.url ?? '');
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = {
      ROSTER_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      ROSTER_API_KEY: 'rst_test',
    };
    return { env, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  const person = (id: string) => ({
    id,
    user_id: `u-${id}`,
    email: 'twin@acme.test',
    name: `Twin ${id}`,
    permission_level: 'collaborator',
    created_at: '2026-01-01T00:00:00.000Z',
  });

  it('refuses to guess when several members match', async () => {
    const server = await cannedServer((url) =>
      url.startsWith('/api/v2/userinfo')
        ? { status: 200, body: { organization: { name: 'Acme' } } }
        : {
            status: 200,
            body: {
              results: [person('1'), person('2')],
              metadata: { total: 2, next_paging_token: null, previous_paging_token: null },
            },
          },
    );
    try {
      const result = await rosterInProcess(
        ['collaborators', 'remove', '--email', 'twin@acme.test', '--yes'],
        server.env,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/2 members match twin@acme\.test; refusing to guess/);
    } finally {
      await server.close();
    }
  });

  it('says so when the server has no invitations API', async () => {
    const server = await cannedServer(() => ({
      status: 404,
      body: {
        error: { code: 'not_found', message: 'Route POST:/api/v2/organization_invitations not found' },
      },
    }));
    try {
      const result = await rosterInProcess(['invite', 'a@acme.test'], server.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/does not accept invitations through its API yet/);
    } finally {
      await server.close();
    }
  });
});
