import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMember,
  createOrganization,
  memberActor,
  setupOrganization,
  type Actor,
} from '../test/actors.ts';
import { createTestApp, type TestContext } from '../test/test-app.ts';
import { fillOrganization } from './seed.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

/** The list's totals (served from the trigger-kept counts) against a real count of the rows. */
async function expectTotalsToMatchRows(owner: Actor) {
  const total = async (query: string) =>
    (await owner.request({ method: 'GET', url: `/api/v2/organization_collaborators?count=1${query}` })).json()
      .metadata.total as number;
  const { rows } = await sql<{ members: number; owners: number }>`
    select count(*) as members, sum(case when role = 'owner' then 1 else 0 end) as owners
    from members where org_id = ${owner.orgId} and removed_at is null
  `.execute(t.deps.database.db);
  const members = Number(rows[0]!.members);
  const owners = Number(rows[0]!.owners);
  expect({
    all: await total(''),
    owners: await total('&permission_level=owner'),
    collaborators: await total('&permission_level=collaborator'),
  }).toEqual({ all: members, owners, collaborators: members - owners });
  return { members, owners };
}

describe('member totals kept on the organization', () => {
  it('stay equal to the rows through joining, role changes, removal and bulk seeding', async () => {
    const owner = await setupOrganization(t.app);
    expect(await expectTotalsToMatchRows(owner)).toEqual({ members: 1, owners: 1 });

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await createMember(t.deps, owner.orgId, { name: `Person ${i}`, email: `p${i}@acme.test` }));
    }
    expect(await expectTotalsToMatchRows(owner)).toEqual({ members: 6, owners: 1 });

    const promote = await owner.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${ids[0]}`,
      payload: { permission_level: 'owner' },
    });
    expect(promote.statusCode).toBe(200);
    expect(await expectTotalsToMatchRows(owner)).toEqual({ members: 6, owners: 2 });

    expect(
      (await owner.request({ method: 'DELETE', url: `/api/v2/organization_collaborators/${ids[1]}` }))
        .statusCode,
    ).toBe(204);
    const batch = await owner.request({
      method: 'POST',
      url: '/api/v2/organization_collaborators/batch_delete',
      payload: { ids: [ids[2], ids[3]] },
    });
    expect(batch.statusCode).toBe(200);
    expect(await expectTotalsToMatchRows(owner)).toEqual({ members: 3, owners: 2 });

    // A refused (all-or-nothing) removal changes nothing.
    const refused = await owner.request({
      method: 'POST',
      url: '/api/v2/organization_collaborators/batch_delete',
      payload: { ids: [ids[4], ids[0]] },
    });
    expect(refused.statusCode).toBe(409);
    expect(await expectTotalsToMatchRows(owner)).toEqual({ members: 3, owners: 2 });

    await fillOrganization(t.deps.database, owner.orgId, 1_500, { ownerEvery: 500 });
    expect(await expectTotalsToMatchRows(owner)).toEqual({ members: 1_503, owners: 5 });
  });

  it('count each organization on its own', async () => {
    const owner = await setupOrganization(t.app);
    const otherOrg = await createOrganization(t.deps, 'Other');
    const stranger = await memberActor(t.app, otherOrg, {
      name: 'Stella',
      email: 'stella@other.test',
      role: 'owner',
    });
    await createMember(t.deps, otherOrg, { name: 'Sam', email: 'sam@other.test' });
    expect(await expectTotalsToMatchRows(owner)).toEqual({ members: 1, owners: 1 });
    expect(await expectTotalsToMatchRows(stranger)).toEqual({ members: 2, owners: 1 });
  });
});
