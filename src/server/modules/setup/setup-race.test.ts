import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';
import { testPassword } from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe(`first-run setup race (${testDialect})`, () => {
  it('20 parallel setups: exactly one creates the organization, the others get 404 (setup is done)', async () => {
    const attempts = Array.from({ length: 20 }, (_, i) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v2/setup',
        headers: { 'x-requested-with': 'roster' },
        payload: {
          organization_name: `Org ${i}`,
          name: `Founder ${i}`,
          email: `founder${i}@acme.test`,
          password: testPassword,
        },
      }),
    );
    const statuses = (await Promise.all(attempts)).map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 404)).toHaveLength(19);

    const organizations = await t.deps.database.db.selectFrom('organizations').select('id').execute();
    expect(organizations).toHaveLength(1);
    const members = await t.deps.database.db.selectFrom('members').select('id').execute();
    expect(members).toHaveLength(1);
  });
});
