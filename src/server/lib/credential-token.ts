import * as audit from '../modules/audit/audit.repository.ts';
import type { AuditActor } from '../modules/audit/audit.repository.ts';
import { newId, randomToken, sha256 } from './crypto.ts';

type Trx = Parameters<typeof audit.insertAuditEvent>[0];

/** How many characters after the kind's prefix lists show, so people can tell credentials apart. */
const shownCharacters = 6;

/** What is stored of a new credential: never the token itself. */
export type StoredCredential = { id: string; prefix: string; token_hash: string };

/**
 * Mints a bearer credential (an API key, a SCIM token): a random token that
 * starts with `tokenPrefix` (so a leaked one is recognisable for what it is),
 * stored through `insert` as its SHA-256 and first characters only, and audited
 * in the same transaction. The token is returned here, once.
 */
export async function mintCredential(
  trx: Trx,
  credential: {
    tokenPrefix: string;
    name: string;
    /** How the audit event names it, when not by `name` alone (e.g. with its service account). */
    label?: string;
    orgId: string;
    actor: AuditActor;
    at: string;
    /** The audit event's action and target type, e.g. `api_key.created`, `api_key`. */
    action: string;
    targetType: string;
    /** What the audit event records beside the name (e.g. the expiry). */
    after?: unknown;
  },
  insert: (stored: StoredCredential) => Promise<void>,
): Promise<{ id: string; token: string }> {
  const token = `${credential.tokenPrefix}${randomToken()}`;
  const id = newId();
  await insert({
    id,
    prefix: token.slice(0, credential.tokenPrefix.length + shownCharacters),
    token_hash: sha256(token),
  });
  await audit.insertAuditEvent(trx, {
    orgId: credential.orgId,
    actor: credential.actor,
    action: credential.action,
    targetType: credential.targetType,
    targetId: id,
    targetLabel: credential.label ?? credential.name,
    after: credential.after,
    at: credential.at,
  });
  return { id, token };
}
