import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import client from 'prom-client';
import { errorCodes } from '#contract/errors.ts';
import { errorBody } from '../lib/errors.ts';
import { outboxStats } from '../mail/outbox.repository.ts';

export type Metrics = {
  contentType: string;
  /** The exposition text, with the database-derived gauges read now. */
  render: () => Promise<string>;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Null unless METRICS=true. */
    metrics: Metrics | null;
  }
}

const disabledMessage = 'Metrics are not enabled on this server.';

/**
 * Prometheus metrics (METRICS=true): request durations by route pattern and
 * status, the database pool, the mail outbox and failed sign-ins, plus Node's
 * process metrics. Each app has its own registry. Served at /metrics, or on
 * METRICS_PORT by `serveMetrics` (then the console's /metrics is a 404 like
 * when metrics are off).
 */
async function metricsPlugin(app: FastifyInstance): Promise<void> {
  const { config, database } = app.deps;
  const metrics = config.metrics.enabled ? createMetrics(app) : null;
  app.decorate('metrics', metrics);

  const served = metrics !== null && config.metrics.port === null;
  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics (METRICS=true; 404 when off or served on METRICS_PORT)',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      if (!served) return reply.status(404).send(errorBody(errorCodes.notFound, disabledMessage));
      return reply.type(metrics.contentType).send(await metrics.render());
    },
  );

  function createMetrics(instance: FastifyInstance): Metrics {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry });

    const duration = new client.Histogram({
      name: 'roster_http_request_duration_seconds',
      help: 'Time to answer a request, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const signInFailures = new client.Counter({
      name: 'roster_sign_in_failures_total',
      help: 'Refused sign-ins: wrong email or password (invalid_credentials) or too many attempts (throttled).',
      labelNames: ['reason'] as const,
      registers: [registry],
    });
    const pool = (
      name: string,
      help: string,
      read: (stats: ReturnType<typeof database.poolStats>) => number,
    ) =>
      new client.Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read(database.poolStats()));
        },
      });
    pool(
      'roster_db_pool_connections',
      'Database connections open (SQLite: its one connection).',
      (s) => s.size,
    );
    pool('roster_db_pool_connections_in_use', 'Database connections checked out by a query.', (s) => s.inUse);
    pool('roster_db_pool_connections_idle', 'Database connections open and free.', (s) => s.idle);
    pool('roster_db_pool_waiting', 'Queries waiting for a free database connection.', (s) => s.waiting);

    const gauge = (name: string, help: string) => new client.Gauge({ name, help, registers: [registry] });
    const pending = gauge('roster_mail_outbox_pending', 'Mail waiting to be sent (including retries).');
    const failed = gauge(
      'roster_mail_outbox_failed',
      'Mail given up on after the retry window (owners can retry).',
    );
    const oldest = gauge(
      'roster_mail_outbox_oldest_pending_age_seconds',
      'How long the oldest mail still waiting has been queued (0 when none waits).',
    );
    const databaseUp = gauge(
      'roster_database_up',
      'Whether the last metrics scrape could read the database.',
    );

    for (const reason of ['invalid_credentials', 'throttled']) signInFailures.inc({ reason }, 0);

    instance.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? '(unmatched)';
      const status = reply.statusCode;
      duration.observe({ method: request.method, route, status: String(status) }, reply.elapsedTime / 1000);
      if (request.method === 'POST' && route === '/api/v2/sessions') {
        if (status === 401) signInFailures.inc({ reason: 'invalid_credentials' });
        if (status === 429) signInFailures.inc({ reason: 'throttled' });
      }
    });

    return {
      contentType: registry.contentType,
      async render() {
        try {
          const stats = await outboxStats(database.db);
          pending.set(stats.pending);
          failed.set(stats.failed);
          const age = stats.oldestPendingAt
            ? (config.now().getTime() - new Date(stats.oldestPendingAt).getTime()) / 1000
            : 0;
          oldest.set(Math.max(0, age));
          databaseUp.set(1);
        } catch {
          // The outbox gauges keep their last values; the rest still tells the operator how the process is.
          databaseUp.set(0);
        }
        return registry.metrics();
      },
    };
  }
}

export default fp(metricsPlugin, { name: 'metrics' });

/** /metrics on its own port (METRICS_PORT), e.g. on an interface only the monitoring network reaches. */
export async function serveMetrics(
  metrics: Metrics,
  listen: { host: string; port: number },
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(errorBody(errorCodes.notFound, 'Only GET /metrics is served here.')));
      return;
    }
    metrics.render().then(
      (text) => {
        response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        response.end(text);
      },
      () => {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(errorBody(errorCodes.internal, 'Metrics could not be collected.')));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection must not hold up shutdown.
        server.closeAllConnections();
      }),
  };
}
