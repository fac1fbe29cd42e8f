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
  it('20 parallel setups: exactly one creates the organization, the others get 404 (setup is done) or 429 (busy)', async () => {
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
    const responses = await Promise.all(attempts);
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    // Password hashing is bounded: a burst beyond the queue is refused with 429 and Retry-After
    // before any setup work, which is fine as long as nobody else wins.
    expect(
      statuses.filter((status) => status !== 201).every((status) => status === 404 || status === 429),
    ).toBe(true);
    for (const response of responses.filter((r) => r.statusCode === 429)) {
      expect(response.headers['retry-after']).toBeDefined();
    }

    const organizations = await t.deps.database.db.selectFrom('organizations').select('id').execute();
    expect(organizations).toHaveLength(1);
    const members = await t.deps.database.db.selectFrom('members').select('id').execute();
    expect(members).toHaveLength(1);
  });
});
