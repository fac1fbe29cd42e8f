import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMember, setupOrganization } from '../test/actors.ts';
import { createTestApp, testDialect, type TestContext } from '../test/test-app.ts';
import { memberCountsApplyFunction } from './member-counts-sql.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const body = (definition: string) => /\$\$([\s\S]*)\$\$/.exec(definition)![1]!.replace(/\s+/g, ' ').trim();

async function installedBody(): Promise<string> {
  const { rows } = await sql<{ prosrc: string }>`
    select p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.proname = 'members_counts_apply' and n.nspname = current_schema()
  `.execute(t.deps.database.db);
  return rows[0]!.prosrc.replace(/\s+/g, ' ').trim();
}

describe.skipIf(testDialect !== 'postgres')(
  'the member-count trigger function, built for new migrations',
  () => {
    it('is the function the migrations installed', async () => {
      const built = memberCountsApplyFunction().compile(t.deps.database.db).sql;
      expect(body(built)).toBe(await installedBody());
    });

    it('keeps the counts right once a migration defines it again', async () => {
      await memberCountsApplyFunction().execute(t.deps.database.db);
      const owner = await setupOrganization(t.app);
      const ids = [
        await createMember(t.deps, owner.orgId, { name: 'Ada', email: 'ada@acme.test' }),
        await createMember(t.deps, owner.orgId, { name: 'Grace', email: 'grace@acme.test' }),
      ];
      const promote = await owner.request({
        method: 'PATCH',
        url: `/api/v2/organization_collaborators/${ids[0]}`,
        payload: { permission_level: 'owner' },
      });
      expect(promote.statusCode).toBe(200);
      const remove = await owner.request({
        method: 'DELETE',
        url: `/api/v2/organization_collaborators/${ids[1]}`,
      });
      expect(remove.statusCode).toBe(204);
      const counts = await t.deps.database.db
        .selectFrom('organizations')
        .select(['member_count', 'owner_count'])
        .where('id', '=', owner.orgId)
        .executeTakeFirstOrThrow();
      expect(counts).toEqual({ member_count: 2, owner_count: 2 });
    });
  },
);
