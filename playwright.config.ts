import { chromium, defineConfig } from '@playwright/test';
import { e2ePort, firstRunServer, mainServer, ownerStateFile, type RosterServer } from './e2e/env.ts';
import { debianChromium, findBrowser } from './scripts/find-browser.ts';

/**
 * Journeys run in Chromium (see scripts/find-browser.ts) against the production build (dist/),
 * served by e2e/server.ts with a fresh database and a real SMTP receiver.
 * `npm test` builds before it runs them.
 */
const ci = Boolean(process.env.CI);

// Playwright's own Chromium when installed, else CHROMIUM_PATH, else Debian's (scripts/check-browser.ts
// stops `npm test` early, with the fix, when there is none).
const browser = findBrowser({ playwrightChromium: chromium.executablePath(), env: process.env });
const executablePath =
  browser?.source === 'playwright' ? undefined : (browser?.executablePath ?? debianChromium);

function launcher(server: RosterServer) {
  return {
    command: 'npx tsx e2e/server.ts',
    env: { E2E_PORT: String(server.port) },
    // Ready once the app answers; the launcher starts SMTP and seeding before it.
    url: `${server.url}/api/v2/setup`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
  };
}

export default defineConfig<{ roster: RosterServer }>({
  testDir: 'e2e',
  outputDir: `test-results/e2e-${e2ePort}`,
  fullyParallel: true,
  workers: ci ? 2 : 1,
  // No retries: a journey that passes only on a second try is a bug to fix, not to hide.
  retries: 0,
  forbidOnly: ci,
  reporter: 'list',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: mainServer.url,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--disable-gpu'],
    },
  },
  projects: [
    { name: 'auth', testMatch: /auth\.setup\.ts$/ },
    {
      // Needs a server nobody has set up yet: it runs setup through the UI.
      name: 'first-run',
      testMatch: /first-run\.spec\.ts$/,
      use: { baseURL: firstRunServer.url, roster: firstRunServer },
    },
    {
      name: 'journeys',
      testMatch: /\.spec\.ts$/,
      testIgnore: /first-run\.spec\.ts$/,
      dependencies: ['auth'],
      use: { storageState: ownerStateFile },
    },
  ],
  webServer: [launcher(mainServer), launcher(firstRunServer)],
});
