import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

type HeaderSet = { set: [name: string, value: string][]; removed: string[] };

/**
 * The headers helmet sends for these options, worked out once: helmet's
 * middleware rebuilds its policy (and re-parses the CSP directives) on every
 * call, and the options never change while the server runs.
 */
function headersOf(options: HelmetOptions): HeaderSet {
  const headers = new Map<string, string>();
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name, String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name);
      removed.push(name);
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return { set: [...headers], removed };
}

/** Helmet's security headers on every answer, computed at startup and set in one hook. */
async function securityHeaders(app: FastifyInstance, options: HelmetOptions): Promise<void> {
  const { set, removed } = headersOf(options);
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const name of removed) raw.removeHeader(name);
    for (const [name, value] of set) raw.setHeader(name, value);
    done();
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
