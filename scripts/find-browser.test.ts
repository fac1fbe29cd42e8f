import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBrowser } from './find-browser.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A scratch folder with fake browsers: `executable` ones may be run, the others may not. */
function fakes(files: Record<string, 'executable' | 'plain'>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-browsers-'));
  dirs.push(dir);
  const at = (name: string) => path.join(dir, name);
  for (const [name, kind] of Object.entries(files)) {
    fs.writeFileSync(at(name), '#!/bin/sh\n');
    fs.chmodSync(at(name), kind === 'executable' ? 0o755 : 0o644);
  }
  return at;
}

describe('findBrowser', () => {
  it("prefers Playwright's own Chromium, then CHROMIUM_PATH, then Debian's", () => {
    const at = fakes({ own: 'executable', custom: 'executable', debian: 'executable' });
    const search = {
      playwrightChromium: at('own'),
      env: { CHROMIUM_PATH: at('custom') },
      debianChromium: at('debian'),
    };
    expect(findBrowser(search)).toEqual({ source: 'playwright', executablePath: at('own') });
    expect(findBrowser({ ...search, playwrightChromium: at('not-installed') })).toEqual({
      source: 'CHROMIUM_PATH',
      executablePath: at('custom'),
    });
    expect(findBrowser({ ...search, playwrightChromium: null, env: {} })).toEqual({
      source: 'debian',
      executablePath: at('debian'),
    });
  });

  it('skips what cannot be run: a missing file, a file without the execute bit, a folder', () => {
    const at = fakes({ plain: 'plain', debian: 'executable' });
    fs.mkdirSync(at('folder'));
    for (const CHROMIUM_PATH of [at('missing'), at('plain'), at('folder'), '  ']) {
      expect(
        findBrowser({
          playwrightChromium: at('plain'),
          env: { CHROMIUM_PATH },
          debianChromium: at('debian'),
        }),
      ).toEqual({ source: 'debian', executablePath: at('debian') });
    }
  });

  it('finds nothing on a machine without any Chromium', () => {
    const at = fakes({});
    expect(
      findBrowser({
        playwrightChromium: at('own'),
        env: { CHROMIUM_PATH: at('x') },
        debianChromium: at('d'),
      }),
    ).toBeNull();
  });
});
