import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { readOrCreateSecretFile, secretFromText } from './lib/server-secret.ts';

const envSchema = z.object({
  /** Production unless told otherwise: development features need NODE_ENV=development and a loopback HOST. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** The console's own origin, used for links in mail and the CSRF Origin check. */
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  SQLITE_PATH: z.string().default('./data/roster.db'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Roster <roster@localhost>'),
  /**
   * First retry delays of the mail worker, in seconds, comma separated; after the
   * list, each delay doubles (capped by MAIL_RETRY_MAX_DELAY_SECONDS).
   */
  MAIL_RETRY_SECONDS: z.string().default('5'),
  /** Longest wait between two attempts at one mail. */
  MAIL_RETRY_MAX_DELAY_SECONDS: z.coerce.number().positive().default(3600),
  /** How long the worker keeps trying one mail before marking it failed. */
  MAIL_RETRY_WINDOW_HOURS: z.coerce.number().positive().default(72),
  /** Lease on a mail being sent, renewed while the send is in flight; a crashed worker's mail is retried after it. */
  MAIL_LEASE_SECONDS: z.coerce.number().min(1).default(30),
  /** How often the mail worker looks for due mail, in milliseconds. */
  MAIL_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** Invite and resend requests allowed per owner and per organization per day. */
  INVITE_REQUESTS_PER_OWNER_PER_DAY: z.coerce.number().int().positive().default(300),
  INVITE_REQUESTS_PER_ORG_PER_DAY: z.coerce.number().int().positive().default(1000),
  /** Invitation previews and acceptances allowed per IP address per 15 minutes. */
  INVITE_ACCEPT_ATTEMPTS_PER_IP: z.coerce.number().int().positive().default(30),
  /** Password reset requests allowed per IP address per 15 minutes, and per email address per hour. */
  PASSWORD_RESET_REQUESTS_PER_IP: z.coerce.number().int().positive().default(10),
  PASSWORD_RESET_REQUESTS_PER_EMAIL: z.coerce.number().int().positive().default(3),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(24),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  /** log2 of the scrypt cost N. 17 in production; tests may lower it for speed. */
  SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  /** Which peers may set X-Forwarded-For: false, true (any), a hop count, or IPs/CIDRs separated by commas. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected false, true, a hop count, or IP addresses/CIDRs separated by commas',
        });
        return z.NEVER;
      }
      return parsed;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built console; by default the project's own dist/, wherever Roster is started from. */
  STATIC_DIR: z.string().default(path.resolve(import.meta.dirname, '../../dist')),
  /** Server secret as text (≥ 32 characters); else a key file generated at first run. */
  ROSTER_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where the generated server secret lives; default: beside the SQLite file (./data/secret.key). */
  SECRET_FILE: z.string().optional(),
  /** PostgreSQL: deadline to open a connection (or wait for a free one), in milliseconds. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** PostgreSQL: deadline of one statement, in milliseconds. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** SQLite: how long a write waits for another writer's lock, in milliseconds. */
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Prometheus metrics at /metrics: off unless `true`. */
  METRICS: z.enum(['true', 'false', '1', '0', '']).default('false'),
  /** Serve /metrics on this port (same HOST) instead of the console's; unset: the console's port. */
  METRICS_PORT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(1).max(65535).optional(),
  ),
  /** GET /readyz: deadline of the database round trip, in milliseconds. */
  READY_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };
  smtpUrl: string | undefined;
  mailFrom: string;
  mailRetrySeconds: number[];
  mailRetryMaxDelayMs: number;
  mailRetryWindowMs: number;
  mailLeaseMs: number;
  mailPollMs: number;
  inviteRequestsPerOwnerPerDay: number;
  inviteRequestsPerOrgPerDay: number;
  inviteAcceptAttemptsPerIp: number;
  passwordResetRequestsPerIp: number;
  passwordResetRequestsPerEmail: number;
  invitationTtlMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  scryptLogN: number;
  loginMaxAttempts: number;
  /** Fastify's trustProxy: false, true, a hop count, or a list of IPs/CIDRs. */
  trustProxy: TrustProxy;
  logLevel: string;
  staticDir: string;
  /** 32 bytes keying encrypted outbox links and paging tokens (see lib/server-secret.ts). */
  secret: Buffer;
  databaseTimeouts: { connectMs: number; statementMs: number; sqliteBusyMs: number; readyMs: number };
  /** Prometheus metrics: collected when enabled; served on `port` when set, else at the console's /metrics. */
  metrics: { enabled: boolean; port: number | null };
  /** Clock used by every rule that depends on time; tests replace it. */
  now: () => Date;
};

const hour = 60 * 60 * 1000;

export type TrustProxy = boolean | number | string[];

/** TRUST_PROXY: 'false' | 'true' | '2' (hops) | '10.0.0.0/8,192.168.1.7' (addresses or CIDRs); null when invalid. */
export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim();
  if (text === 'false' || text === '0' || text === '') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    const [address, bits, ...rest] = entry.split('/');
    if (rest.length > 0 || !address) return false;
    const family = net.isIP(address);
    if (family === 0) return false;
    if (bits === undefined) return true;
    if (!/^\d+$/.test(bits)) return false;
    return Number(bits) <= (family === 4 ? 32 : 128);
  });
  return valid ? entries : null;
}

/**
 * Fastify's form of TRUST_PROXY. This Fastify refuses a bare hop count (it trusts nothing then), so a
 * count becomes a function trusting that many hops from the socket: right only when Roster cannot be
 * reached except through those proxies (docs/decisions/006). Addresses/CIDRs check the peer itself.
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  const hops = trust;
  return (_address, hop) => hop < hops;
}

const loopbackHosts = new Set(['localhost', '::1', '[::1]']);

/** True for an address only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Development features (sign in as anyone, the development mailbox) exist only with an explicit
 * NODE_ENV=development AND a server listening on loopback, never by accident on a reachable host.
 */
export function developmentFeatures(config: Pick<Config, 'env' | 'host'>): boolean {
  return config.env === 'development' && isLoopbackHost(config.host);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const retry = e.MAIL_RETRY_SECONDS.split(',').map((part) => Number(part.trim()));
  if (retry.some((seconds) => !Number.isFinite(seconds) || seconds < 0)) {
    throw new Error('Invalid configuration:\n  MAIL_RETRY_SECONDS: expected numbers separated by commas');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', path: e.SQLITE_PATH },
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    mailRetrySeconds: retry,
    mailRetryMaxDelayMs: e.MAIL_RETRY_MAX_DELAY_SECONDS * 1000,
    mailRetryWindowMs: e.MAIL_RETRY_WINDOW_HOURS * hour,
    mailLeaseMs: e.MAIL_LEASE_SECONDS * 1000,
    mailPollMs: e.MAIL_POLL_MS,
    inviteRequestsPerOwnerPerDay: e.INVITE_REQUESTS_PER_OWNER_PER_DAY,
    inviteRequestsPerOrgPerDay: e.INVITE_REQUESTS_PER_ORG_PER_DAY,
    inviteAcceptAttemptsPerIp: e.INVITE_ACCEPT_ATTEMPTS_PER_IP,
    passwordResetRequestsPerIp: e.PASSWORD_RESET_REQUESTS_PER_IP,
    passwordResetRequestsPerEmail: e.PASSWORD_RESET_REQUESTS_PER_EMAIL,
    invitationTtlMs: e.INVITATION_TTL_HOURS * hour,
    sessionIdleMs: e.SESSION_IDLE_HOURS * hour,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * hour,
    scryptLogN: e.SCRYPT_LOG_N,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR,
    secret: e.ROSTER_SECRET
      ? secretFromText(e.ROSTER_SECRET)
      : e.NODE_ENV === 'test'
        ? crypto.randomBytes(32)
        : readOrCreateSecretFile(e.SECRET_FILE ?? path.join(path.dirname(e.SQLITE_PATH), 'secret.key')),
    databaseTimeouts: {
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      sqliteBusyMs: e.SQLITE_BUSY_TIMEOUT_MS,
      readyMs: e.READY_TIMEOUT_MS,
    },
    metrics: {
      enabled: e.METRICS === 'true' || e.METRICS === '1',
      port: e.METRICS_PORT ?? null,
    },
    now: () => new Date(),
  };
}
