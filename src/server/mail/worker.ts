import type { AppDeps } from '../app.ts';
import { withTransaction } from '../db/transaction.ts';
import * as repo from './outbox.repository.ts';
import { redactTokens } from './templates.ts';
import type { MailTransport } from './transports.ts';

export type MailWorker = {
  /** Polls for due mail every `config.mailPollMs` until stopped. */
  start: () => void;
  /** Stops polling and waits for the delivery in progress. */
  stop: () => Promise<void>;
  /** Delivers everything due now; resolves when done. Tests drive the worker with it. */
  runOnce: () => Promise<{ sent: number; failed: number }>;
};

type Log = {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
};

const silent: Log = { info: () => {}, warn: () => {}, error: () => {} };

/** Longer than any SMTP attempt can take (see the transport's timeouts), so a lease never ends mid-send. */
const leaseMs = 5 * 60_000;
const batchSize = 20;

/**
 * Delivers the mail outbox. Each mail is claimed with a lease (so other workers
 * and instances skip it), sent, then marked sent under that same lease; a
 * failure is recorded and retried on the `config.mailRetrySeconds` schedule,
 * and after the last retry the mail (and its invitation) is marked failed.
 */
export function createMailWorker(
  deps: AppDeps,
  transport: MailTransport,
  options: { log?: Log } = {},
): MailWorker {
  const log = options.log ?? silent;
  const schedule = deps.config.mailRetrySeconds;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<{ sent: number; failed: number }> | null = null;

  async function claim() {
    const now = deps.config.now();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const rows = await withTransaction(deps.database, (trx) =>
      repo.claimDue(trx, {
        now: now.toISOString(),
        leaseUntil,
        limit: batchSize,
        skipLocked: deps.database.dialect === 'postgres',
      }),
    );
    return { rows, leaseUntil };
  }

  async function deliver(row: repo.OutboxRow, leaseUntil: string): Promise<'sent' | 'failed' | 'retry'> {
    try {
      await transport.send({
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
      });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const delaySeconds = schedule[row.attempts - 1];
      const final = delaySeconds === undefined;
      const nextAttemptAt = final
        ? null
        : new Date(deps.config.now().getTime() + delaySeconds * 1000).toISOString();
      await withTransaction(deps.database, async (trx) => {
        const recorded = await repo.recordFailure(trx, {
          id: row.id,
          leaseUntil,
          error: message,
          nextAttemptAt,
          textBody: redactTokens(row.text_body),
          htmlBody: redactTokens(row.html_body),
        });
        if (recorded && final && row.invitation_id) {
          await repo.setInvitationDelivery(trx, row.invitation_id, 'failed');
        }
      });
      log.warn(
        { mailId: row.id, attempt: row.attempts, nextAttemptAt, err: message },
        final ? 'mail delivery failed for good' : 'mail delivery failed; will retry',
      );
      return final ? 'failed' : 'retry';
    }
    await withTransaction(deps.database, async (trx) => {
      const marked = await repo.markSent(trx, {
        id: row.id,
        leaseUntil,
        at: deps.config.now().toISOString(),
        // The registration link is single-use and only needed until delivery; keep no copy.
        textBody: redactTokens(row.text_body),
        htmlBody: redactTokens(row.html_body),
      });
      if (marked && row.invitation_id) await repo.setInvitationDelivery(trx, row.invitation_id, 'sent');
    });
    log.info({ mailId: row.id, attempt: row.attempts }, 'mail delivered');
    return 'sent';
  }

  async function drain() {
    let sent = 0;
    let failed = 0;
    // Bounded, so a flood of mail cannot keep one run going forever.
    for (let round = 0; round < 50; round++) {
      const { rows, leaseUntil } = await claim();
      if (rows.length === 0) break;
      for (const row of rows) {
        const outcome = await deliver(row, leaseUntil);
        if (outcome === 'sent') sent++;
        if (outcome === 'failed') failed++;
      }
    }
    return { sent, failed };
  }

  function runOnce() {
    // One run at a time per worker; a caller arriving mid-run waits for it and then runs again.
    const previous = running ?? Promise.resolve({ sent: 0, failed: 0 });
    const next = previous.catch(() => undefined).then(drain);
    running = next;
    const settle = () => {
      if (running === next) running = null;
    };
    next.then(settle, settle);
    return next;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        runOnce().catch((error) => log.error({ err: error }, 'mail worker run failed'));
      }, deps.config.mailPollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
      transport.close();
    },
    runOnce,
  };
}
