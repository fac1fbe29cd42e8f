import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { notFound } from '../lib/errors.ts';

/** Machine paths (API, health checks, metrics) answer JSON 404s, never index.html. */
const notTheConsole = /^\/(api|healthz|readyz|metrics)(\/|\?|$)/;

/**
 * Serves the built console. Unknown /api paths answer a JSON 404; every other
 * GET falls back to index.html so client routes survive a reload.
 */
async function spaPlugin(app: FastifyInstance, options: { root: string | null }): Promise<void> {
  const root = options.root ? path.resolve(options.root) : null;
  const hasBuild = root !== null && fs.existsSync(path.join(root, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      maxAge: '1h',
      immutable: false,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (notTheConsole.test(request.url) || request.method !== 'GET' || !hasBuild) {
      throw notFound('This address');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

export default fp(spaPlugin, { name: 'spa' });
