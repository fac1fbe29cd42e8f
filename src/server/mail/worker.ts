import type { AppDeps } from '../deps.ts';
import type { Config } from '../config.ts';
import { withTransaction } from '../db/transaction.ts';
import { openMailBody } from './outbox-crypto.ts';
import * as repo from './outbox.repository.ts';
import { redactTokens } from './templates.ts';
import type { MailTransport } from './transports.ts';

export type MailWorker = {
  /** Polls for due mail every `config.mailPollMs` until stopped. */
  start: () => void;
  /** Stops polling, abandons the delivery in progress and gives its mail back. */
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

/** One mail per claim: only the mail being sent is leased, so a lease never runs out while it waits its turn. */
const batchSize = 1;

/** Seconds to wait after the `failures`-th failed attempt: the configured list, then doubling, capped. */
export function retryDelayMs(
  config: Pick<Config, 'mailRetrySeconds' | 'mailRetryMaxDelayMs'>,
  failures: number,
) {
  const list = config.mailRetrySeconds.length > 0 ? config.mailRetrySeconds : [5];
  const index = failures - 1;
  const seconds =
    index < list.length ? list[index]! : list[list.length - 1]! * 2 ** (index - list.length + 1);
  return Math.min(seconds * 1000, config.mailRetryMaxDelayMs);
}

/** `<outbox-id@sender-domain>`: the same for every attempt at one outbox row. */
export function messageIdFor(config: Pick<Config, 'mailFrom'>, outboxId: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'roster.invalid';
  return `<${outboxId}@${domain}>`;
}

/**
 * Delivers the mail outbox. Each mail is claimed with a short lease (so other
 * workers and instances skip it) that is renewed while the send is in flight,
 * sent with a Message-ID stable per outbox row, then marked sent under that
 * same lease. A failure is retried with growing delays (`mailRetrySeconds`,
 * then doubling, capped at `mailRetryMaxDelayMs`) until `mailRetryWindowMs`
 * has passed since the mail was queued (or an owner's "Retry now"); then the
 * mail (and its invitation) is marked failed, its bodies still sealed so it can
 * be retried while the link lives. Stopping abandons the send in flight and gives its mail back.
 */
export function createMailWorker(
  deps: AppDeps,
  transport: MailTransport,
  options: { log?: Log } = {},
): MailWorker {
  const log = options.log ?? silent;
  const config = deps.config;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<{ sent: number; failed: number }> | null = null;
  let stopping = false;
  const stopSignal = new AbortController();

  const leaseFrom = (now: Date) => new Date(now.getTime() + config.mailLeaseMs).toISOString();

  async function claim() {
    const now = config.now();
    const leaseUntil = leaseFrom(now);
    const rows = await withTransaction(deps.database, (trx) =>
      repo.claimDue(trx, {
        now: now.toISOString(),
        leaseUntil,
        limit: batchSize,
        skipLocked: deps.database.dialect === 'postgres',
      }),
    );
    // Bodies are sealed in the database (outbox-crypto.ts); only here, about to send, are they opened.
    const secret = deps.config.secret;
    const open = (row: repo.OutboxRow): repo.OutboxRow => ({
      ...row,
      text_body: openMailBody(secret, row.id, row.text_body),
      html_body: openMailBody(secret, row.id, row.html_body),
    });
    return { rows: rows.map(open), leaseUntil };
  }

  /** Keeps the lease alive every third of its length until `end()`, which resolves to the lease then held. */
  function holdLease(id: string, leaseUntil: string) {
    let current = leaseUntil;
    let renewing: Promise<void> = Promise.resolve();
    const interval = setInterval(
      () => {
        renewing = renewing.then(async () => {
          const renewedUntil = leaseFrom(config.now());
          try {
            if (await repo.renewLease(deps.database.db, { id, leaseUntil: current, renewedUntil })) {
              current = renewedUntil;
            }
          } catch (error) {
            log.warn({ mailId: id, err: String(error) }, 'could not renew a mail lease');
          }
        });
      },
      Math.max(250, config.mailLeaseMs / 3),
    );
    interval.unref();
    return async () => {
      clearInterval(interval);
      await renewing;
      return current;
    };
  }

  async function deliver(
    row: repo.OutboxRow,
    leaseUntil: string,
  ): Promise<'sent' | 'failed' | 'retry' | 'released'> {
    const endLease = holdLease(row.id, leaseUntil);
    const attempt = row.attempts + 1;
    let outcome: { ok: true } | { ok: false; error: unknown } | { released: true };
    let onStop = () => {};
    const stopped = new Promise<{ released: true }>((resolve) => {
      onStop = () => resolve({ released: true });
      if (stopSignal.signal.aborted) onStop();
      stopSignal.signal.addEventListener('abort', onStop, { once: true });
    });
    try {
      outcome = await Promise.race([
        transport
          .send(
            { to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body },
            { messageId: messageIdFor(config, row.id) },
          )
          .then(() => ({ ok: true as const })),
        stopped,
      ]);
    } catch (error) {
      outcome = { ok: false, error };
    }
    stopSignal.signal.removeEventListener('abort', onStop);
    const lease = await endLease();

    if ('released' in outcome) {
      // The send is abandoned (the process is stopping): another run sends it, without counting this try.
      await repo.releaseLease(deps.database.db, { id: row.id, leaseUntil: lease });
      log.info({ mailId: row.id }, 'mail delivery interrupted; released for the next run');
      return 'released';
    }

    if (!outcome.ok) {
      const { error } = outcome;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const now = config.now();
      const windowFrom = new Date(row.retry_window_from ?? row.created_at).getTime();
      const final = now.getTime() - windowFrom >= config.mailRetryWindowMs;
      const nextAttemptAt = final
        ? null
        : new Date(now.getTime() + retryDelayMs(config, attempt)).toISOString();
      await withTransaction(deps.database, async (trx) => {
        const recorded = await repo.recordFailure(trx, {
          id: row.id,
          leaseUntil: lease,
          error: message,
          nextAttemptAt,
        });
        if (recorded && final && row.invitation_id) {
          await repo.setInvitationDelivery(trx, row.invitation_id, 'failed');
        }
      });
      log.warn(
        { mailId: row.id, attempt, nextAttemptAt, err: message },
        final ? 'mail delivery failed for good' : 'mail delivery failed; will retry',
      );
      return final ? 'failed' : 'retry';
    }
    await withTransaction(deps.database, async (trx) => {
      const marked = await repo.markSent(trx, {
        id: row.id,
        leaseUntil: lease,
        at: config.now().toISOString(),
        // The registration link is single-use and only needed until delivery; keep no copy.
        textBody: redactTokens(row.text_body),
        htmlBody: redactTokens(row.html_body),
      });
      if (marked && row.invitation_id) await repo.setInvitationDelivery(trx, row.invitation_id, 'sent');
    });
    log.info({ mailId: row.id, attempt }, 'mail delivered');
    return 'sent';
  }

  async function drain() {
    let sent = 0;
    let failed = 0;
    // Bounded, so a flood of mail cannot keep one run going forever.
    for (let round = 0; round < 200 && !stopping; round++) {
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
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      stopSignal.abort();
      await running?.catch(() => undefined);
      transport.close();
    },
    runOnce,
  };
}
