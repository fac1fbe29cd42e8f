import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as crypto from '../../lib/crypto.ts';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';
import { createMember, createOrganization, setupOrganization, testPassword } from '../../test/actors.ts';

// Counts the scrypt verifications a sign-in does: the work, not the wall time.
vi.mock('../../lib/crypto.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../lib/crypto.ts')>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});
const verifications = vi.mocked(crypto.verifyPassword);

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function signIn(payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v2/sessions',
    headers: { 'x-requested-with': 'roster' },
    payload,
  });
}

/** The number of password verifications one sign-in attempt costs. */
async function workOf(payload: Record<string, unknown>) {
  verifications.mockClear();
  const response = await signIn(payload);
  return { status: response.statusCode, verifications: verifications.mock.calls.length, response };
}

describe(`sign-in does constant work per attempt (${testDialect})`, () => {
  it('verifies exactly one hash whether the email is unknown, in one organization or in two', async () => {
    const acme = await setupOrganization(t.app);
    await createMember(t.deps, acme.orgId, { name: 'Solo', email: 'solo@acme.test' });
    const globex = await createOrganization(t.deps, 'Globex');
    const twiceAtAcme = await createMember(t.deps, acme.orgId, {
      name: 'Dana Double',
      email: 'dana@double.test',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const twiceAtGlobex = await createMember(t.deps, globex, {
      name: 'Dana Double',
      email: 'dana@double.test',
      createdAt: '2026-02-01T00:00:00.000Z',
    });
    // Her Globex account has its own password.
    await t.deps.database.db
      .updateTable('members')
      .set({ password_hash: await crypto.hashPassword('globex password here', 10) })
      .where('id', '=', twiceAtGlobex)
      .execute();

    const wrong = 'wrong password entirely';
    const attempts = {
      unknown: await workOf({ email: 'nobody@acme.test', password: wrong }),
      inOne: await workOf({ email: 'solo@acme.test', password: wrong }),
      inTwo: await workOf({ email: 'dana@double.test', password: wrong }),
      inTwoNamed: await workOf({ email: 'dana@double.test', password: wrong, organization_id: globex }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect(attempt.status, name).toBe(401);
      expect(attempt.verifications, name).toBe(1);
    }

    // She still reaches each organization: the first joined by default, the other by naming it.
    const first = await workOf({ email: 'dana@double.test', password: testPassword });
    expect(first).toMatchObject({ status: 200, verifications: 1 });
    expect(first.response.json().result).toMatchObject({ id: twiceAtAcme, organization: { id: acme.orgId } });
    const second = await workOf({
      email: 'dana@double.test',
      password: 'globex password here',
      organization_id: globex,
    });
    expect(second).toMatchObject({ status: 200, verifications: 1 });
    expect(second.response.json().result).toMatchObject({ id: twiceAtGlobex, organization: { id: globex } });

    // The other organization's password does not open the default one.
    const crossed = await workOf({ email: 'dana@double.test', password: 'globex password here' });
    expect(crossed).toMatchObject({ status: 401, verifications: 1 });
    // Naming an organization she is not in is refused with the same work and answer.
    const elsewhere = await workOf({
      email: 'solo@acme.test',
      password: testPassword,
      organization_id: globex,
    });
    expect(elsewhere).toMatchObject({ status: 401, verifications: 1 });
    expect(elsewhere.response.json().error.code).toBe('invalid_credentials');
  });
});
