import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { setupOrganization } from '../test/actors.ts';
import { createTestApp, testDialect, type TestContext } from '../test/test-app.ts';
import { serveMetrics } from './metrics.ts';

let t: TestContext | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t?.close();
  t = undefined;
});

/** The value of one sample line, e.g. `roster_mail_outbox_pending 2`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('is not there unless METRICS=true: a JSON 404, never the console page', async () => {
    expect(loadConfig({ NODE_ENV: 'test' }).metrics).toEqual({ enabled: false, port: null });
    expect(loadConfig({ NODE_ENV: 'test', METRICS: 'true', METRICS_PORT: '9464' }).metrics).toEqual({
      enabled: true,
      port: 9464,
    });
    // A built console is served, so a path it does not know would get index.html.
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Roster</title>');
    cleanups.push(async () => fs.rmSync(dist, { recursive: true, force: true }));
    t = await createTestApp({}, { staticRoot: dist });
    expect((await t.app.inject({ method: 'GET', url: '/settings/members' })).body).toContain('<title>Roster');
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.json().error).toMatchObject({ code: 'not_found' });
    expect(t.app.metrics).toBeNull();
  });

  it('with METRICS=true tells request durations by route and status, pool, outbox and failed sign-ins', async () => {
    t = await createTestApp({ metrics: { enabled: true, port: null }, smtpUrl: 'smtp://127.0.0.1:1' });
    const owner = await setupOrganization(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v2/sessions',
      headers: { 'x-requested-with': 'roster' },
      payload: { email: owner.email, password: 'not the password at all' },
    });
    expect(wrong.statusCode).toBe(401);
    const member = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${owner.memberId}`,
    });
    expect(member.statusCode).toBe(200);
    const invited = await owner.request({
      method: 'POST',
      url: '/api/v2/organization_invitations',
      payload: { emails: ['queued@x.test', 'failed@x.test'] },
    });
    expect(invited.statusCode).toBe(200);
    // Nothing delivers in this test: one mail waits, the other has been given up on.
    await t.deps.database.db
      .updateTable('mail_outbox')
      .set({ status: 'failed' })
      .where('to_address', '=', 'failed@x.test')
      .execute();
    t.clock.advance(90_000);

    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;

    const byRoute = (route: string, method: string, status: number) =>
      sample(
        text,
        `roster_http_request_duration_seconds_count{method="${method}",route="${route}",status="${status}"}`,
      );
    expect(byRoute('/api/v2/organization_collaborators/:id', 'GET', 200)).toBe(1);
    expect(byRoute('/api/v2/sessions', 'POST', 401)).toBe(1);
    expect(byRoute('/api/v2/organization_invitations', 'POST', 200)).toBe(1);
    // Route patterns, never raw URLs with ids.
    expect(text).not.toContain(owner.memberId);
    expect(text).toMatch(/roster_http_request_duration_seconds_bucket\{le="0.1",method="GET"/);

    expect(sample(text, 'roster_sign_in_failures_total{reason="invalid_credentials"}')).toBe(1);
    expect(sample(text, 'roster_sign_in_failures_total{reason="throttled"}')).toBe(0);

    expect(sample(text, 'roster_mail_outbox_pending')).toBe(1);
    expect(sample(text, 'roster_mail_outbox_failed')).toBe(1);
    expect(sample(text, 'roster_mail_outbox_oldest_pending_age_seconds')).toBe(90);
    expect(sample(text, 'roster_database_up')).toBe(1);

    const open = sample(text, 'roster_db_pool_connections')!;
    const inUse = sample(text, 'roster_db_pool_connections_in_use')!;
    const idle = sample(text, 'roster_db_pool_connections_idle')!;
    expect(sample(text, 'roster_db_pool_waiting')).toBe(0);
    expect(inUse + idle).toBe(open);
    if (testDialect === 'sqlite') expect(open).toBe(1);
    else expect(open).toBeGreaterThanOrEqual(1);
    // Node's own process metrics come along.
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('with METRICS_PORT, /metrics is served on that port only', async () => {
    t = await createTestApp({ metrics: { enabled: true, port: 9464 } });
    const onConsole = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(onConsole.statusCode).toBe(404);
    expect(onConsole.json().error.code).toBe('not_found');

    await t.app.inject({ method: 'GET', url: '/healthz' });
    const server = await serveMetrics(t.app.metrics!, { host: '127.0.0.1', port: 0 });
    cleanups.push(() => server.close());
    const scraped = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(
      sample(text, 'roster_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}'),
    ).toBe(1);
    const elsewhere = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
