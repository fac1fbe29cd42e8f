import { sql } from 'kysely';
import type { PermissionLevel } from '#contract/roles.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMember, createOrganization } from '../test/actors.ts';
import { createTestApp, type TestContext } from '../test/test-app.ts';
import { preparedQuery } from './prepared.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const membersByRole = preparedQuery((db, p: { orgId: string; role: PermissionLevel }) =>
  db
    .selectFrom('members')
    .select(['email', 'role'])
    .where('org_id', '=', p.orgId)
    .where('role', '=', p.role)
    // A value of the query itself stays as it was compiled.
    .where('removed_at', 'is', null)
    .where('is_service_account', '=', 0)
    .orderBy('email'),
);

const membersByEmail = preparedQuery(
  (db, p: { orgId: string; emails: readonly string[] }) =>
    db
      .selectFrom('members')
      .select('email')
      .where('org_id', '=', p.orgId)
      .where('email', 'in', p.emails)
      .orderBy('email'),
  (p) => String(p.emails.length),
);

describe('prepared queries', () => {
  it("answers each call with that call's values, in either organization", async () => {
    const first = await createOrganization(t.deps, 'First');
    const second = await createOrganization(t.deps, 'Second');
    await createMember(t.deps, first, { name: 'Olive', email: 'owner@first.test', role: 'owner' });
    await createMember(t.deps, first, { name: 'Ann', email: 'ann@first.test', role: 'collaborator' });
    await createMember(t.deps, second, { name: 'Oscar', email: 'owner@second.test', role: 'owner' });
    await createMember(t.deps, second, { name: 'Bob', email: 'bob@second.test', role: 'collaborator' });
    const db = t.deps.database.db;

    expect(await membersByRole.all(db, { orgId: first, role: 'collaborator' })).toEqual([
      { email: 'ann@first.test', role: 'collaborator' },
    ]);
    expect(await membersByRole.all(db, { orgId: second, role: 'collaborator' })).toEqual([
      { email: 'bob@second.test', role: 'collaborator' },
    ]);
    expect(await membersByRole.first(db, { orgId: second, role: 'owner' })).toEqual({
      email: 'owner@second.test',
      role: 'owner',
    });
    expect(await membersByRole.first(db, { orgId: 'no-such-org', role: 'owner' })).toBeUndefined();
  });

  it('binds a list item by item, one shape per length', async () => {
    const orgId = await createOrganization(t.deps, 'List');
    for (const name of ['a', 'b', 'c']) {
      await createMember(t.deps, orgId, { name, email: `${name}@list.test`, role: 'collaborator' });
    }
    const db = t.deps.database.db;
    const emails = async (list: string[]) =>
      (await membersByEmail.all(db, { orgId, emails: list })).map((row) => row.email);

    expect(await emails(['c@list.test', 'a@list.test'])).toEqual(['a@list.test', 'c@list.test']);
    expect(await emails(['b@list.test', 'x@list.test'])).toEqual(['b@list.test']);
    expect(await emails(['a@list.test', 'b@list.test', 'c@list.test'])).toEqual([
      'a@list.test',
      'b@list.test',
      'c@list.test',
    ]);
    expect(await emails(['b@list.test'])).toEqual(['b@list.test']);
  });

  it('runs inside a transaction and sees its writes', async () => {
    const orgId = await createOrganization(t.deps, 'Transaction');
    await createMember(t.deps, orgId, { name: 'Olive', email: 'owner@trx.test', role: 'owner' });
    const db = t.deps.database.db;
    const seen = await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('members')
        .set({ role: 'collaborator' })
        .where('org_id', '=', orgId)
        .where('email', '=', 'owner@trx.test')
        .execute();
      return membersByRole.all(trx, { orgId, role: 'collaborator' });
    });
    expect(seen).toEqual([{ email: 'owner@trx.test', role: 'collaborator' }]);
  });

  it('refuses a query that inlines a value or decides on one instead of binding it', async () => {
    const db = t.deps.database.db;
    const inlined = preparedQuery((qb, p: { email: string }) =>
      qb.selectFrom('members').select('id').where('email', '=', sql.lit(p.email)),
    );
    await expect(inlined.all(db, { email: 'a@b.test' })).rejects.toThrow(/bind each of its values/);

    const branching = preparedQuery((qb, p: { role: PermissionLevel }) =>
      qb
        .selectFrom('members')
        .select('id')
        .$if(p.role === 'owner', (q) => q.where('role', '=', p.role)),
    );
    await expect(branching.all(db, { role: 'owner' })).rejects.toThrow(/bind each of its values/);
  });
});
