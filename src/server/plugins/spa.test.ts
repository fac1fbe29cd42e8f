import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/test-app.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the built console', () => {
  let t: TestContext;
  let dir: string;
  const script = `console.log(${JSON.stringify('roster '.repeat(2000))});`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-dist-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><script src="/assets/index-abc123.js"></script>${' '.repeat(400)}`,
    );
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), script);
    // As the build writes it: a precompressed form beside the file is sent as it is.
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(
      path.join(dir, 'assets', 'index-abc123.js.map'),
      '{"version":3,"sources":["secret.ts"]}',
    );
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await createTestApp({}, { staticRoot: dir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends hashed assets brotli- or gzip-compressed, cached for a year as immutable', async () => {
    const br = await t.app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);

    const gzip = await t.app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(script);

    const plain = await t.app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'br;q=0' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('never caches index.html, whether asked for by name, at / or as the fallback of a client route', async () => {
    for (const url of ['/', '/index.html', '/settings/members', '/accept-invitation?token=secret-token']) {
      const response = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(zlib.gunzipSync(response.rawPayload).toString(), url).toContain('/assets/index-abc123.js');
    }
  });

  it('does not serve source maps', async () => {
    const map = await t.app.inject({ url: '/assets/index-abc123.js.map' });
    expect(map.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/assets/gone-123.js' })).statusCode).toBe(404);
    expect(map.body).not.toContain('secret.ts');
  });

  it('serves unhashed public files but lets browsers revalidate them', async () => {
    const icon = await t.app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps unknown API paths out of the fallback', async () => {
    const response = await t.app.inject({ url: '/api/v2/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBeDefined();
  });
});
