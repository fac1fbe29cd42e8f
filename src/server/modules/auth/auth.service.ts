import type { UserInfo } from '#contract/auth.ts';
import { errorCodes } from '#contract/errors.ts';
import type { Config } from '../../config.ts';
import type { AppDatabase } from '../../db/database.ts';
import { withTransaction, type Trx } from '../../db/transaction.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../lib/crypto.ts';
import { AppError } from '../../lib/errors.ts';
import * as rateLimits from '../rate-limits/rate-limits.service.ts';
import { apiKeyExpired, apiKeyExpiredError } from '../api-keys/api-key-expiry.ts';
import { passwordRefusedBySso, ssoRequiredError } from '../sso/sso-policy.ts';
import * as repo from './auth.repository.ts';

export type Principal = {
  memberId: string;
  userId: string;
  orgId: string;
  email: string;
  name: string;
  role: 'owner' | 'collaborator';
  orgName: string;
  ssoEnabled: boolean;
  method: 'session' | 'api_key';
  sessionIdHash: string | null;
  apiKeyId: string | null;
};

type Deps = { database: AppDatabase; config: Config };

// Writes of "last seen" are throttled: one per minute per session or key is plenty.
const touchEveryMs = 60_000;

export async function resolveSession(deps: Deps, sessionId: string): Promise<Principal | null> {
  const idHash = sha256(sessionId);
  const row = await repo.findSessionPrincipal(deps.database.db, idHash);
  if (!row) return null;
  const now = deps.config.now();
  const idleDeadline = new Date(row.last_seen_at).getTime() + deps.config.sessionIdleMs;
  if (now.toISOString() >= row.expires_at || now.getTime() >= idleDeadline) {
    await repo.deleteSession(deps.database.db, idHash);
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > touchEveryMs) {
    // One commit for both (on SQLite a commit is a disk sync on the request loop).
    await withTransaction(deps.database, async (trx) => {
      await repo.touchSession(trx, idHash, now.toISOString());
      await repo.touchMemberActivity(trx, row.member_id, now.toISOString());
    });
  }
  return {
    memberId: row.member_id,
    userId: row.user_id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role,
    orgName: row.org_name,
    ssoEnabled: row.sso_enabled === 1,
    method: 'session',
    sessionIdHash: idHash,
    apiKeyId: null,
  };
}

/** Null for an unknown or revoked key; an expired key throws 401 `api_key_expired`. */
export async function resolveApiKey(
  deps: Deps,
  token: string,
  ip: string | null = null,
): Promise<Principal | null> {
  const row = await repo.findApiKeyPrincipal(deps.database.db, sha256(token));
  if (!row) return null;
  const now = deps.config.now();
  if (apiKeyExpired(row.expires_at, now)) throw apiKeyExpiredError(row.expires_at!);
  const stale = !row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > touchEveryMs;
  if (stale || row.last_used_ip !== ip) {
    await withTransaction(deps.database, async (trx) => {
      await repo.touchApiKey(trx, row.api_key_id, now.toISOString(), ip);
      if (stale) await repo.touchMemberActivity(trx, row.member_id, now.toISOString());
    });
  }
  return {
    memberId: row.member_id,
    userId: row.user_id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role,
    orgName: row.org_name,
    ssoEnabled: row.sso_enabled === 1,
    method: 'api_key',
    sessionIdHash: null,
    apiKeyId: row.api_key_id,
  };
}

/** Where a session starts from, shown on the person's sessions page. */
export type SessionClient = {
  userAgent?: string | undefined;
  ip?: string | undefined;
  /** The session comes from an SSO login (marked on the session). */
  sso?: boolean;
};
const maxUserAgentLength = 512;

/** Creates a session and returns the secret id for the cookie; only its hash is stored. */
export async function startSession(
  deps: Deps,
  memberId: string,
  client: SessionClient = {},
): Promise<{ sessionId: string; expiresAt: Date }> {
  return withTransaction(deps.database, (trx) => writeSession(trx, memberId, client, deps.config));
}

/**
 * The session's row and the member's activity, written in the caller's
 * transaction: one commit for a sign-in's writes (on SQLite each commit is a
 * disk sync on the request loop, and a sign-in made six).
 */
async function writeSession(
  trx: Trx,
  memberId: string,
  client: SessionClient,
  config: Config,
): Promise<{ sessionId: string; expiresAt: Date }> {
  const sessionId = randomToken();
  const now = config.now();
  const expiresAt = new Date(now.getTime() + config.sessionAbsoluteMs);
  await repo.insertSession(trx, {
    id_hash: sha256(sessionId),
    member_id: memberId,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    user_agent: client.userAgent?.slice(0, maxUserAgentLength) || null,
    ip: client.ip ?? null,
    sso: client.sso ? 1 : 0,
  });
  await repo.touchMemberActivity(trx, memberId, now.toISOString());
  return { sessionId, expiresAt };
}

let dummyHash: Promise<string> | undefined;

export async function login(
  deps: Deps,
  input: { email: string; password: string; organization_id?: string; ip: string; userAgent?: string },
): Promise<{ sessionId: string; expiresAt: Date }> {
  // Failures count per source address and per (email, source address): a stranger guessing
  // elsewhere never locks the person out of their own address.
  const addressKey = `login:ip:${input.ip}`;
  const emailKey = `login:email-ip:${input.ip}:${input.email}`;
  const rule = {
    max: deps.config.loginMaxAttempts,
    windowMs: 15 * 60_000,
    message: 'Too many sign-in attempts. Wait 15 minutes and try again.',
  };
  const attemptedAt = deps.config.now();
  // The address limit first: a request it refuses never touches the email's counter, and
  // one refused for this email is not an attempt against the address either.
  await rateLimits.consumeEach(deps.database, [addressKey, emailKey], rule, attemptedAt);

  // Exactly one scrypt verification per attempt, whatever the email matches
  // (no membership, one, or several in different organizations, each with its
  // own password). Trying each candidate in turn would make an email in two
  // organizations take twice as long to refuse, telling an observer how many
  // organizations it belongs to. So the membership is chosen before any hash
  // is checked: the organization the request names (`organization_id`),
  // otherwise the one joined first; a person with accounts in two
  // organizations reaches the other one by naming it. No candidate: a dummy
  // hash of the same cost is verified instead.
  const candidates = await repo.findLoginCandidates(deps.database.db, input.email);
  const candidate = input.organization_id
    ? candidates.find((row) => row.org_id === input.organization_id)
    : candidates[0];
  const stored =
    candidate?.password_hash ??
    (await (dummyHash ??= hashPassword('not-a-password', deps.config.scryptLogN)));
  const matches = await verifyPassword(input.password, stored);
  // Where SSO is required, collaborators sign in only through the IdP (owners keep the password: break-glass).
  if (candidate && (await passwordRefusedBySso(deps.database.db, candidate.org_id, candidate.role))) {
    if (matches) {
      await withTransaction(deps.database, async (trx) => {
        await rateLimits.reset(trx, emailKey);
        await rateLimits.refund(trx, addressKey, rule, attemptedAt);
      });
    }
    throw ssoRequiredError();
  }
  const memberId = candidate && matches ? candidate.id : null;
  if (!memberId) {
    throw new AppError(401, errorCodes.invalidCredentials, 'That email and password do not match.');
  }
  // Only failures count: colleagues behind one office NAT all sign in in the morning.
  return withTransaction(deps.database, async (trx) => {
    await rateLimits.reset(trx, emailKey);
    await rateLimits.refund(trx, addressKey, rule, attemptedAt);
    return writeSession(trx, memberId, { ip: input.ip, userAgent: input.userAgent }, deps.config);
  });
}

export async function logout(deps: Deps, sessionIdHash: string): Promise<void> {
  await repo.deleteSession(deps.database.db, sessionIdHash);
}

export function toUserInfo(principal: Principal): UserInfo {
  return {
    id: principal.memberId,
    user_id: principal.userId,
    email: principal.email,
    name: principal.name,
    username: principal.email,
    // Roster only admits an address through an emailed link or an owner: it is verified.
    verified: true,
    organization_permission_level: principal.role,
    organization_ids: [principal.orgId],
    organizations: [
      {
        id: principal.orgId,
        name: principal.orgName,
        public_identifier: principal.orgId,
        sso_required: principal.ssoEnabled,
        is_general_platform_enabled: true,
        is_private_endpoints_enabled: false,
        is_usage_blocked: false,
      },
    ],
    // The platform's feature-flag hash: stable per person, reveals nothing.
    ld_hash: sha256(`${principal.userId}\n${principal.email}`),
    ld_hash_fields: ['email'],
    permission_level: principal.role,
    organization: { id: principal.orgId, name: principal.orgName, sso_enabled: principal.ssoEnabled },
    auth_method: principal.method,
  };
}
