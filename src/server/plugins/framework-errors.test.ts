import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/test-app.ts';

/**
 * What the HTTP layer refuses before any route runs still answers in the API's
 * shape, `{ error: { code, message } }`: checked with raw bytes on a socket,
 * as a scanner or a broken proxy would send them.
 */
let t: TestContext;
let port: number;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await t.close();
});

type Raw = { status: number; headers: string; body: string };

function raw(bytes: string | Buffer, listenPort = port): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(listenPort, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      let body = rest.join('\r\n\r\n');
      if (/transfer-encoding: chunked/i.test(head)) {
        body = body.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n\r\n$/, '');
      }
      resolve({ status, headers: head, body });
    });
    socket.setTimeout(5_000, () => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(String(bytes).slice(0, 80))}: ${data}`));
    });
    socket.write(bytes);
    socket.end();
  });
}

function expectErrorBody(answer: Raw, status: number) {
  const label = `${answer.headers}\n\n${answer.body}`;
  expect(answer.status, label).toBe(status);
  expect(answer.headers, label).toMatch(/content-type: application\/json/i);
  const body = JSON.parse(answer.body);
  expect(body, label).toEqual({
    error: { code: expect.any(String), message: expect.any(String), detail: body.error?.message },
  });
  expect(body.error.message.length, label).toBeGreaterThan(5);
  return body.error as { code: string; message: string };
}

describe('errors the HTTP framework raises', () => {
  it('431 for headers that are too large', async () => {
    const answer = await raw(`GET /api/v2/setup HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(expectErrorBody(answer, 431).code).toBe('headers_too_large');
  });

  it('400 for characters a header may not carry', async () => {
    const answer = await raw('GET /api/v2/setup HTTP/1.1\r\nHost: x\r\nX-Evil: a\u0001b\r\n\r\n');
    expectErrorBody(answer, 400);
  });

  it('400 for a malformed request line', async () => {
    for (const line of [
      'GARBAGE\r\n\r\n',
      'GET\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
      'G=T / HTTP/1.1\r\n\r\n',
    ]) {
      expectErrorBody(await raw(line), 400);
    }
  });

  it('400 for Content-Length together with Transfer-Encoding (request smuggling)', async () => {
    const answer = await raw(
      'POST /api/v2/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    expectErrorBody(answer, 400);
  });

  it('400 for a bad chunk size', async () => {
    const answer = await raw(
      'POST /api/v2/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    );
    expectErrorBody(answer, 400);
  });

  it('400 for NUL in the path, raw or percent-encoded', async () => {
    expectErrorBody(await raw('GET /api/v2/se\u0000tup HTTP/1.1\r\nHost: x\r\n\r\n'), 400);
    const encoded = await raw('GET /api/v2/organization_collaborators/a%00b HTTP/1.1\r\nHost: x\r\n\r\n');
    expect([400, 401]).toContain(encoded.status);
    expectErrorBody(encoded, encoded.status);
  });

  it('400 for an HTTP/1.1 request without Host', async () => {
    expectErrorBody(await raw('GET /api/v2/setup HTTP/1.1\r\n\r\n'), 400);
  });

  it('503 shutting_down for a request that arrives while the server closes', async () => {
    const other = await createTestApp();
    let app: FastifyInstance | undefined = other.app;
    try {
      app.get('/slow', { config: { access: 'public' } }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        return { done: true };
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const otherPort = (app.server.address() as net.AddressInfo).port;
      // One keep-alive connection: a slow request in flight, then close(), then a second request on it.
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(otherPort, '127.0.0.1');
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', () => undefined);
        socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
        setTimeout(() => {
          void app!.close();
          setTimeout(() => socket.write('GET /api/v2/setup HTTP/1.1\r\nHost: x\r\n\r\n'), 100);
        }, 200);
        setTimeout(() => socket.destroy(), 4_000);
      });
      app = undefined;
      const second = answer.slice(answer.indexOf('HTTP/1.1', 10));
      expect(second, answer).toMatch(/^HTTP\/1\.1 503/);
      const [head = '', ...rest] = second.split('\r\n\r\n');
      expectErrorBody({ status: 503, headers: head, body: rest.join('\r\n\r\n') }, 503);
      expect(JSON.parse(rest.join('\r\n\r\n')).error.code).toBe('shutting_down');
    } finally {
      await other.close();
    }
  });
});
