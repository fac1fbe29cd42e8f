/**
 * Collaborators as the platform's clients read and write them: the SDK's
 * list_organization_collaborators_api_v2_organization_collaborators_get and
 * the Terraform provider's organization user / user role resources
 * (listAllOrganizationCollaborators, hydrateCollaboratorRoles, the two role
 * write paths).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/crypto.ts';
import * as membersRepo from '../../modules/members/members.repository.ts';
import { createMember, setupOrganization, type Actor } from '../actors.ts';
import { createTestApp, type TestContext } from '../test-app.ts';
import { providerRequest, sdkRequest } from './platform-clients.ts';
import {
  platformError,
  providerCollaborator,
  providerCollaboratorList,
  providerCollaboratorResponse,
  sdkCollaboratorListResponse,
} from './platform-models.ts';

let t: TestContext;
let owner: Actor;
let key: string;
const people = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Barbara Liskov', 'Edsger Dijkstra'];

beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
  for (const name of people) {
    await createMember(t.deps, owner.orgId, {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@acme.test`,
    });
  }
  // A machine identity, as POST /users/service_accounts makes one.
  await membersRepo.insertMember(t.deps.database.db, {
    id: newId(),
    user_id: newId(),
    org_id: owner.orgId,
    email: 'ci-bot@service-accounts.acme.test',
    name: 'ci-bot',
    role: 'collaborator',
    password_hash: null,
    created_at: t.clock.now.toISOString(),
    invited_by: owner.memberId,
    is_service_account: 1,
  });
  const created = await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'tf' } });
  key = created.json().result.token;
});
afterAll(async () => {
  await t.close();
});

const emails = (body: { results: { email: string }[] }) => body.results.map((c) => c.email).sort();

describe('the SDK lists collaborators', () => {
  it('GET /api/v2/organization_collaborators/ with no arguments answers OrganizationcollaboratorListResponse', async () => {
    const response = await sdkRequest(t.app, key, 'GET', '/api/v2/organization_collaborators/');
    expect(response.statusCode).toBe(200);
    const body = sdkCollaboratorListResponse.parse(response.json());
    expect(body.metadata.total).toBe(7);
    expect(body.results).toHaveLength(7);
  });

  it('email=, is_service_account=True/False (Python booleans), count= and paging_token=', async () => {
    const byEmail = await sdkRequest(t.app, key, 'GET', '/api/v2/organization_collaborators/', {
      query: [['email', 'Grace@Acme.test']],
    });
    expect(emails(sdkCollaboratorListResponse.parse(byEmail.json()))).toEqual(['grace@acme.test']);

    const machines = await sdkRequest(t.app, key, 'GET', '/api/v2/organization_collaborators/', {
      query: [['is_service_account', true]],
    });
    const machineBody = sdkCollaboratorListResponse.parse(machines.json());
    expect(emails(machineBody)).toEqual(['ci-bot@service-accounts.acme.test']);
    expect(machineBody.results[0]).toMatchObject({ is_service_account: true });

    const humans = await sdkRequest(t.app, key, 'GET', '/api/v2/organization_collaborators/', {
      query: [['is_service_account', false]],
    });
    expect(sdkCollaboratorListResponse.parse(humans.json()).metadata.total).toBe(6);

    const seen: string[] = [];
    let token: string | null = null;
    do {
      const page = await sdkRequest(t.app, key, 'GET', '/api/v2/organization_collaborators/', {
        query: [['count', 3], ...(token ? [['paging_token', token] as [string, string]] : [])],
      });
      const body = sdkCollaboratorListResponse.parse(page.json());
      expect(body.results.length).toBeLessThanOrEqual(3);
      seen.push(...body.results.map((c) => c.email));
      token = body.metadata.next_paging_token;
    } while (token);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});

describe('the Terraform provider reads collaborators', () => {
  it('pages count=50 with email= and name= as narrowing hints (OrganizationCollaboratorsListResponse)', async () => {
    const all = await providerRequest(t.app, key, 'GET', '/api/v2/organization_collaborators?count=50');
    const body = providerCollaboratorList.parse(all.json());
    expect(body.metadata).toMatchObject({ total: 7, next_paging_token: null });
    for (const collaborator of body.results) {
      expect(collaborator.base_role).toBe(collaborator.permission_level);
      expect(collaborator.additional_roles).toEqual([]);
    }

    const byName = await providerRequest(
      t.app,
      key,
      'GET',
      '/api/v2/organization_collaborators?count=50&name=TURING',
    );
    expect(emails(providerCollaboratorList.parse(byName.json()))).toEqual(['alan@acme.test']);
    // The name filter reads names only, not addresses.
    const notAnEmail = await providerRequest(
      t.app,
      key,
      'GET',
      '/api/v2/organization_collaborators?name=acme.test',
    );
    expect(providerCollaboratorList.parse(notAnEmail.json()).results).toEqual([]);
  });

  it.each([
    ['only_service_accounts', ['ci-bot@service-accounts.acme.test']],
    [
      'only_user_accounts',
      [
        'ada@acme.test',
        'alan@acme.test',
        'barbara@acme.test',
        'edsger@acme.test',
        'grace@acme.test',
        'olive@acme.test',
      ],
    ],
    [
      'all_accounts',
      [
        'ada@acme.test',
        'alan@acme.test',
        'barbara@acme.test',
        'ci-bot@service-accounts.acme.test',
        'edsger@acme.test',
        'grace@acme.test',
        'olive@acme.test',
      ],
    ],
  ])('collaborator_type=%s', async (type, expected) => {
    const response = await providerRequest(
      t.app,
      key,
      'GET',
      `/api/v2/organization_collaborators?collaborator_type=${type}`,
    );
    const body = providerCollaboratorList.parse(response.json());
    expect(emails(body)).toEqual(expected);
    expect(body.metadata.total).toBe(expected.length);
  });

  it('GET /organization_collaborators/{user_id} and /{identity_id} answer the same collaborator', async () => {
    const list = providerCollaboratorList.parse(
      (
        await providerRequest(t.app, key, 'GET', '/api/v2/organization_collaborators?email=ada@acme.test')
      ).json(),
    );
    const ada = list.results[0]!;
    const byUser = await providerRequest(
      t.app,
      key,
      'GET',
      `/api/v2/organization_collaborators/${ada.user_id}`,
    );
    const byIdentity = await providerRequest(
      t.app,
      key,
      'GET',
      `/api/v2/organization_collaborators/${ada.id}`,
    );
    expect(providerCollaboratorResponse.parse(byUser.json()).result).toEqual(ada);
    expect(providerCollaboratorResponse.parse(byIdentity.json()).result).toEqual(ada);

    const missing = await providerRequest(t.app, key, 'GET', '/api/v2/organization_collaborators/usr_nobody');
    expect(missing.statusCode).toBe(404);
    platformError.parse(missing.json());
  });
});

describe('the Terraform provider writes roles', () => {
  const find = async (email: string) =>
    providerCollaboratorList.parse(
      (await providerRequest(t.app, key, 'GET', `/api/v2/organization_collaborators?email=${email}`)).json(),
    ).results[0]!;

  it('PUT /organization_collaborators/{identity_id} { permission_level } behaves like PATCH', async () => {
    const barbara = await find('barbara@acme.test');
    const response = await providerRequest(
      t.app,
      key,
      'PUT',
      `/api/v2/organization_collaborators/${barbara.id}`,
      {
        permission_level: 'owner',
      },
    );
    expect(response.statusCode).toBe(200);
    expect(providerCollaborator.parse(response.json().result)).toMatchObject({
      permission_level: 'owner',
      base_role: 'owner',
    });
    expect((await find('barbara@acme.test')).base_role).toBe('owner');
  });

  it('PUT /organization_collaborators/{user_id}/roles { base_role, additional_roles: [] } → 204', async () => {
    const edsger = await find('edsger@acme.test');
    const promote = await providerRequest(
      t.app,
      key,
      'PUT',
      `/api/v2/organization_collaborators/${edsger.user_id}/roles`,
      {
        base_role: 'owner',
        additional_roles: [],
      },
    );
    expect(promote.statusCode).toBe(204);
    expect(promote.body).toBe('');
    expect((await find('edsger@acme.test')).permission_level).toBe('owner');

    const demote = await providerRequest(
      t.app,
      key,
      'PUT',
      `/api/v2/organization_collaborators/${edsger.user_id}/roles`,
      {
        base_role: 'collaborator',
        additional_roles: [],
      },
    );
    expect(demote.statusCode).toBe(204);
    expect((await find('edsger@acme.test')).permission_level).toBe('collaborator');
  });

  it('additional roles Roster does not have, and demoting the last owner, are refused with error.detail', async () => {
    const grace = await find('grace@acme.test');
    const extra = await providerRequest(
      t.app,
      key,
      'PUT',
      `/api/v2/organization_collaborators/${grace.user_id}/roles`,
      {
        base_role: 'collaborator',
        additional_roles: ['image_reader'],
      },
    );
    expect(extra.statusCode).toBe(400);
    platformError.parse(extra.json());

    const barbara = await find('barbara@acme.test');
    await providerRequest(t.app, key, 'PUT', `/api/v2/organization_collaborators/${barbara.id}`, {
      permission_level: 'collaborator',
    });
    const olive = await find('olive@acme.test');
    const last = await providerRequest(
      t.app,
      key,
      'PUT',
      `/api/v2/organization_collaborators/${olive.user_id}/roles`,
      {
        base_role: 'collaborator',
        additional_roles: [],
      },
    );
    expect(last.statusCode).toBe(409);
    expect(platformError.parse(last.json()).error.detail).toMatch(/last owner/);
  });
});
