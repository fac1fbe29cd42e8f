/**
 * Playwright fixtures for Roster's journeys. Tests create their own people
 * (unique emails per test), so tests never depend on each other's data.
 *
 *   seed        — people in the organization of the server under test
 *   pageAs      — a fresh browser page signed in as one of them
 *   axe         — asserts zero WCAG 2.2 AA violations, printed readably
 *   mailbox     — messages the app sent to the SMTP receiver
 *   consoleErrors (automatic) — fails a test on unexpected console errors
 *
 * The default `page` of the journeys project is signed in as the first owner
 * (e2e/.auth/<port>/owner.json). That session is shared by every test: sign
 * out only on pages from `pageAs`, never on the default page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { PermissionLevel } from '#contract/roles.ts';
import { e2eOrganization, e2ePassword, mainServer, type RosterServer } from './env.ts';
import type { ReceivedMail } from './mail.ts';

export { expect };

export type SeededMember = {
  id: string;
  user_id: string;
  name: string;
  email: string;
  role: PermissionLevel;
  password: string;
};

type SeedInput = { name?: string; email?: string; role?: PermissionLevel; created_at?: string };

const firstNames = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Barbara', 'Edsger', 'Frances', 'Dennis'];
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Liskov', 'Dijkstra', 'Allen'];

let counter = 0;
/** Short and unique across workers and runs: keeps emails distinct without clean-up. */
export function uniqueSuffix(): string {
  counter += 1;
  return `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

function emailFor(name: string, suffix: string): string {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}.${suffix}@acme.test`;
}

export type Seeder = {
  /** One person; the name defaults to a collaborator "Casey Collaborator". */
  member: (input?: SeedInput) => Promise<SeededMember>;
  /** `count` people with realistic names, e.g. to fill more than one page. */
  members: (count: number, input?: { role?: PermissionLevel }) => Promise<SeededMember[]>;
};

async function seedThrough(server: RosterServer, inputs: Required<Pick<SeedInput, 'name' | 'email'>>[]) {
  const response = await fetch(`${server.controlUrl}/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ members: inputs }),
  });
  const body = (await response.json()) as { members?: Omit<SeededMember, 'password'>[]; error?: string };
  if (!response.ok || !body.members) throw new Error(`seeding failed (${response.status}): ${body.error}`);
  return body.members.map((member) => ({ ...member, password: e2ePassword }));
}

export class ConsoleErrors {
  readonly errors: string[] = [];
  private allowed: RegExp[] = [
    // The console asks /api/v2/userinfo to learn whether you are signed in;
    // when you are not, Chromium logs the 401 of that resource load.
    /Failed to load resource: the server responded with a status of 401/,
  ];

  /** Tolerate an expected error for the rest of this test, e.g. a deliberate 409. */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  watch(context: BrowserContext): void {
    context.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      const text = `${message.text()} (${message.location().url || message.page()?.url() || 'unknown page'})`;
      this.errors.push(text);
    });
    context.on('weberror', (error) => this.errors.push(`Uncaught: ${error.error().message}`));
  }

  unexpected(): string[] {
    return this.errors.filter((text) => !this.allowed.some((pattern) => pattern.test(text)));
  }
}

export type Axe = {
  /** Scans the page (or part of it) and fails with a readable list of violations. */
  check: (page: Page, options?: { label?: string; include?: string; exclude?: string[] }) => Promise<void>;
};

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type Mailbox = {
  all: () => ReceivedMail[];
  /** Waits for a message to `to` (and matching `subject`, if given) and returns the newest such. */
  waitFor: (to: string, options?: { subject?: RegExp; timeout?: number }) => Promise<ReceivedMail>;
};

type Fixtures = {
  seed: Seeder;
  pageAs: (member: { email: string; password?: string }) => Promise<Page>;
  axe: Axe;
  mailbox: Mailbox;
  consoleErrors: ConsoleErrors;
};

type Options = {
  /** The server under test; the first-run project points this at its own empty server. */
  roster: RosterServer;
};

export const test = base.extend<Fixtures & Options>({
  roster: [mainServer, { option: true }],

  consoleErrors: [
    async ({ context }, use) => {
      const collector = new ConsoleErrors();
      collector.watch(context);
      await use(collector);
      const unexpected = collector.unexpected();
      expect(unexpected, `Unexpected console errors:\n  ${unexpected.join('\n  ')}`).toEqual([]);
    },
    { auto: true },
  ],

  seed: async ({ roster }, use) => {
    await use({
      member: async (input = {}) => {
        const name = input.name ?? 'Casey Collaborator';
        const [member] = await seedThrough(roster, [
          { ...input, name, email: input.email ?? emailFor(name, uniqueSuffix()) },
        ]);
        return member!;
      },
      members: async (count, input = {}) => {
        const suffix = uniqueSuffix();
        const inputs = Array.from({ length: count }, (_, index) => {
          const name = `${firstNames[index % firstNames.length]} ${lastNames[Math.floor(index / firstNames.length) % lastNames.length]}`;
          return { ...input, name, email: emailFor(`${name} ${index}`, suffix) };
        });
        return seedThrough(roster, inputs);
      },
    });
  },

  pageAs: async ({ browser, roster, consoleErrors }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async ({ email, password = e2ePassword }) => {
      const context = await browser.newContext({
        baseURL: roster.url,
        storageState: { cookies: [], origins: [] },
      });
      contexts.push(context);
      consoleErrors.watch(context);
      const response = await context.request.post('/api/v2/sessions', {
        data: { email, password },
        headers: { 'x-requested-with': 'roster' },
      });
      expect(response.status(), `sign-in of ${email}: ${await response.text()}`).toBe(200);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring
  axe: async ({}, use) => {
    await use({
      async check(page, { label, include, exclude = [] } = {}) {
        // Judge colours at rest: a button fading from its disabled colour would be measured mid-transition.
        await page.evaluate(() =>
          Promise.all(
            document
              .getAnimations()
              .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
              .map((animation) => animation.finished.catch(() => undefined)),
          ),
        );
        // Label in name (WCAG 2.5.3) is an experimental rule in axe, off unless asked for.
        // (`options` replaces what `withTags` set, so it comes first.)
        let builder = new AxeBuilder({ page })
          .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
          .withTags(axeTags);
        if (include) builder = builder.include(include);
        for (const selector of exclude) builder = builder.exclude(selector);
        const { violations } = await builder.analyze();
        const report = violations
          .map((violation) => {
            const nodes = violation.nodes
              .map(
                (node) =>
                  `      - ${node.target.join(' ')}\n        ${node.failureSummary?.replace(/\n/g, '\n        ')}`,
              )
              .join('\n');
            return `  [${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
          })
          .join('\n');
        expect(
          violations.map((violation) => violation.id),
          `axe found ${violations.length} violation(s) on ${label ?? page.url()}:\n${report}`,
        ).toEqual([]);
      },
    });
  },

  mailbox: async ({ roster }, use) => {
    const all = (): ReceivedMail[] =>
      fs.existsSync(roster.mailDir)
        ? fs
            .readdirSync(roster.mailDir)
            .filter((name) => name.endsWith('.json'))
            .sort()
            .map(
              (name) => JSON.parse(fs.readFileSync(path.join(roster.mailDir, name), 'utf8')) as ReceivedMail,
            )
        : [];
    await use({
      all,
      async waitFor(to, { subject, timeout = 15_000 } = {}) {
        const find = () =>
          all()
            .reverse()
            .find((mail) => mail.to.includes(to.toLowerCase()) && (!subject || subject.test(mail.subject)));
        await expect
          .poll(() => find() !== undefined, { timeout, message: `no mail to ${to} arrived` })
          .toBe(true);
        return find()!;
      },
    });
  },
});

/** The organization and first owner that auth.setup.ts creates on the main server. */
export const owner = e2eOrganization;
