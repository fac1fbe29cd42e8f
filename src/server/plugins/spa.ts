import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../lib/errors.ts';

/** Machine paths (API, health checks, metrics) answer JSON 404s, never index.html. */
const notTheConsole = /^\/(api|healthz|readyz|metrics)(\/|\?|$)/;
/** A missing asset or any source map is a 404, not the console's page. */
const notAPage = /^\/assets\/|\.map(\?|$)/;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};
const compressible = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.svg',
  '.json',
  '.webmanifest',
  '.txt',
  '.ico',
]);

/** Vite names everything under /assets/ by content hash: such a URL never changes meaning. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

type Asset = { type: string; cacheControl: string; identity: Buffer; br?: Buffer; gzip?: Buffer };

function listFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, full) : [full];
  });
}

/**
 * The whole build, read once at startup into memory with its brotli and gzip
 * forms (the build writes them beside each file; anything missing is
 * compressed here, once). Serving is then a lookup and a write: no file system
 * and no libuv thread pool on a request's path, so password hashing bursts
 * cannot hold the main script back. Source maps are never served.
 */
export function loadAssets(root: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const file of listFiles(root)) {
    const ext = path.extname(file);
    if (ext === '.map' || ext === '.br' || ext === '.gz') continue;
    const url = `/${path.relative(root, file).split(path.sep).join('/')}`;
    const identity = fs.readFileSync(file);
    const asset: Asset = {
      type: contentTypes[ext] ?? 'application/octet-stream',
      cacheControl: url.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      identity,
    };
    if (compressible.has(ext) && identity.length > 256) {
      asset.br = fs.existsSync(`${file}.br`)
        ? fs.readFileSync(`${file}.br`)
        : zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
      asset.gzip = fs.existsSync(`${file}.gz`)
        ? fs.readFileSync(`${file}.gz`)
        : zlib.gzipSync(identity, { level: 9 });
    }
    assets.set(url, asset);
  }
  return assets;
}

function accepts(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name!.trim().toLowerCase() !== coding) return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
  const acceptEncoding = request.headers['accept-encoding'];
  let body = asset.identity;
  if (asset.br && accepts(acceptEncoding, 'br')) {
    body = asset.br;
    reply.header('content-encoding', 'br');
  } else if (asset.gzip && accepts(acceptEncoding, 'gzip')) {
    body = asset.gzip;
    reply.header('content-encoding', 'gzip');
  }
  if (asset.br) reply.header('vary', 'accept-encoding');
  return reply.header('cache-control', asset.cacheControl).type(asset.type).send(body);
}

/**
 * Serves the built console. Unknown /api paths answer a JSON 404; every other
 * GET falls back to index.html (never cached: it names the current hashed
 * assets, and the invitation page's address carries a token) so client routes
 * survive a reload.
 */
async function spaPlugin(app: FastifyInstance, options: { root: string | null }): Promise<void> {
  const root = options.root ? path.resolve(options.root) : null;
  const hasBuild = root !== null && fs.existsSync(path.join(root, 'index.html'));
  const assets = hasBuild ? loadAssets(root) : new Map<string, Asset>();
  const index = assets.get('/index.html');
  for (const [url, asset] of assets) {
    if (url === '/index.html') continue;
    app.get(url, { logLevel: 'warn' }, (request, reply) => send(request, reply, asset));
  }
  app.setNotFoundHandler((request, reply) => {
    if (notTheConsole.test(request.url) || notAPage.test(request.url) || request.method !== 'GET' || !index) {
      throw notFound('This address');
    }
    return send(request, reply, index);
  });
}

export default fp(spaPlugin, { name: 'spa' });
