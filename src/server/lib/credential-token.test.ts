import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withOrganizationLock } from '../db/transaction.ts';
import { setupOrganization } from '../test/actors.ts';
import { createTestApp, type TestContext } from '../test/test-app.ts';
import { mintCredential, type StoredCredential } from './credential-token.ts';
import { sha256 } from './crypto.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function auditActions(orgId: string) {
  const rows = await t.deps.database.db
    .selectFrom('audit_events')
    .select(['action', 'target_id', 'target_label', 'after'])
    .where('org_id', '=', orgId)
    .where('action', 'like', 'widget_secret.%')
    .execute();
  return rows;
}

describe('minting a credential', () => {
  it('answers the token once and stores only its hash and first characters, audited', async () => {
    const owner = await setupOrganization(t.app);
    const stored: StoredCredential[] = [];
    const mint = () =>
      withOrganizationLock(t.deps.database, owner.orgId, (trx) =>
        mintCredential(
          trx,
          {
            tokenPrefix: 'wdg_',
            name: 'ci',
            orgId: owner.orgId,
            actor: { memberId: owner.memberId, apiKeyId: null, ip: '192.0.2.1' },
            at: t.clock.now.toISOString(),
            action: 'widget_secret.created',
            targetType: 'widget_secret',
            after: { expires_at: null },
          },
          async (row) => void stored.push(row),
        ),
      );
    const first = await mint();
    const second = await mint();

    expect(first.token).toMatch(/^wdg_[\w-]{43}$/);
    expect(second.token).not.toBe(first.token);
    expect(stored[0]).toEqual({
      id: first.id,
      prefix: first.token.slice(0, 10),
      token_hash: sha256(first.token),
    });
    expect(JSON.stringify(stored)).not.toContain(first.token);
    const events = await auditActions(owner.orgId);
    expect(events).toHaveLength(2);
    const event = events.find((row) => row.target_id === first.id);
    expect(event).toMatchObject({
      action: 'widget_secret.created',
      target_id: first.id,
      target_label: 'ci',
    });
    expect(JSON.parse(String(event!.after))).toEqual({ expires_at: null });
  });

  it('audits nothing when storing the credential fails', async () => {
    const owner = await setupOrganization(t.app);
    const failing = withOrganizationLock(t.deps.database, owner.orgId, (trx) =>
      mintCredential(
        trx,
        {
          tokenPrefix: 'wdg_',
          name: 'ci',
          orgId: owner.orgId,
          actor: { memberId: owner.memberId, apiKeyId: null, ip: null },
          at: t.clock.now.toISOString(),
          action: 'widget_secret.created',
          targetType: 'widget_secret',
        },
        async () => {
          throw new Error('duplicate name');
        },
      ),
    );
    await expect(failing).rejects.toThrow('duplicate name');
    expect(await auditActions(owner.orgId)).toHaveLength(0);
  });
});
