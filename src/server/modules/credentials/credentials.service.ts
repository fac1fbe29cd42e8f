import { UAParser } from 'ua-parser-js';
import {
  invalidResetTokenMessage,
  type ChangePasswordBody,
  type CompletePasswordResetBody,
  type PasswordResetPreview,
  type Session,
} from '#contract/credentials.ts';
import { errorCodes } from '#contract/errors.ts';
import type { AppDeps } from '../../deps.ts';
import { withTransaction } from '../../db/transaction.ts';
import { hashPassword, newId, randomToken, sha256, verifyPassword } from '../../lib/crypto.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { assertAcceptablePassword } from '../../lib/password-policy.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { passwordResetMail } from '../../mail/password-reset-template.ts';
import { mailDeliveryMode } from '../../mail/transports.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import * as authRepo from '../auth/auth.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as members from '../members/members.repository.ts';
import { passwordRefusedBySso, ssoRequiredError } from '../sso/sso-policy.ts';
import * as rateLimits from '../rate-limits/rate-limits.service.ts';
import * as repo from './credentials.repository.ts';

const minute = 60_000;
export const passwordResetTtlMinutes = 30;

const sessionRequired = (what: string) =>
  new AppError(403, errorCodes.sessionRequired, `${what} needs a signed-in browser session, not an API key.`);
const invalidResetToken = () => new AppError(400, errorCodes.invalidResetToken, invalidResetTokenMessage);

// ---------------------------------------------------------------------------
// Sessions

/** A stable, public handle for a session: a hash of the stored hash, so no cookie can be derived from it. */
export function sessionHandle(idHash: string): string {
  return sha256(`session:${idHash}`).slice(0, 32);
}

function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const { browser, os, device } = UAParser(userAgent);
  const name = [browser.name, browser.major].filter(Boolean).join(' ');
  const system = [os.name, os.version].filter(Boolean).join(' ');
  const hardware = [device.vendor, device.model].filter(Boolean).join(' ');
  const where = [system, hardware].filter(Boolean).join(', ');
  if (!name && !where) return null;
  return name && where ? `${name} on ${where}` : name || where;
}

export async function listSessions(deps: AppDeps, principal: Principal): Promise<Session[]> {
  const now = deps.config.now().toISOString();
  const rows = await authRepo.listSessionsOfMember(deps.database.db, principal.memberId);
  return rows
    .filter((row) => row.expires_at > now)
    .map((row) => ({
      id: sessionHandle(row.id_hash),
      device: describeDevice(row.user_agent),
      user_agent: row.user_agent,
      ip: row.ip,
      created_at: row.created_at,
      last_seen_at: row.last_seen_at,
      current: row.id_hash === principal.sessionIdHash,
    }));
}

export async function signOutSession(deps: AppDeps, principal: Principal, handle: string): Promise<void> {
  const rows = await authRepo.listSessionsOfMember(deps.database.db, principal.memberId);
  const row = rows.find((candidate) => sessionHandle(candidate.id_hash) === handle);
  if (
    !row ||
    (await authRepo.deleteSessionOfMember(deps.database.db, principal.memberId, row.id_hash)) === 0
  ) {
    throw notFound('This session');
  }
}

export async function signOutOtherSessions(deps: AppDeps, principal: Principal): Promise<number> {
  if (!principal.sessionIdHash) throw sessionRequired('Signing out your other sessions');
  return authRepo.deleteSessionsOfMembersExcept(
    deps.database.db,
    [principal.memberId],
    principal.sessionIdHash,
  );
}

// ---------------------------------------------------------------------------
// Password change

export async function changePassword(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: ChangePasswordBody,
): Promise<number> {
  if (!principal.sessionIdHash) throw sessionRequired('Changing your password');
  const now = deps.config.now();
  // Guessing the current password from a borrowed session is throttled like sign-in.
  await rateLimits.consume(
    deps.database,
    `password-change:member:${principal.memberId}`,
    {
      max: deps.config.loginMaxAttempts,
      windowMs: 15 * minute,
      message: 'Too many attempts to change your password. Wait 15 minutes and try again.',
    },
    now,
  );
  const stored = await members.findPasswordHash(deps.database.db, principal.memberId);
  if (!stored || !(await verifyPassword(body.current_password, stored))) {
    throw badRequest(errorCodes.wrongPassword, 'Your current password is not right.');
  }
  if (body.new_password === body.current_password) {
    throw badRequest(
      errorCodes.validation,
      'Invalid body: new_password: Choose a password you are not using now.',
    );
  }
  assertAcceptablePassword(
    body.new_password,
    [principal.email, principal.name, principal.orgName],
    'new_password',
  );
  const passwordHash = await hashPassword(body.new_password, deps.config.scryptLogN);
  return withTransaction(deps.database, async (trx) => {
    await members.updatePasswordHash(trx, [principal.memberId], passwordHash);
    const ended = await authRepo.deleteSessionsOfMembersExcept(
      trx,
      [principal.memberId],
      principal.sessionIdHash,
    );
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'member.password_changed',
      targetType: 'member',
      targetId: principal.memberId,
      targetLabel: principal.email,
      after: { signed_out_sessions: ended },
      at: now.toISOString(),
    });
    return ended;
  });
}

// ---------------------------------------------------------------------------
// Forgot password

function resetLink(deps: AppDeps, token: string): string {
  return `${deps.config.publicUrl}/reset-password?token=${token}`;
}

/**
 * Mails a reset link when a member who signs in with a password uses this
 * address. Answers the same either way; the address limit drops extra
 * requests silently, so neither the answer nor a 429 tells whether it exists.
 */
export async function requestPasswordReset(deps: AppDeps, email: string, ip: string): Promise<void> {
  const now = deps.config.now();
  await rateLimits.consume(
    deps.database,
    `password-reset:ip:${ip}`,
    {
      max: deps.config.passwordResetRequestsPerIp,
      windowMs: 15 * minute,
      message: 'Too many password reset requests from your network. Wait 15 minutes and try again.',
    },
    now,
  );
  try {
    await rateLimits.consume(
      deps.database,
      `password-reset:email:${email}`,
      { max: deps.config.passwordResetRequestsPerEmail, windowMs: 60 * minute, message: '' },
      now,
    );
  } catch (error) {
    if (error instanceof AppError && error.code === errorCodes.rateLimited) return;
    throw error;
  }
  const candidates = await passwordAccounts(deps, email);
  const first = candidates[0];
  if (!first || mailDeliveryMode(deps.config) === 'manual') return;

  const token = randomToken();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + passwordResetTtlMinutes * minute).toISOString();
  await withTransaction(deps.database, async (trx) => {
    await repo.retirePasswordResets(trx, email, at);
    await repo.insertPasswordReset(trx, {
      id: newId(),
      email,
      token_hash: sha256(token),
      created_at: at,
      expires_at: expiresAt,
    });
    const mail = passwordResetMail({ link: resetLink(deps, token), minutes: passwordResetTtlMinutes });
    await enqueueMail(trx, deps, { ...mail, to: email, orgId: first.org_id, invitationId: null });
  });
}

/**
 * The memberships of an address that sign in with a password: not the
 * collaborators of organizations that require SSO (they reset nothing here).
 */
async function passwordAccounts(deps: AppDeps, email: string, db = deps.database.db) {
  const accounts = await authRepo.findLoginCandidates(db, email);
  const allowed = [];
  for (const account of accounts) {
    if (!(await passwordRefusedBySso(db, account.org_id, account.role))) allowed.push(account);
  }
  return allowed;
}

async function requirePasswordAccounts(deps: AppDeps, email: string): Promise<void> {
  if ((await passwordAccounts(deps, email)).length === 0) throw ssoRequiredError();
}

async function usableReset(deps: AppDeps, tokenHash: string) {
  const row = await repo.findPasswordReset(deps.database.db, tokenHash);
  if (!row || row.used_at || row.expires_at <= deps.config.now().toISOString()) return null;
  return row;
}

async function consumeResetAttempt(deps: AppDeps, ip: string): Promise<void> {
  await rateLimits.consume(
    deps.database,
    `password-reset-use:ip:${ip}`,
    {
      max: deps.config.inviteAcceptAttemptsPerIp,
      windowMs: 15 * minute,
      message: 'Too many attempts to use reset links from your network. Wait 15 minutes and try again.',
    },
    deps.config.now(),
  );
}

export async function previewPasswordReset(
  deps: AppDeps,
  token: string,
  ip: string,
): Promise<PasswordResetPreview> {
  await consumeResetAttempt(deps, ip);
  const row = await usableReset(deps, sha256(token));
  if (!row) throw invalidResetToken();
  await requirePasswordAccounts(deps, row.email);
  return { email: row.email, expires_at: row.expires_at };
}

/** Sets the new password on every membership of the address and ends all their sessions. */
export async function completePasswordReset(
  deps: AppDeps,
  body: CompletePasswordResetBody,
  ip: string,
): Promise<void> {
  await consumeResetAttempt(deps, ip);
  const tokenHash = sha256(body.token);
  const row = await usableReset(deps, tokenHash);
  if (!row) throw invalidResetToken();
  await requirePasswordAccounts(deps, row.email);
  assertAcceptablePassword(body.password, [row.email]);
  const passwordHash = await hashPassword(body.password, deps.config.scryptLogN);
  await withTransaction(deps.database, async (trx) => {
    const at = deps.config.now().toISOString();
    if (!(await repo.markPasswordResetUsed(trx, tokenHash, at))) throw invalidResetToken();
    const accounts = await passwordAccounts(deps, row.email, trx);
    if (accounts.length === 0) throw ssoRequiredError();
    const ids = accounts.map((account) => account.id);
    await members.updatePasswordHash(trx, ids, passwordHash);
    const ended = await authRepo.deleteSessionsOfMembersExcept(trx, ids, null);
    for (const account of accounts) {
      await audit.insertAuditEvent(trx, {
        orgId: account.org_id,
        actor: { memberId: account.id, apiKeyId: null, ip },
        action: 'member.password_reset',
        targetType: 'member',
        targetId: account.id,
        targetLabel: row.email,
        after: { signed_out_sessions: ended },
        at,
      });
    }
  });
}
