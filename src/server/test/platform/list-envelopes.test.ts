/**
 * Every list answers the platform's list envelope, `{ results, metadata: {
 * total, next_paging_token } }` (the SDK's *ListResponse models and the
 * provider's PaginatedRequest read both), including the short lists Roster
 * answers whole.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMember, setupOrganization, type Actor } from '../actors.ts';
import { createTestApp, type TestContext } from '../test-app.ts';
import { listResponseMetadata } from './platform-models.ts';

let t: TestContext;
let owner: Actor;
beforeAll(async () => {
  t = await createTestApp({ env: 'development' });
  owner = await setupOrganization(t.app);
});
afterAll(async () => {
  await t.close();
});

it.each([
  ['API keys', 'GET', '/api/v2/api_keys'],
  ['your sessions', 'GET', '/api/v2/sessions'],
  ['invitation outcomes', 'POST', '/api/v2/organization_invitations'],
  ['invitation lookup', 'POST', '/api/v2/organization_invitations/lookup'],
  ['grant outcomes', 'POST', '/clouds/:id/collaborators'],
  ['the development mailbox', 'GET', '/api/v2/dev/mailbox'],
  ['collaborators', 'GET', '/api/v2/organization_collaborators'],
  ['invitations', 'GET', '/api/v2/organization_invitations'],
  ['clouds', 'GET', '/api/v2/clouds'],
  ['workloads', 'GET', '/api/v2/workloads'],
  ['audit events', 'GET', '/api/v2/audit_events'],
] as const)('%s: { results, metadata: { total, next_paging_token } }', async (_, method, path) => {
  let url: string = path;
  let payload: Record<string, unknown> | undefined;
  if (path === '/api/v2/organization_invitations' && method === 'POST') {
    payload = { emails: ['one@acme.test', 'two@acme.test', 'bad@@x'] };
  } else if (path.endsWith('/lookup')) {
    payload = { emails: ['olive@acme.test', 'new@acme.test'] };
  } else if (path === '/clouds/:id/collaborators') {
    const cloud = await owner.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'gpu-east', provider: 'aws', region: 'us-east-1' },
    });
    const cloudId = cloud.json().result.id as string;
    const memberId = await createMember(t.deps, owner.orgId, { name: 'Grace', email: 'grace@acme.test' });
    const member = await t.deps.database.db
      .selectFrom('members')
      .select('user_id')
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    url = `/api/v2/clouds/${cloudId}/collaborators`;
    payload = { user_ids: [member.user_id] };
  }
  const response = await owner.request({ method, url, ...(payload === undefined ? {} : { payload }) });
  expect(response.statusCode).toBe(200);
  const body = response.json();
  expect(Array.isArray(body.results)).toBe(true);
  const metadata = listResponseMetadata.parse(body.metadata);
  if (metadata.next_paging_token === null) expect(metadata.total).toBe(body.results.length);
});
