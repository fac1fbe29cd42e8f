/**
 * The OpenAPI document tells the truth about answers: every operation declares
 * the errors it can answer, all in the one error body, and a success status it
 * really answers (204 where it answers 204). The authorization matrix
 * (authz-matrix.test.ts) replays a request per operation and caller and checks
 * each answered status is declared here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '#contract/errors.ts';
import { setupOrganization, type Actor } from './actors.ts';
import { createTestApp, type TestContext } from './test-app.ts';

type Response = { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> };
type Document = {
  paths: Record<string, Record<string, { responses?: Record<string, Response> }>>;
  components?: { schemas?: Record<string, unknown> };
};

/**
 * Answers with their own body, on purpose: load balancers read /readyz, not
 * people; a browser lands on the SSO sign-in start and the ACS (a refusal is
 * an HTML page a person can read).
 */
const ownBodies = new Set([
  'GET /readyz 503',
  ...['404', '409'].map((status) => `GET /api/v2/sso/{org}/login ${status}`),
  ...['400', '403', '404', '429'].map((status) => `POST /api/v2/sso/{org}/acs ${status}`),
]);

let t: TestContext;
let owner: Actor;
let document: Document;
const operations = () =>
  Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      responses: operation.responses ?? {},
    })),
  );

beforeAll(async () => {
  t = await createTestApp({ env: 'development' });
  owner = await setupOrganization(t.app);
  const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json() as Document;
});
afterAll(async () => {
  await t.close();
});

describe('the OpenAPI document', () => {
  it('has one error schema, the body every error answer has', () => {
    const error = document.components?.schemas?.Error as { properties?: Record<string, unknown> };
    expect(error).toBeDefined();
    const body = { error: { code: 'not_found', message: 'Gone.', detail: 'Gone.' } };
    expect(errorBodySchema.parse(body)).toEqual(body);
    expect(Object.keys(error.properties ?? {})).toEqual(['error']);
    expect(
      Object.keys((error.properties!.error as { properties: Record<string, unknown> }).properties),
    ).toEqual(['code', 'message', 'detail']);
  });

  it('every operation documents its errors with the error schema', () => {
    expect(operations().length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const { key, path, responses } of operations()) {
      const errors = Object.keys(responses).filter((status) => Number(status) >= 400);
      if (errors.length === 0) problems.push(`${key}: no error response documented`);
      if (!errors.includes('500')) problems.push(`${key}: 500 not documented`);
      if (path.startsWith('/api/') && !['400', '401', '403'].every((status) => errors.includes(status))) {
        problems.push(`${key}: 400, 401 and 403 can be answered by every API operation`);
      }
      if (path.includes('{') && !errors.includes('404')) problems.push(`${key}: ids in its path, no 404`);
      for (const status of errors) {
        if (ownBodies.has(`${key} ${status}`)) continue;
        const schema = responses[status]!.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/Error') {
          problems.push(`${key} ${status}: not the error schema (${JSON.stringify(schema)})`);
        }
        if (!responses[status]!.description || responses[status]!.description === 'Default Response') {
          problems.push(`${key} ${status}: no description`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every operation declares a success it answers: 204 without content, never an undeclared 200', async () => {
    const problems: string[] = [];
    for (const { key, responses } of operations()) {
      const successes = Object.keys(responses).filter((status) => Number(status) < 400);
      if (successes.length === 0) problems.push(`${key}: no success status`);
      // A 200 that no route schema declared is @fastify/swagger's "Default Response" with no content.
      const ok = responses['200'];
      if (ok && !ok.content) problems.push(`${key}: declares 200 with no body (does it answer 204?)`);
      if (responses['204']?.content) problems.push(`${key}: a 204 has no content`);
    }
    expect(problems).toEqual([]);
  });

  it('the 204 answers are declared 204 (replayed)', async () => {
    // One real request per operation that answers without a body.
    const keyResponse = await owner.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      payload: { name: 'openapi' },
    });
    const keyId = keyResponse.json().result.id as string;
    const revoked = await owner.request({ method: 'DELETE', url: `/api/v2/api_keys/${keyId}` });
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    const signedOut = await owner.request({ method: 'DELETE', url: '/api/v2/sessions/current' });
    expect(signedOut.statusCode).toBe(204);
    for (const key of ['DELETE /api/v2/api_keys/{id}', 'DELETE /api/v2/sessions/current']) {
      const [method, path] = key.split(' ') as [string, string];
      const responses = document.paths[path]![method.toLowerCase()]!.responses!;
      expect(Object.keys(responses).filter((status) => Number(status) < 300)).toEqual(['204']);
    }
  });
});
