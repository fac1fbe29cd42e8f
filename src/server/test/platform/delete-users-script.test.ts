/**
 * The platform's documented offboarding script, delete_users.py ("Programmatic
 * deletion"), replayed request by request as the SDK sends them:
 *
 *   get_auth_api_client()            → GET /api/v2/userinfo/
 *   list_organization_collaborators_api_v2_organization_collaborators_get()
 *                                    → GET /api/v2/organization_collaborators/
 *   [c for c in collaborators.results if c.email == email_to_remove], assert len == 1
 *   remove_organization_collaborator_api_v2_organization_collaborators_identity_id_delete(id)
 *                                    → DELETE /api/v2/organization_collaborators/{id}
 *   print("Collaborator successfully removed.")
 *
 * and then what removal promises: the person's session and keys are dead.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memberActor, setupOrganization, type Actor } from '../actors.ts';
import { createTestApp, type TestContext } from '../test-app.ts';
import { providerRequest, sdkRequest } from './platform-clients.ts';
import { sdkAcceptsKey, sdkCollaboratorListResponse, sdkUserinfoResponse } from './platform-models.ts';

let t: TestContext;
let owner: Actor;
beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
});
afterAll(async () => {
  await t.close();
});

it('delete_users.py removes exactly the person with that email, and their session and keys die', async () => {
  const ada = await memberActor(t.app, owner.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
  await memberActor(t.app, owner.orgId, { name: 'Adam Smith', email: 'adam@acme.test' });
  const adaKey = (
    await ada.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'laptop' } })
  ).json().result.token as string;
  expect((await sdkRequest(t.app, adaKey, 'GET', '/api/v2/userinfo/')).statusCode).toBe(200);

  const ownerKey = (
    await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'offboarding' } })
  ).json().result.token as string;
  expect(sdkAcceptsKey(ownerKey)).toBe(true);

  // get_auth_api_client(): the credentials check.
  const bootstrap = await sdkRequest(t.app, ownerKey, 'GET', '/api/v2/userinfo/');
  expect(bootstrap.statusCode).toBe(200);
  sdkUserinfoResponse.parse(bootstrap.json());

  // The whole list, no arguments; the script filters it itself.
  const listed = await sdkRequest(t.app, ownerKey, 'GET', '/api/v2/organization_collaborators/');
  expect(listed.statusCode).toBe(200);
  const collaborators = sdkCollaboratorListResponse.parse(listed.json());
  const emailToRemove = 'ada@acme.test';
  const matching = collaborators.results.filter((collaborator) => collaborator.email === emailToRemove);
  expect(matching).toHaveLength(1);

  const removed = await sdkRequest(
    t.app,
    ownerKey,
    'DELETE',
    `/api/v2/organization_collaborators/${matching[0]!.id}`,
  );
  expect(removed.statusCode).toBe(204);

  // Gone from the list; the other Ad… stays.
  const after = sdkCollaboratorListResponse.parse(
    (await sdkRequest(t.app, ownerKey, 'GET', '/api/v2/organization_collaborators/')).json(),
  );
  expect(after.results.map((c) => c.email).sort()).toEqual(['adam@acme.test', 'olive@acme.test']);

  // Their browser session, and their key by cookie and by Bearer: all 401.
  expect((await ada.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(401);
  expect((await sdkRequest(t.app, adaKey, 'GET', '/api/v2/userinfo/')).statusCode).toBe(401);
  expect((await providerRequest(t.app, adaKey, 'GET', '/api/v2/userinfo')).statusCode).toBe(401);

  // Running the script again finds nobody: its assert fails rather than deleting someone else.
  expect(after.results.filter((c) => c.email === emailToRemove)).toHaveLength(0);
});

it('the script on an owner: 409 owner_must_be_downgraded with a detail the SDK prints', async () => {
  const second = await memberActor(t.app, owner.orgId, {
    name: 'Otto Owner',
    email: 'otto@acme.test',
    role: 'owner',
  });
  const ownerKey = (
    await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'again' } })
  ).json().result.token as string;
  const refused = await sdkRequest(
    t.app,
    ownerKey,
    'DELETE',
    `/api/v2/organization_collaborators/${second.memberId}`,
  );
  expect(refused.statusCode).toBe(409);
  expect(refused.json().error).toMatchObject({
    code: 'owner_must_be_downgraded',
    detail: expect.any(String),
  });
  expect((await second.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);
});
