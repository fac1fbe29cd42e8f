import type { AppDeps } from '../../deps.ts';
import { classifyDatabaseError } from '../../db/database-errors.ts';
import { pendingMigrations, pingDatabase } from '../../db/database.ts';

export type Readiness =
  | { ready: true; database: 'ok'; elapsed_ms: number }
  | { ready: false; database: string; message: string; elapsed_ms: number };

function deadline(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms,
    );
    timer.unref();
  });
}

/** Ready: one database round trip within the deadline, and every migration of this build applied. */
export async function readiness(deps: AppDeps): Promise<Readiness> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  try {
    const pending = await Promise.race([
      pingDatabase(deps.database).then(() => pendingMigrations(deps.database)),
      deadline(deps.config.databaseTimeouts.readyMs),
    ]);
    if (pending.length > 0) {
      return {
        ready: false,
        database: 'migrations_pending',
        message: `Migrations not applied yet: ${pending.join(', ')}.`,
        elapsed_ms: elapsed(),
      };
    }
    return { ready: true, database: 'ok', elapsed_ms: elapsed() };
  } catch (error) {
    const failure = classifyDatabaseError(error);
    return {
      ready: false,
      database: failure?.code ?? 'database_unavailable',
      message: failure?.message ?? 'The database did not answer as expected.',
      elapsed_ms: elapsed(),
    };
  }
}
