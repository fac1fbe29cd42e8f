/**
 * Test support (not used by the product): a real SMTP receiver on 127.0.0.1,
 * collecting what it receives, that can be stopped and started again on the
 * same port to simulate an outage, told to refuse every recipient (a mail
 * server that is up but says no), or to take a message and never answer.
 */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMessage = { to: string[]; raw: string; text: string; messageId: string | undefined };

export type SmtpReceiverBehaviour = {
  /** Refuse every recipient with a 550 (the sender's attempt fails). */
  refuse: boolean;
  /** Take a message's data and never acknowledge it (the sender waits). */
  stall: boolean;
};

/** Undoes quoted-printable, enough to read links and names out of a message. */
function readable(raw: string): string {
  return raw
    .replace(/\r\n/g, '\n')
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A free port in 2600-2699 (the range reserved for these tests), picked at random to spread parallel runs. */
export async function freeSmtpPort(): Promise<number> {
  const start = Math.floor(Math.random() * 100);
  for (let i = 0; i < 100; i++) {
    const port = 2600 + ((start + i) % 100);
    if (await portIsFree(port)) return port;
  }
  throw new Error('No free port in 2600-2699');
}

export function createSmtpReceiver(port: number) {
  const messages: ReceivedMessage[] = [];
  const behaviour: SmtpReceiverBehaviour = { refuse: false, stall: false };
  let server: SMTPServer | null = null;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    behaviour,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(_address, _session, callback) {
          if (!behaviour.refuse) return callback();
          const refused = Object.assign(new Error('Mailbox unavailable (refused by the test receiver)'), {
            responseCode: 550,
          });
          callback(refused);
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            messages.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw,
              text: readable(raw),
              messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1],
            });
            if (!behaviour.stall) callback();
          });
        },
      });
      const started = server;
      await new Promise<void>((resolve, reject) => {
        started.once('error', reject);
        started.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async stop() {
      const running = server;
      server = null;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
}
