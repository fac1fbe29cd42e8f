import fs from 'node:fs';

/**
 * Which Chromium the Playwright journeys drive, looked for in this order:
 * Playwright's own (after `npx playwright install chromium`), CHROMIUM_PATH,
 * Debian's /usr/bin/chromium. Used by playwright.config.ts and by
 * scripts/check-browser.ts, which runs before the journeys.
 */
export type Browser = {
  source: 'playwright' | 'CHROMIUM_PATH' | 'debian';
  executablePath: string;
};

export type BrowserSearch = {
  /** Where Playwright's own Chromium would be (it may not be installed). */
  playwrightChromium: string | null;
  /** The environment (CHROMIUM_PATH). */
  env: Record<string, string | undefined>;
  /** Debian's package puts it here. */
  debianChromium?: string;
};

export const debianChromium = '/usr/bin/chromium';

/** The one line a newcomer needs when there is no browser. */
export const browserFix =
  'No Chromium for the browser journeys. Install one: `sudo apt-get install chromium` ' +
  '(or `npx playwright install chromium` where the network allows), or set CHROMIUM_PATH to a Chromium binary.';

/** A file this user may run. */
export function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findBrowser(search: BrowserSearch): Browser | null {
  const own = search.playwrightChromium;
  if (own && isExecutableFile(own)) return { source: 'playwright', executablePath: own };
  const fromEnv = search.env.CHROMIUM_PATH?.trim();
  if (fromEnv && isExecutableFile(fromEnv)) return { source: 'CHROMIUM_PATH', executablePath: fromEnv };
  const debian = search.debianChromium ?? debianChromium;
  if (isExecutableFile(debian)) return { source: 'debian', executablePath: debian };
  return null;
}
