/**
 * Where the journeys' servers live. Everything derives from E2E_PORT so two
 * people (or two checkouts) can run the suite at once on different ports.
 *
 *   main server       E2E_PORT       (SMTP +1, seeding control +2, SAML identity provider +3) — set up once by auth.setup.ts
 *   first-run server  E2E_PORT + 10  (SMTP +11, control +12)       — left empty for the setup journey
 */
import os from 'node:os';
import path from 'node:path';

export type RosterServer = {
  port: number;
  url: string;
  smtpPort: number;
  controlUrl: string;
  /** Scratch directory of one launcher run: database and received mail. */
  runDir: string;
  mailDir: string;
  /** The test SAML identity provider (samlify): its metadata at /idp/metadata, its sign-in form at /idp/sso. */
  idpUrl: string;
};

export function rosterServer(port: number): RosterServer {
  const runDir = path.join(os.tmpdir(), `roster-e2e-${port}`);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    smtpPort: port + 1,
    controlUrl: `http://127.0.0.1:${port + 2}`,
    runDir,
    mailDir: path.join(runDir, 'mail'),
    idpUrl: `http://127.0.0.1:${port + 3}`,
  };
}

export const e2ePort = Number(process.env.E2E_PORT ?? 3210);
export const mainServer = rosterServer(e2ePort);
export const firstRunServer = rosterServer(e2ePort + 10);

/** Signed-in browser state of the main server's first owner (gitignored). */
export const ownerStateFile = path.join(import.meta.dirname, '.auth', String(e2ePort), 'owner.json');

/** Every seeded person signs in with this password. */
export const e2ePassword = 'correct horse battery staple';

/** The organization that auth.setup.ts creates on the main server. */
export const e2eOrganization = {
  organization_name: 'Acme Robotics',
  name: 'Olive Owner',
  email: 'olive.owner@acme.test',
  password: e2ePassword,
};
