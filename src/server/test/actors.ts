import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { PermissionLevel } from '#contract/roles.ts';
import type { AppDeps } from '../deps.ts';
import { hashPassword, newId } from '../lib/crypto.ts';
import * as members from '../modules/members/members.repository.ts';
import * as organizations from '../modules/organizations/organizations.repository.ts';
import { cookieFrom } from './test-app.ts';

export const testPassword = 'correct horse battery';

/** A signed-in browser: sends its cookie and the CSRF header on every request. */
export type Actor = {
  memberId: string;
  email: string;
  orgId: string;
  cookie: string;
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
};

export function actorFor(
  app: FastifyInstance,
  identity: { memberId: string; email: string; orgId: string },
  cookie: string,
): Actor {
  return {
    ...identity,
    cookie,
    request: (options) =>
      app.inject({
        ...options,
        headers: { cookie, 'x-requested-with': 'roster', ...(options.headers ?? {}) },
      }),
  };
}

let passwordHash: Promise<string> | undefined;

/** Inserts an organization directly (setup only creates the first). */
export async function createOrganization(deps: AppDeps, name: string): Promise<string> {
  const id = newId();
  await organizations.insertOrganization(deps.database.db, {
    id,
    name,
    created_at: deps.config.now().toISOString(),
  });
  return id;
}

export async function createMember(
  deps: AppDeps,
  orgId: string,
  input: { name: string; email: string; role?: PermissionLevel; createdAt?: string },
): Promise<string> {
  passwordHash ??= hashPassword(testPassword, 10);
  const id = newId();
  await members.insertMember(deps.database.db, {
    id,
    user_id: newId(),
    org_id: orgId,
    email: input.email,
    name: input.name,
    role: input.role ?? 'collaborator',
    password_hash: await passwordHash,
    created_at: input.createdAt ?? deps.config.now().toISOString(),
    invited_by: null,
  });
  return id;
}

export async function signIn(app: FastifyInstance, email: string, password = testPassword) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v2/sessions',
    headers: { 'x-requested-with': 'roster' },
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return cookieFrom(response);
}

/** Creates a member of `orgId` and returns them signed in. */
export async function memberActor(
  app: FastifyInstance,
  orgId: string,
  input: { name: string; email: string; role?: PermissionLevel },
): Promise<Actor> {
  const memberId = await createMember(app.deps, orgId, input);
  const cookie = await signIn(app, input.email);
  return actorFor(app, { memberId, email: input.email, orgId }, cookie);
}

/** Runs first-run setup and returns the first owner, signed in. */
export async function setupOrganization(
  app: FastifyInstance,
  input = {
    organization_name: 'Acme',
    name: 'Olive Owner',
    email: 'olive@acme.test',
    password: testPassword,
  },
): Promise<Actor> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v2/setup',
    headers: { 'x-requested-with': 'roster' },
    payload: input,
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.body}`);
  const cookie = cookieFrom(response);
  const info = await app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
  const body = info.json().result as { id: string; organization: { id: string } };
  return actorFor(app, { memberId: body.id, email: input.email, orgId: body.organization.id }, cookie);
}
