/**
 * A second Roster instance on its own thread, for tests that force two requests
 * to interleave. With SQLite, a connection waiting for the write lock blocks its
 * thread (better-sqlite3 is synchronous), so the waiting instance cannot share
 * the test's thread; here it waits on its own, as another process would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InjectOptions } from 'fastify';
import { loadConfig, type Config } from '../../config.ts';
import { createDatabase } from '../../db/database.ts';
import { buildTestInstance } from '../../test/test-app.ts';

export type WorkerInput = { database: Config['database']; now: string };
export type WorkerRequest = { type: 'inject'; id: number; options: InjectOptions } | { type: 'close' };
export type WorkerEvent =
  | { type: 'ready' }
  | { type: 'lock-wanted'; orgId: string }
  | { type: 'lock-taken'; orgId: string }
  | { type: 'response'; id: number; statusCode: number; body: string }
  | { type: 'closed' };

const input = workerData as WorkerInput;
const port = parentPort!;
const post = (event: WorkerEvent) => port.postMessage(event);

const config: Config = {
  ...loadConfig({ NODE_ENV: 'test', SCRYPT_LOG_N: '10' }),
  database: input.database,
  now: () => new Date(input.now),
};
const database = createDatabase(config.database);
const app = await buildTestInstance(
  { config, database },
  {
    beforeOrganizationLock: async (orgId) => post({ type: 'lock-wanted', orgId }),
    afterOrganizationLock: async (orgId) => post({ type: 'lock-taken', orgId }),
  },
);

port.on('message', async (message: WorkerRequest) => {
  if (message.type === 'inject') {
    const response = await app.inject(message.options);
    post({ type: 'response', id: message.id, statusCode: response.statusCode, body: response.body });
  } else {
    await app.close();
    await database.destroy();
    post({ type: 'closed' });
  }
});
post({ type: 'ready' });
