/**
 * The test IdP over HTTP (what journeys drive through Chromium): a real
 * listening Roster, the IdP's sign-in form, its auto-posting answer, the ACS.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMember, setupOrganization, type Actor } from './actors.ts';
import { startTestIdpServer, type TestIdpServer } from './saml-idp.ts';
import { baseConfig, configureSso } from './sso-kit.ts';
import { createTestApp, type TestContext } from './test-app.ts';

let t: TestContext;
let owner: Actor;
let idpServer: TestIdpServer;
let base: string;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const unescape = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const field = (html: string, name: string) =>
  unescape(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '');

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await createTestApp({ publicUrl: base });
  await t.app.listen({ port, host: '127.0.0.1' });
  owner = await setupOrganization(t.app);
  idpServer = await startTestIdpServer({
    port: await freePort(),
    spMetadataUrl: (issuer) => issuer,
  });
  expect((await configureSso(owner, baseConfig(idpServer.idp))).statusCode).toBe(200);
  await createMember(t.deps, owner.orgId, { name: 'Casey', email: 'casey@acme.test' });
});
afterAll(async () => {
  await idpServer?.close();
  await t?.close();
});

it('signs a person in through the IdP’s form and the auto-posting page, as a browser would', async () => {
  // The IdP signs with the real clock; the app's clock follows it here.
  t.clock.now = new Date();
  const start = await fetch(`${base}/api/v2/sso/${owner.orgId}/login?email=casey%40acme.test&next=/clouds`, {
    redirect: 'manual',
  });
  expect(start.status).toBe(302);
  const idpPage = await fetch(start.headers.get('location')!);
  const form = await idpPage.text();
  expect(form).toContain('value="casey@acme.test"');
  const answer = await fetch(`${new URL(idpServer.url).origin}/idp/sso/answer`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ location: field(form, 'location'), email: 'casey@acme.test' }).toString(),
  });
  const autoPost = await answer.text();
  expect(answer.status, autoPost).toBe(200);
  const action = unescape(/action="([^"]+)"/.exec(autoPost)![1]!);
  expect(action).toBe(`${base}/api/v2/sso/${owner.orgId}/acs`);
  const acs = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(idpServer.url).origin },
    body: new URLSearchParams({
      SAMLResponse: field(autoPost, 'SAMLResponse'),
      RelayState: field(autoPost, 'RelayState'),
    }).toString(),
  });
  expect(acs.status, await acs.clone().text()).toBe(302);
  expect(acs.headers.get('location')).toBe('/clouds');
  const cookie = acs.headers.get('set-cookie')!.split(';')[0]!;
  const info = await fetch(`${base}/api/v2/userinfo`, { headers: { cookie } });
  expect(info.status).toBe(200);
  expect((await info.json()).result.email).toBe('casey@acme.test');
});
