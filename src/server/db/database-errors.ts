import { errorCodes } from '#contract/errors.ts';

/**
 * What a database failure means for the person who sent the request. The
 * drivers throw errors of their own shapes (pg: SQLSTATE `code`; Node: socket
 * `code`; better-sqlite3: `SQLITE_*` `code`); this turns them into an answer.
 */
export type DatabaseFailure = { status: number; code: string; message: string };

const unavailableMessage =
  'The database is not answering right now. Nothing was changed; try again in a few seconds.';

/** Node socket errors and pg client messages that mean the connection is gone or silent. */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);
const connectionMessages =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|is not queryable|Connection ended|connect ECONNREFUSED|Client has already been connected/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The connection itself failed (not the statement): the client must not be reused. */
export function isConnectionFailure(error: unknown): boolean {
  const code = codeOf(error);
  if (code && socketCodes.has(code)) return true;
  // SQLSTATE class 08: connection exception; 57P01-03: shutdown, crash, not accepting connections.
  if (code && (/^08/.test(code) || /^57P0[1-3]$/.test(code))) return true;
  return error instanceof Error && connectionMessages.test(error.message);
}

export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  const code = codeOf(error);
  // PostgreSQL refuses text it cannot store (NUL, an invalid byte sequence): the input is at fault.
  if (code === '22021' || code === '22P05') {
    return {
      status: 400,
      code: errorCodes.validation,
      message:
        'The request contains characters that cannot be stored (such as NUL). Remove them and try again.',
    };
  }
  if (code === 'SQLITE_FULL' || code === '53100') {
    return {
      status: 507,
      code: errorCodes.storageFull,
      message: 'The database has no room left (the disk is full). Nothing was changed; tell your operator.',
    };
  }
  if (code === 'SQLITE_READONLY' || code?.startsWith('SQLITE_READONLY_') || code === '25006') {
    return {
      status: 503,
      code: errorCodes.databaseReadOnly,
      message: 'The database is read-only right now, so nothing can be changed. Tell your operator.',
    };
  }
  if (
    isConnectionFailure(error) ||
    // 57014: statement timeout; 55P03: lock timeout; 53300: too many connections; 40001/40P01 are retried by callers.
    code === '57014' ||
    code === '55P03' ||
    code === '53300' ||
    code === 'SQLITE_BUSY' ||
    code?.startsWith('SQLITE_BUSY_') ||
    code?.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_PROTOCOL' ||
    (error instanceof Error && /driver has already been destroyed/.test(error.message))
  ) {
    return { status: 503, code: errorCodes.databaseUnavailable, message: unavailableMessage };
  }
  return undefined;
}
