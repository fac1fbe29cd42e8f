import nodemailer from 'nodemailer';
import type { MailDeliveryMode } from '#contract/invitations.ts';
import type { AppDeps } from '../deps.ts';
import { developmentFeatures, type Config } from '../config.ts';
import { newId } from '../lib/crypto.ts';
import { insertDevMail } from './dev-mailbox.repository.ts';

export type OutgoingMail = { to: string; subject: string; text: string; html: string };

/** `messageId` is stable per outbox row, so a rare duplicate carries the same Message-ID as the original. */
export type SendOptions = { messageId: string };

export type MailTransport = {
  send: (mail: OutgoingMail, options?: SendOptions) => Promise<void>;
  close: () => void;
};

/**
 * SMTP when SMTP_URL is set; otherwise the development mailbox, except in
 * production, where nothing is sent and owners share links by hand.
 */
export function mailDeliveryMode(config: Pick<Config, 'smtpUrl' | 'env' | 'host'>): MailDeliveryMode {
  if (config.smtpUrl) return 'smtp';
  // Development on a reachable host has no mailbox page to read the mail from.
  if (config.env === 'development' && !developmentFeatures(config)) return 'manual';
  return config.env === 'production' ? 'manual' : 'dev_mailbox';
}

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(
    {
      url: smtpUrl,
      // A stuck server fails the attempt and it is retried; the worker renews its lease meanwhile.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
    { from },
  );
  return {
    send: async (mail, options) => {
      await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(options ? { messageId: options.messageId } : {}),
      });
    },
    close: () => transporter.close(),
  };
}

/** Development only: "delivers" into the dev_mailbox table, shown at /dev/mailbox. */
export function devMailboxTransport(deps: AppDeps): MailTransport {
  return {
    send: async (mail) => {
      await insertDevMail(deps.database.db, {
        id: newId(),
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        created_at: deps.config.now().toISOString(),
      });
    },
    close: () => {},
  };
}

/** The transport for this configuration, or null when mail is shared by hand. */
export function createTransport(deps: AppDeps): MailTransport | null {
  const mode = mailDeliveryMode(deps.config);
  if (mode === 'smtp') return smtpTransport(deps.config.smtpUrl!, deps.config.mailFrom);
  if (mode === 'dev_mailbox') return devMailboxTransport(deps);
  return null;
}
