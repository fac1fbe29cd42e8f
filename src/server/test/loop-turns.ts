import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Over a real socket, as a browser downloads it: asks for `longPath`, and as
 * soon as its headers arrive asks for `otherPath`; resolves to the paths in
 * the order their answers ended. A long answer written in one turn of the
 * request loop ends first, however long it is; one that lets the loop turn
 * between its chunks lets the other answer end first.
 */
export async function answerOrder(
  app: FastifyInstance,
  cookie: string,
  longPath: string,
  otherPath: string,
): Promise<string[]> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const ended: string[] = [];
  const get = (path: string, onHeaders?: () => void) =>
    new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, headers: { cookie } }, (response) => {
          if (response.statusCode !== 200) reject(new Error(`${path} answered ${response.statusCode}`));
          onHeaders?.();
          response.resume();
          response.on('end', () => {
            ended.push(path);
            resolve();
          });
        })
        .on('error', reject);
    });
  let other: Promise<void> | undefined;
  await get(longPath, () => {
    other = get(otherPath);
  });
  await other;
  return ended;
}
