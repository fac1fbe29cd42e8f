import { errorBodySchema } from '#contract/errors.ts';

/** A failed call, with the server's code and message (or ours when it could not be reached). */
export class CliApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CliApiError';
  }
}

export type ApiClient = {
  baseUrl: string;
  get: <T>(path: string, query?: Record<string, string | number | undefined>) => Promise<T>;
  post: <T>(path: string, body: unknown) => Promise<T>;
  patch: <T>(path: string, body: unknown) => Promise<T>;
  delete: (path: string) => Promise<void>;
};

/** One object arrives as `{ result: … }` (the platform's envelope); lists pass through. */
function unwrapResult(data: unknown): unknown {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const keys = Object.keys(data);
    if (keys.length === 1 && keys[0] === 'result') return (data as { result: unknown }).result;
  }
  return data;
}

/** The JSON API over fetch, authenticated with a personal API key. */
export function createApiClient(baseUrl: string, apiKey: string): ApiClient {
  const root = baseUrl.replace(/\/+$/, '');

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${root}/api/v2${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new CliApiError(0, 'network_error', `Could not reach Roster at ${root} (${reason}).`);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      const parsed = errorBodySchema
        .extend({ error: errorBodySchema.shape.error.partial({ detail: true }) })
        .safeParse(data);
      if (parsed.success) {
        throw new CliApiError(response.status, parsed.data.error.code, parsed.data.error.message);
      }
      throw new CliApiError(response.status, 'http_error', `Roster answered ${response.status} for ${path}.`);
    }
    return unwrapResult(data) as T;
  }

  return {
    baseUrl: root,
    get: (path, query) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query ?? {})) {
        if (value !== undefined) params.set(key, String(value));
      }
      const search = params.toString();
      return request('GET', search ? `${path}?${search}` : path);
    },
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
  };
}
