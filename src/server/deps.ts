import type { Config } from './config.ts';
import type { AppDatabase } from './db/database.ts';

/**
 * Points where a test may step into a request to force an interleaving (two
 * requests racing for the organization's write lock). Only the test app
 * (test/test-app.ts) supplies them; production code never builds one.
 */
export type TestSeams = {
  /** Called when a request, already authenticated, is about to ask for the organization's write lock. */
  beforeOrganizationLock?: (orgId: string) => Promise<void>;
  /** Called right after a request takes the organization's write lock. */
  afterOrganizationLock?: (orgId: string) => Promise<void>;
};

/**
 * What every service receives. This module imports no route module, so a
 * service that needs the deps does not pull the whole app into its imports.
 */
export type AppDeps = {
  config: Config;
  database: AppDatabase;
  /** Absent in production: set only by test/test-app.ts. */
  testSeams?: TestSeams;
};

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
