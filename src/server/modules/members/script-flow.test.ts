import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createMember, setupOrganization } from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type Collaborator = { id: string; email: string };

/**
 * The platform script, step by step, with nothing but an API key: list
 * collaborators by email, keep exact matches, insist on exactly one, delete it
 * by `id`. No cookie and no CSRF header: a bearer key is enough.
 */
it('a script with an API key finds one collaborator by email and deletes them by id', async () => {
  const owner = await setupOrganization(t.app);
  await createMember(t.deps, owner.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
  await createMember(t.deps, owner.orgId, { name: 'Adam Smith', email: 'adam@acme.test' });
  const created = await owner.request({
    method: 'POST',
    url: '/api/v2/api_keys',
    payload: { name: 'offboarding script' },
  });
  const headers = { authorization: `Bearer ${created.json().result.token}` };
  const email = 'Ada@Acme.test';

  const list = await t.app.inject({
    method: 'GET',
    url: `/api/v2/organization_collaborators?email=${encodeURIComponent(email)}`,
    headers,
  });
  expect(list.statusCode).toBe(200);
  const matches = (list.json().results as Collaborator[]).filter(
    (collaborator) => collaborator.email === email.toLowerCase(),
  );
  expect(matches).toHaveLength(1);

  const deleted = await t.app.inject({
    method: 'DELETE',
    url: `/api/v2/organization_collaborators/${matches[0]!.id}`,
    headers,
  });
  expect(deleted.statusCode).toBe(204);

  const after = await t.app.inject({
    method: 'GET',
    url: `/api/v2/organization_collaborators?email=${encodeURIComponent(email)}`,
    headers,
  });
  expect(after.json().results).toEqual([]);
  const others = await t.app.inject({ method: 'GET', url: '/api/v2/organization_collaborators', headers });
  expect(
    others
      .json()
      .results.map((c: Collaborator) => c.email)
      .sort(),
  ).toEqual(['adam@acme.test', 'olive@acme.test']);
  const audit = await t.app.inject({
    method: 'GET',
    url: '/api/v2/audit_events?action=member.removed',
    headers,
  });
  expect(audit.json().results[0]).toMatchObject({
    actor: { email: 'olive@acme.test' },
    api_key: { name: 'offboarding script' },
    target: { label: 'Ada Lovelace <ada@acme.test>' },
  });
});
