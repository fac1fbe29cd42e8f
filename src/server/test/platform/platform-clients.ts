/**
 * Requests exactly as the platform's clients put them on the wire, replayed
 * through app.inject.
 *
 * The SDK (anyscale/authenticate.py, api.py, and the generated
 * openapi_client rest.py): the key travels as `Cookie: cli_token=<key>`, every
 * request carries `X-Anyscale-Client: CLI` and its version, `Accept` and
 * `Content-Type: application/json` (set even on GET and DELETE), the
 * generator's User-Agent; booleans in the query are Python's `True`/`False`;
 * a POST without a body goes out with `Content-Length: 0`.
 *
 * The Terraform provider (internal/provider/client.go DoRequest): `Authorization:
 * Bearer <key>` and `Content-Type: application/json` on every request, Go's
 * User-Agent, and likewise `Content-Length: 0` on a bodiless POST.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export function sdkRequest(
  app: FastifyInstance,
  key: string,
  method: Method,
  path: string,
  options: {
    query?: [string, string | number | boolean][];
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<LightMyRequestResponse> {
  const query = (options.query ?? [])
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(pythonQueryValue(value))}`)
    .join('&');
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return app.inject({
    method,
    url: query ? `${path}?${query}` : path,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': 'OpenAPI-Generator/1.0.0/python',
      cookie: `cli_token=${key}`,
      'x-anyscale-client': 'CLI',
      'x-anyscale-client-version': '0.0.0-dev',
      ...(body === undefined && method === 'POST' ? { 'content-length': '0' } : {}),
      ...options.headers,
    },
    ...(body === undefined ? {} : { payload: body }),
  });
}

/** urllib's urlencode of a Python value: True/False, not true/false. */
function pythonQueryValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

export function providerRequest(
  app: FastifyInstance,
  key: string,
  method: Method,
  path: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return app.inject({
    method,
    url: path,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'user-agent': 'Go-http-client/1.1',
      'accept-encoding': 'gzip',
      ...(payload === undefined && (method === 'POST' || method === 'PUT') ? { 'content-length': '0' } : {}),
    },
    ...(payload === undefined ? {} : { payload }),
  });
}

/** Every Set-Cookie a response sends, by name. */
export function cookieNames(response: LightMyRequestResponse): string[] {
  const header = response.headers['set-cookie'];
  const all = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return all.map((cookie) => cookie.split('=')[0]!.trim());
}
