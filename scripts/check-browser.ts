/**
 * Runs before the Playwright journeys (npm test, npm run test:e2e): finds a
 * Chromium (scripts/find-browser.ts), tries `npx playwright install chromium`
 * when Playwright's download host answers, and otherwise stops at once with
 * one line that says how to fix it, rather than failing every journey.
 */
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { browserFix, findBrowser, isExecutableFile, type BrowserSearch } from './find-browser.ts';

function search(): BrowserSearch {
  let own: string | null = null;
  try {
    own = chromium.executablePath();
  } catch {
    own = null;
  }
  return { playwrightChromium: own, env: process.env };
}

async function downloadHostAnswers(): Promise<boolean> {
  const host = process.env.PLAYWRIGHT_DOWNLOAD_HOST ?? 'https://cdn.playwright.dev';
  try {
    await fetch(host, { method: 'HEAD', signal: AbortSignal.timeout(3_000) });
    return true;
  } catch {
    return false;
  }
}

const given = process.env.CHROMIUM_PATH?.trim();
if (given && !isExecutableFile(given)) {
  console.warn(`CHROMIUM_PATH=${given} is not a program this user can run; looking elsewhere.`);
}

let browser = findBrowser(search());
if (!browser && (await downloadHostAnswers())) {
  console.log('No Chromium found; trying `npx playwright install chromium`…');
  spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 10 * 60_000 });
  browser = findBrowser(search());
}
if (!browser) {
  console.error(browserFix);
  process.exit(1);
}
console.log(`Browser journeys use ${browser.executablePath} (${browser.source}).`);
