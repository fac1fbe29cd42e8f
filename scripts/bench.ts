/**
 * npm run bench: the performance figures of issue 13 and DESIGN.md §5,
 * measured in one run on this machine and reported side by side as ratios.
 * Figures from different runs are never compared: every ratio below is of two
 * figures taken in this run, and bench-results/latest.md holds exactly one run.
 *
 *   search    q= a common and a rare fragment, p50/p99, 1k vs 1M members, SQLite and PostgreSQL
 *   list      first page and a page in the middle (paging token), 1k / 100k / 1M, both databases
 *   floor     list throughput (10 connections) vs. Fastify + better-sqlite3 doing the same queries
 *   loop      perf_hooks.monitorEventLoopDelay max inside the servers during every figure,
 *             and where the longest stall's time went (running, waiting for a core, asleep)
 *   sign-in   a burst of 8 parallel sign-ins: one sign-in's p50/p99, list throughput and
 *             main-script latency meanwhile, RSS peak
 *   browser   members page time to first row at 1M vs 1k (Chromium, production build),
 *             search results after the debounce at 1M, Lighthouse 12.2.3 desktop and mobile
 *   bundle    initial JS (gzip) vs. a minimal app of the same libraries
 *
 * Datasets are seeded once (scripts/bench-data.ts) and reused while the
 * migrations are unchanged. BENCH_SCALE=small measures 1k / 10k instead of
 * 1k / 100k / 1M (for working on the bench itself). Everything listens on
 * 127.0.0.1, ports BENCH_PORT_BASE (default 3310) to +17: each server (the
 * floor, one Roster app per dataset) is a process of its own, as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import {
  cacheRoot,
  postgresDataset,
  schemaKey,
  sqliteDataset,
  type Dataset,
  type DatasetKind,
} from './bench-data.ts';
import type { BenchServerConfig } from './bench-server.ts';

const root = path.resolve(import.meta.dirname, '..');
const portBase = Number(process.env.BENCH_PORT_BASE ?? 3310);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const small = process.env.BENCH_SCALE === 'small';
const sizes = small ? [1_000, 10_000] : [1_000, 100_000, 1_000_000];
const largest = sizes.at(-1)!;
const kinds: DatasetKind[] = ['sqlite', 'postgres'];
const started = performance.now();
const seconds = (from = started) => (performance.now() - from) / 1000;
const log = (message: string) => console.log(`[bench ${seconds().toFixed(0)} s] ${message}`);
const label = (members: number) => (members >= 1_000_000 ? `${members / 1_000_000}M` : `${members / 1000}k`);
const runId = `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}-${crypto.randomBytes(3).toString('hex')}`;

// Never run away: seeding aside, a run takes under 5 minutes; stop at 10.
let deadline: NodeJS.Timeout | undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-bench-'));
const servers: ChildProcess[] = [];
let browserProcess: ChildProcess | undefined;
function cleanup() {
  for (const server of servers) server.kill('SIGTERM');
  browserProcess?.kill('SIGTERM');
  try {
    // Chromium may still be writing its profile as it exits.
    fs.rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    console.error(`Could not remove ${work}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

// ---------------------------------------------------------------------------
// Client bundles (cached by a hash of their sources)
// ---------------------------------------------------------------------------

function hashOf(paths: string[]): string {
  const hash = crypto.createHash('sha256');
  const visit = (target: string) => {
    const stat = fs.statSync(target);
    if (stat.isDirectory())
      for (const entry of fs.readdirSync(target).sort()) visit(path.join(target, entry));
    else hash.update(path.relative(root, target)).update(fs.readFileSync(target));
  };
  for (const target of paths) if (fs.existsSync(target)) visit(target);
  return hash.digest('hex').slice(0, 12);
}

async function cachedBuild(name: string, inputs: string[], make: (outDir: string) => Promise<void>) {
  const key = hashOf(inputs.map((input) => path.join(root, input)));
  const outDir = path.join(cacheRoot, `${name}-${key}`);
  if (fs.existsSync(path.join(outDir, 'index.html'))) return { outDir, built: false };
  if (fs.existsSync(cacheRoot)) {
    for (const entry of fs.readdirSync(cacheRoot)) {
      if (entry.startsWith(`${name}-`))
        fs.rmSync(path.join(cacheRoot, entry), { recursive: true, force: true });
    }
  }
  const temporary = `${outDir}.partial`;
  await make(temporary);
  fs.renameSync(temporary, outDir);
  return { outDir, built: true };
}

// ---------------------------------------------------------------------------
// Client bundles
// ---------------------------------------------------------------------------

/** gzip bytes of the JS that index.html loads before anything else (entry + modulepreloads). */
function initialJs(dist: string): { files: number; raw: number; gzip: number } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1]!);
  let raw = 0;
  let gzip = 0;
  for (const source of new Set(sources)) {
    const bytes = fs.readFileSync(path.join(dist, source.replace(/^\//, '')));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes).length;
  }
  return { files: new Set(sources).size, raw, gzip };
}

/**
 * What the console imports from each shared library, read from src/client:
 * the UI libraries (the issue's measure), and with `utilities` also the class
 * name helpers (tailwind-merge, clsx) that every component uses.
 */
function libraryImports(utilities = false): Map<string, Set<string>> {
  const libraries = utilities
    ? /^(react-router|@tanstack\/react-query|@radix-ui\/[\w-]+|tailwind-merge|clsx)$/
    : /^(react-router|@tanstack\/react-query|@radix-ui\/[\w-]+)$/;
  const found = new Map<string, Set<string>>();
  const files = fs
    .readdirSync(path.join(root, 'src/client'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, 'src/client', file), 'utf8');
    for (const match of text.matchAll(/import\s+(type\s+)?(\{[^}]*\}|\*\s+as\s+\w+)\s+from\s+'([^']+)'/g)) {
      const [, typeOnly, clause, library] = match;
      if (typeOnly || !libraries.test(library!)) continue;
      const names = found.get(library!) ?? new Set<string>();
      found.set(library!, names);
      if (clause!.startsWith('*')) {
        const namespace = clause!.split(/\s+/).at(-1)!;
        for (const use of text.matchAll(new RegExp(`\\b${namespace}\\.(\\w+)`, 'g'))) names.add(use[1]!);
      } else {
        for (const part of clause!.slice(1, -1).split(',')) {
          const name = part.trim();
          if (name && !name.startsWith('type ')) names.add(name.split(/\s+as\s+/)[0]!.trim());
        }
      }
    }
  }
  return found;
}

/** A one-element app that pulls in exactly the library code the console pulls in. */
async function buildMinimalApp(outDir: string, utilities = false): Promise<void> {
  // Inside node_modules so the libraries resolve from the project.
  const app = path.join(root, 'node_modules', '.cache', 'roster-bench-minimal');
  fs.rmSync(app, { recursive: true, force: true });
  fs.mkdirSync(app, { recursive: true });
  const imports: string[] = [];
  const keep: string[] = [];
  let n = 0;
  for (const [library, names] of libraryImports(utilities)) {
    const aliases = [...names].map((name) => `${name} as k${n++}`);
    imports.push(`import { ${aliases.join(', ')} } from '${library}';`);
    keep.push(...aliases.map((alias) => alias.split(' as ')[1]!));
  }
  fs.writeFileSync(
    path.join(app, 'index.html'),
    '<!doctype html><html lang="en"><head><title>Minimal</title></head><body><div id="root"></div>' +
      '<script type="module" src="/main.tsx"></script></body></html>',
  );
  fs.writeFileSync(
    path.join(app, 'main.tsx'),
    [
      "import { createRoot } from 'react-dom/client';",
      "import { createBrowserRouter, RouterProvider } from 'react-router';",
      "import { QueryClient, QueryClientProvider } from '@tanstack/react-query';",
      ...imports,
      `(globalThis as Record<string, unknown>).keep = [${keep.join(', ')}];`,
      "const router = createBrowserRouter([{ path: '*', element: <p>Hello</p> }]);",
      "createRoot(document.getElementById('root')!).render(",
      '  <QueryClientProvider client={new QueryClient()}><RouterProvider router={router} /></QueryClientProvider>,',
      ');',
    ].join('\n'),
  );
  await build({
    root: app,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  fs.rmSync(app, { recursive: true, force: true });
}

async function buildConsole(outDir: string): Promise<void> {
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

/**
 * All cores' time from /proc/stat (Linux), in clock ticks: `steal` is time a
 * virtual machine's cores were runnable but the host ran something else,
 * which slows every figure of a run alike.
 */
function cpuTimes(): { steal: number; total: number } | undefined {
  try {
    const fields = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { steal: fields[7] ?? 0, total: fields.reduce((sum, value) => sum + value, 0) };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------

const base = (port: number) => `http://127.0.0.1:${port}`;
// Each server process listens on its port and, 10 above it, on its control port.
const controlOf = (port: number) => port + 10;
type Loop = {
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  rssPeakMiB: number;
  gcPauseMaxMs: number;
  gcPauseTotalMs: number;
  /** The longest stall seen by a 5 ms timer, split by the kernel's schedstat where it has one. */
  worstStall: { ms: number; runningMs?: number; waitingForCoreMs?: number };
};

/**
 * Runs `measure` with the event-loop delay, RSS peak, GC pauses and longest
 * stall of the server processes on `ports` recorded around it: the worst of
 * them (GC time in all is their sum).
 */
async function watched<T>(ports: number[], measure: () => Promise<T>): Promise<T & { loop: Loop }> {
  await Promise.all(ports.map((port) => fetch(`${base(controlOf(port))}/measure/start`)));
  const result = await measure();
  const loops = await Promise.all(
    ports.map(async (port) => (await (await fetch(`${base(controlOf(port))}/measure/stop`)).json()) as Loop),
  );
  const worst = (pick: (loop: Loop) => number) => Math.max(...loops.map(pick));
  const loop: Loop = {
    loopDelayMaxMs: worst((l) => l.loopDelayMaxMs),
    loopDelayP99Ms: worst((l) => l.loopDelayP99Ms),
    rssPeakMiB: worst((l) => l.rssPeakMiB),
    gcPauseMaxMs: worst((l) => l.gcPauseMaxMs),
    gcPauseTotalMs: loops.reduce((sum, l) => sum + l.gcPauseTotalMs, 0),
    worstStall: loops.map((l) => l.worstStall).reduce((a, b) => (b.ms > a.ms ? b : a)),
  };
  return { ...result, loop };
}

async function throughput(port: number, headers: Record<string, string> = {}, duration = 5) {
  const url = `${base(port)}${listPath}`;
  await autocannon({ url, headers, connections: 10, duration: 1 });
  return watched([port], async () => {
    const result = await autocannon({ url, headers, connections: 10, duration });
    if (result.errors || result.non2xx) {
      throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
    }
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Sequential requests, one keep-alive connection per target, the targets taken
 * in turn in blocks of `block` requests: the time one request takes at each
 * size, warm (a block's first request follows another size's), and every size
 * measured within the same seconds, so a change in the machine's load touches
 * them alike. Up to `count` requests per target, or as many as fit in
 * `budgetMs` (at least 30).
 */
async function latencies(
  targets: { port: number; url: string; headers: Record<string, string> }[],
  count = 500,
  budgetMs = 7500,
  block = 10,
) {
  for (const { url, headers } of targets) {
    for (let i = 0; i < 5; i++) await (await fetch(url, { headers })).arrayBuffer();
  }
  return watched([...new Set(targets.map((target) => target.port))], async () => {
    const times = targets.map(() => [] as number[]);
    const bodies: unknown[] = targets.map(() => undefined);
    const until = performance.now() + budgetMs;
    for (let round = 0; round < count && (round < 30 || performance.now() < until); round += block) {
      for (const [index, { url, headers }] of targets.entries()) {
        for (let request = 0; request < block; request++) {
          const t0 = performance.now();
          const response = await fetch(url, { headers });
          const text = await response.text();
          if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
          times[index]!.push(performance.now() - t0);
          bodies[index] ??= JSON.parse(text);
        }
      }
    }
    return {
      results: targets.map((_, index) => {
        const sorted = times[index]!.sort((a, b) => a - b);
        const metadata = (bodies[index] as { metadata?: { total?: number; total_capped?: boolean } })
          .metadata;
        return {
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          samples: sorted.length,
          total: metadata?.total,
          capped: metadata?.total_capped ?? false,
        };
      }),
    };
  });
}

/**
 * The list under 10 connections while one more client sends `otherPath`
 * requests one after another: what everyone else sees while one person
 * searches or downloads the export (issue 13, goal 5). A streamed answer is
 * read as it comes and cut off when the list's seconds are over.
 */
async function listWhile(port: number, headers: Record<string, string>, otherPath: string, seconds = 4) {
  const url = `${base(port)}${listPath}`;
  await autocannon({ url, headers, connections: 10, duration: 1 });
  return watched([port], async () => {
    const stop = new AbortController();
    const times: number[] = [];
    let bytes = 0;
    const other = (async () => {
      while (!stop.signal.aborted) {
        const t0 = performance.now();
        try {
          const response = await fetch(`${base(port)}${otherPath}`, { headers, signal: stop.signal });
          if (!response.ok) throw new Error(`${otherPath} answered ${response.status}`);
          const reader = response.body!.getReader();
          for (let part = await reader.read(); !part.done; part = await reader.read()) {
            bytes += part.value.byteLength;
          }
          times.push(performance.now() - t0);
        } catch (error) {
          if (!stop.signal.aborted) throw error;
        }
      }
    })();
    const result = await autocannon({ url, headers, connections: 10, duration: seconds });
    stop.abort();
    await other;
    if (result.errors || result.non2xx) {
      throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
    }
    times.sort((a, b) => a - b);
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      other: { done: times.length, p50: percentile(times, 50), p99: percentile(times, 99), bytes },
    };
  });
}

async function signInCookie(port: number, dataset: Dataset): Promise<string> {
  const signIn = await fetch(`${base(port)}/api/v2/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'roster' },
    body: JSON.stringify({ email: dataset.email, password: dataset.password }),
  });
  const session = /roster_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`Sign-in failed: ${signIn.status} ${await signIn.text()}`);
  return session;
}

/** The main script the console's index.html loads. */
function mainScript(dist: string): string {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  return /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)![1]!;
}

/**
 * 8 parallel sign-ins, again and again, for `durationMs`; meanwhile the list
 * under 10 connections and the main script fetched one after another.
 */
async function signInBurst(port: number, dataset: Dataset, script: string, durationMs = 6000) {
  const until = performance.now() + durationMs;
  const signIns: number[] = [];
  const statuses = new Map<number, number>();
  const scripts: number[] = [];
  return watched([port], async () => {
    const burst = Array.from({ length: 8 }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const response = await fetch(`${base(port)}/api/v2/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'roster' },
          body: JSON.stringify({ email: dataset.email, password: dataset.password }),
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.ok) signIns.push(performance.now() - t0);
      }
    });
    const fetchScripts = (async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const response = await fetch(`${base(port)}${script}`, {
          headers: { 'accept-encoding': 'br, gzip' },
        });
        await response.arrayBuffer();
        scripts.push(performance.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const list = autocannon({
      url: `${base(port)}${listPath}`,
      headers: { authorization: `Bearer ${dataset.apiKey}` },
      connections: 10,
      duration: durationMs / 1000,
    });
    const [listResult] = await Promise.all([list, ...burst, fetchScripts]);
    signIns.sort((a, b) => a - b);
    scripts.sort((a, b) => a - b);
    return {
      signIn: { p50: percentile(signIns, 50), p99: percentile(signIns, 99), ok: signIns.length },
      statuses: Object.fromEntries(statuses),
      listRps: listResult.requests.average,
      script: { p50: percentile(scripts, 50), p99: percentile(scripts, 99), max: scripts.at(-1)! },
    };
  });
}

const firstRowScript = () => {
  const w = window as unknown as { firstRow?: number };
  const observer = new MutationObserver(() => {
    if (w.firstRow !== undefined) return;
    for (const row of document.querySelectorAll('tbody tr')) {
      if (row.textContent?.includes('@')) {
        w.firstRow = performance.now();
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
};

/** Members page: ms from navigation start to the first member row, median of `runs` fresh contexts. */
async function timeToFirstRow(port: number, session: string, runs = 5) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--disable-gpu'] });
  const cold: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'roster_session', value: session, url: base(port) }]);
      const page = await context.newPage();
      await page.addInitScript(firstRowScript);
      await page.goto(`${base(port)}/settings/members`);
      await page.waitForFunction(
        () => (window as unknown as { firstRow?: number }).firstRow !== undefined,
        null,
        {
          timeout: 20_000,
        },
      );
      cold.push(await page.evaluate(() => (window as unknown as { firstRow: number }).firstRow));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return [...cold].sort((a, b) => a - b)[Math.floor(cold.length / 2)]!;
}

/**
 * Typing a search on the members page: ms from the last keystroke until every
 * row shows a match, minus the search box's 300 ms debounce. Median of `runs`.
 */
async function searchAfterDebounce(port: number, session: string, fragments: string[]) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--disable-gpu'] });
  const times: number[] = [];
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'roster_session', value: session, url: base(port) }]);
    const page = await context.newPage();
    await page.goto(`${base(port)}/settings/members`);
    await page.locator('tbody tr').first().waitFor();
    const box = page.locator('input[type="search"]').first();
    for (const fragment of fragments) {
      await box.fill('');
      await page.waitForFunction(() => !new URL(location.href).searchParams.get('q'));
      await page.locator('tbody tr').first().waitFor();
      await box.pressSequentially(fragment, { delay: 30 });
      const typed = await page.evaluate(() => performance.now());
      await page.waitForFunction(
        (text) => {
          const rows = [...document.querySelectorAll('tbody tr')];
          return rows.length > 0 && rows.every((row) => row.textContent?.toLowerCase().includes(text));
        },
        fragment,
        { timeout: 20_000, polling: 'raf' },
      );
      times.push((await page.evaluate(() => performance.now())) - typed - 300);
    }
    await context.close();
  } finally {
    await browser.close();
  }
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Lighthouse 12 on the signed-in members page, desktop and mobile, in Debian's chromium. */
async function lighthouseScores(port: number, session: string) {
  const debugPort = portBase + 9;
  const profile = path.join(work, 'chromium-profile');
  browserProcess = spawn(
    chromiumPath,
    [
      '--headless=new',
      '--disable-gpu',
      // Root in a container has no user namespace for the sandbox (Playwright passes the same).
      '--no-sandbox',
      '--no-first-run',
      '--no-default-browser-check',
      `--remote-debugging-port=${debugPort}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  try {
    for (let i = 0; i < 300; i++) {
      const up = await fetch(`http://127.0.0.1:${debugPort}/json/version`)
        .then((r) => r.ok)
        .catch(() => false);
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { default: lighthouse } = await import('lighthouse');
    const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
    const scores: Record<
      string,
      { performance: number; accessibility: number; lcpMs: number; tbtMs: number }
    > = {};
    for (const [name, config] of [
      ['desktop', desktopConfig],
      ['mobile', undefined],
    ] as const) {
      const run = await lighthouse(
        `${base(port)}/settings/members`,
        {
          port: debugPort,
          logLevel: 'error',
          output: 'json',
          onlyCategories: ['performance', 'accessibility'],
          extraHeaders: { Cookie: `roster_session=${session}` },
        },
        config,
      );
      const lhr = run!.lhr;
      scores[name] = {
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
      };
      const failed = Object.values(lhr.audits)
        .filter(
          (audit) =>
            audit.score !== null &&
            audit.score < 1 &&
            lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === audit.id),
        )
        .map((audit) => audit.id);
      if (failed.length) notes.push(`Lighthouse ${name} accessibility audits below 1: ${failed.join(', ')}.`);
    }
    return scores;
  } finally {
    const exited = new Promise((resolve) => browserProcess!.once('exit', resolve));
    browserProcess.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    browserProcess = undefined;
  }
}

// ---------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------

const rows: string[][] = [];
const goals: string[][] = [];
const notes: string[] = [];
const listPath = '/api/v2/organization_collaborators?count=50';
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
/** The loop's max delay, and where the longest stall's time went when it is long enough to ask. */
const loopText = ({ loopDelayMaxMs, worstStall: stall }: Loop) => {
  const max = `${loopDelayMaxMs.toFixed(0)} ms`;
  if (stall.ms < 20 || stall.runningMs === undefined || stall.waitingForCoreMs === undefined) return max;
  const asleep = Math.max(0, stall.ms - stall.runningMs - stall.waitingForCoreMs);
  return (
    `${max} (longest stall ${stall.ms.toFixed(0)} ms: running ${stall.runningMs.toFixed(0)}, ` +
    `waiting for a core ${stall.waitingForCoreMs.toFixed(0)}, asleep ${asleep.toFixed(0)})`
  );
};
const loopMaxima: { what: string; ms: number }[] = [];
const goal = (name: string, figure: string, target: string, met: boolean) =>
  goals.push([name, figure, target, met ? 'met' : '**not met**']);

try {
  log(`run ${runId}; datasets ${sizes.map(label).join(' / ')} on SQLite and PostgreSQL`);
  const key = schemaKey();
  const datasets = new Map<string, Dataset>();
  let seededSeconds = 0;
  const seeded: string[] = [];
  for (const kind of kinds) {
    for (const members of sizes) {
      const prepared =
        kind === 'sqlite' ? await sqliteDataset(members, key) : await postgresDataset(members, key);
      datasets.set(`${kind}-${members}`, prepared.dataset);
      if (prepared.seededSeconds !== null) {
        seededSeconds += prepared.seededSeconds;
        seeded.push(`${kind} ${label(members)} ${prepared.seededSeconds.toFixed(0)} s`);
        log(`seeded ${kind} ${label(members)} in ${prepared.seededSeconds.toFixed(1)} s`);
      }
    }
  }
  if (process.env.BENCH_SEED_ONLY) {
    log('seeded; BENCH_SEED_ONLY set, stopping here');
    cleanup();
    process.exit(0);
  }
  const measuredFrom = performance.now();
  const cpuFrom = cpuTimes();
  deadline = setTimeout(() => {
    console.error('The benchmark took longer than 10 minutes (seeding aside); stopping.');
    cleanup();
    process.exit(1);
  }, 10 * 60_000);
  deadline.unref();

  const consoleBuild = await cachedBuild(
    'console',
    ['src/client', 'src/contract', 'index.html', 'vite.config.ts', 'package-lock.json', 'public'],
    buildConsole,
  );
  const minimalBuild = await cachedBuild('minimal', ['src/client', 'package-lock.json'], (outDir) =>
    buildMinimalApp(outDir),
  );
  const minimalUtilitiesBuild = await cachedBuild(
    'minimal-utilities',
    ['src/client', 'package-lock.json'],
    (outDir) => buildMinimalApp(outDir, true),
  );
  log(
    `console and minimal app ${consoleBuild.built || minimalBuild.built ? 'built' : 'reused from the cache'}`,
  );

  const names = [...datasets.keys()];
  const portOf = new Map(names.map((name, i) => [name, portBase + 2 + i]));
  const small1k = datasets.get('sqlite-1000')!;
  const floorPort = portBase + 1;
  // One process per server, as in production, all started at once.
  const configs: BenchServerConfig[] = [
    {
      floor: { port: floorPort, sqlitePath: (small1k.database as { path: string }).path },
      controlPort: controlOf(floorPort),
    },
    ...names.map((name) => ({
      roster: {
        port: portOf.get(name)!,
        database: datasets.get(name)!.database,
        staticRoot: name.startsWith('sqlite') ? consoleBuild.outDir : null,
      },
      controlPort: controlOf(portOf.get(name)!),
    })),
  ];
  await Promise.all(
    configs.map((config) => {
      const server = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/bench-server.ts'], {
        cwd: root,
        env: { ...process.env, BENCH_SERVER_CONFIG: JSON.stringify(config) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      servers.push(server);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('The bench servers did not start within 120 s')),
          120_000,
        );
        readline.createInterface({ input: server.stdout! }).on('line', (line) => {
          if (line.includes('"ready":true')) {
            clearTimeout(timer);
            resolve();
          } else console.log(line);
        });
        server.on('exit', (code) => reject(new Error(`A bench server exited (${code})`)));
      });
    }),
  );
  log('servers ready');
  const apiHeaders = (dataset: Dataset) => ({ authorization: `Bearer ${dataset.apiKey}` });

  // ---- list path vs. its floor, 10 connections
  // The floor and the list at 1k alternate (3 rounds of 3 s each), so a change in the
  // machine's load during the run touches both alike; the other lists run once.
  const floorUrl = `${base(floorPort)}${listPath}`;
  const list1kUrl = `${base(portOf.get('sqlite-1000')!)}${listPath}`;
  // The floor must give the same answer, byte for byte, or the ratio compares different work.
  // Paging tokens are sealed with a fresh nonce each time: the same length, never the same text.
  const [floorBody, listBody] = await Promise.all(
    [floorUrl, list1kUrl].map(async (url) =>
      (await (await fetch(url, { headers: apiHeaders(small1k) })).text()).replace(
        /("next_paging_token":")([^"]+)"/,
        (_, key: string, token: string) => `${key}<${token.length} characters>"`,
      ),
    ),
  );
  if (floorBody !== listBody) {
    let at = 0;
    while (floorBody![at] === listBody![at]) at++;
    const around = (body: string) => body.slice(Math.max(0, at - 200), at + 200);
    throw new Error(
      `The floor's answer differs from Roster's at character ${at}:\nfloor  …${around(floorBody!)}\nroster …${around(listBody!)}`,
    );
  }
  const floorRounds: Awaited<ReturnType<typeof throughput>>[] = [];
  const listRounds: Awaited<ReturnType<typeof throughput>>[] = [];
  for (let round = 0; round < 3; round++) {
    floorRounds.push(await throughput(floorPort, apiHeaders(small1k), 3));
    listRounds.push(await throughput(portOf.get('sqlite-1000')!, apiHeaders(small1k), 3));
  }
  const combine = (results: Awaited<ReturnType<typeof throughput>>[]) => ({
    rps: results.reduce((sum, result) => sum + result.rps, 0) / results.length,
    p50: Math.max(...results.map((result) => result.p50)),
    p99: Math.max(...results.map((result) => result.p99)),
    loop: results.reduce((worst, result) =>
      result.loop.loopDelayMaxMs > worst.loop.loopDelayMaxMs ? result : worst,
    ).loop,
  });
  const floor = combine(floorRounds);
  const throughputs: [string, Awaited<ReturnType<typeof throughput>>][] = [
    ['sqlite-1000', combine(listRounds)],
  ];
  for (const name of [`sqlite-${largest}`, 'postgres-1000', `postgres-${largest}`]) {
    throughputs.push([name, await throughput(portOf.get(name)!, apiHeaders(datasets.get(name)!), 4)]);
  }
  notes.push(
    `List vs. floor at 1k, round by round (req/s): floor ${floorRounds.map((r) => r.rps.toFixed(0)).join(' / ')}, ` +
      `list ${listRounds.map((r) => r.rps.toFixed(0)).join(' / ')}.`,
  );
  rows.push([
    'list vs. floor',
    'floor: Fastify + better-sqlite3, same principal lookup, page, total and groups reads, the same body, 1k',
    `${floor.rps.toFixed(0)} req/s (p99 ${floor.p99} ms)`,
    '1.00×',
    loopText(floor.loop),
  ]);
  for (const [name, result] of throughputs) {
    const [kind, members] = name.split('-');
    rows.push([
      'list vs. floor',
      `GET ${listPath}, API key, ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${label(Number(members))}`,
      `${result.rps.toFixed(0)} req/s (p99 ${result.p99} ms)`,
      ratio(result.rps / floor.rps),
      loopText(result.loop),
    ]);
    loopMaxima.push({ what: `list throughput ${name}`, ms: result.loop.loopDelayMaxMs });
  }
  const listRatio = throughputs[0]![1].rps / floor.rps;
  goal(
    '2. list path near its floor (SQLite 1k, 10 connections)',
    ratio(listRatio),
    '≥ 0.70×',
    listRatio >= 0.7,
  );
  log('throughput measured');

  // ---- latency: first page, deep page, search (common, rare), every size, both databases
  const common = 'garcia';
  const rare = '.777@';
  const searchRatios: number[] = [];
  for (const kind of kinds) {
    type Latency = Awaited<ReturnType<typeof latencies>>['results'][number];
    const measured = new Map<string, { bySize: Map<number, Latency>; loop: Loop }>();
    const deepTokens = new Map<number, string>();
    for (const members of sizes) {
      const deep = (await (
        await fetch(
          `${base(controlOf(portOf.get(`${kind}-${members}`)!))}/deep-token?offset=${Math.floor(members / 2)}`,
        )
      ).json()) as { token: string };
      deepTokens.set(members, deep.token);
    }
    const queries: [string, (members: number) => string][] = [
      ['first page', () => listPath],
      ['deep page', (members) => `${listPath}&paging_token=${encodeURIComponent(deepTokens.get(members)!)}`],
      [`search common q=${common}`, () => `${listPath}&q=${encodeURIComponent(common)}`],
      [`search rare q=${rare}`, () => `${listPath}&q=${encodeURIComponent(rare)}`],
    ];
    for (const [what, path] of queries) {
      const { results, loop } = await latencies(
        sizes.map((members) => ({
          port: portOf.get(`${kind}-${members}`)!,
          url: `${base(portOf.get(`${kind}-${members}`)!)}${path(members)}`,
          headers: apiHeaders(datasets.get(`${kind}-${members}`)!),
        })),
      );
      measured.set(what, {
        bySize: new Map(sizes.map((members, index) => [members, results[index]!])),
        loop,
      });
      loopMaxima.push({ what: `${what} ${kind}`, ms: loop.loopDelayMaxMs });
    }
    for (const [what, { bySize, loop }] of measured) {
      const first = bySize.get(sizes[0]!)!;
      const last = bySize.get(largest)!;
      const figures = sizes
        .map((members) => {
          const result = bySize.get(members)!;
          const total = what.startsWith('search') ? `, ${result.total}${result.capped ? '+' : ''} found` : '';
          return `${label(members)}: p50 ${ms(result.p50)} p99 ${ms(result.p99)} (${result.samples} requests)${total}`;
        })
        .join('; ');
      const ratios = `p50 ${ratio(last.p50 / first.p50)}, p99 ${ratio(last.p99 / first.p99)}`;
      rows.push([
        `latency ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
        what,
        figures,
        `${label(largest)} vs 1k: ${ratios}`,
        loopText(loop),
      ]);
      if (what.startsWith('search')) searchRatios.push(last.p50 / first.p50, last.p99 / first.p99);
    }
  }
  const worstSearch = Math.max(...searchRatios);
  goal(
    `1. search flat (${label(largest)} vs 1k, p50 and p99, common and rare, both databases)`,
    `worst ${ratio(worstSearch)}`,
    '≤ 2×',
    worstSearch <= 2,
  );
  log('latency measured');

  // ---- the list while one person searches or exports, at the largest size
  for (const kind of kinds) {
    const name = `${kind}-${largest}`;
    const quietList = throughputs.find(([measured]) => measured === name)![1];
    const others: [string, string][] = [
      [`one searches q=${common}`, `${listPath}&q=${encodeURIComponent(common)}`],
      ['one downloads the CSV export', '/api/v2/organization_collaborators/export'],
    ];
    for (const [what, otherPath] of others) {
      const during = await listWhile(portOf.get(name)!, apiHeaders(datasets.get(name)!), otherPath);
      const other = what.includes('export')
        ? `export ${(during.other.bytes / 2 ** 20).toFixed(0)} MiB read in 4 s${during.other.done ? `, ${during.other.done} done` : ' (cut off)'}`
        : `search p50 ${ms(during.other.p50)} p99 ${ms(during.other.p99)} (${during.other.done} searches)`;
      rows.push([
        'list while',
        `${what}, ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${label(largest)}`,
        `list ${during.rps.toFixed(0)} req/s, p99 ${during.p99} ms (quiet: ${quietList.rps.toFixed(0)} req/s, p99 ${quietList.p99} ms); ${other}`,
        `list p99 ${ratio(during.p99 / quietList.p99)} of quiet`,
        loopText(during.loop),
      ]);
      loopMaxima.push({ what: `list while ${what} ${name}`, ms: during.loop.loopDelayMaxMs });
    }
  }
  log('list while searching and exporting measured');

  // ---- sign-in burst (SQLite 1k, with the console's static files)
  const script = mainScript(consoleBuild.outDir);
  const quiet = throughputs[0]![1];
  const burst = await signInBurst(portOf.get('sqlite-1000')!, small1k, script);
  rows.push([
    'sign-in burst',
    '8 parallel sign-ins for 6 s (scrypt N=2^17), SQLite 1k',
    `one sign-in p50 ${ms(burst.signIn.p50)} p99 ${ms(burst.signIn.p99)} (${burst.signIn.ok} ok; answers ${JSON.stringify(burst.statuses)}); ` +
      `list ${burst.listRps.toFixed(0)} req/s meanwhile; main script p50 ${ms(burst.script.p50)} p99 ${ms(burst.script.p99)} max ${ms(burst.script.max)}; ` +
      `RSS peak ${burst.loop.rssPeakMiB.toFixed(0)} MiB; server GC pauses max ${ms(burst.loop.gcPauseMaxMs)}, ${ms(burst.loop.gcPauseTotalMs)} in all`,
    `list ${ratio(burst.listRps / quiet.rps)} of its quiet throughput`,
    loopText(burst.loop),
  ]);
  loopMaxima.push({ what: 'sign-in burst', ms: burst.loop.loopDelayMaxMs });
  log('sign-in burst measured');

  const worstLoop = loopMaxima.reduce((a, b) => (b.ms > a.ms ? b : a));
  goal(
    '5. event loop max delay, every figure',
    `${worstLoop.ms.toFixed(0)} ms (${worstLoop.what})`,
    '< 50 ms',
    worstLoop.ms < 50,
  );

  // ---- browser
  const sessions = new Map<number, string>();
  for (const members of [sizes[0]!, largest])
    sessions.set(
      members,
      await signInCookie(portOf.get(`sqlite-${members}`)!, datasets.get(`sqlite-${members}`)!),
    );
  try {
    const at1k = await timeToFirstRow(portOf.get('sqlite-1000')!, sessions.get(1000)!);
    const atLargest = await timeToFirstRow(portOf.get(`sqlite-${largest}`)!, sessions.get(largest)!);
    rows.push([
      'browser',
      'members page, time to first row (Chromium, production build, SQLite)',
      `1k ${ms(at1k)}; ${label(largest)} ${ms(atLargest)}`,
      ratio(atLargest / at1k),
      '—',
    ]);
    goal(
      `9. members page first row, ${label(largest)} vs 1k`,
      ratio(atLargest / at1k),
      '≤ 1.2×',
      atLargest / at1k <= 1.2,
    );
    const typing = await searchAfterDebounce(portOf.get(`sqlite-${largest}`)!, sessions.get(largest)!, [
      common,
      'smith',
      'ada lo',
    ]);
    rows.push([
      'browser',
      `typing a search at ${label(largest)}: results after the 300 ms debounce (median of 3)`,
      ms(typing),
      '—',
      '—',
    ]);
    goal(`9. search results after the debounce at ${label(largest)}`, ms(typing), '≤ 150 ms', typing <= 150);
    log('time to first row measured');
  } catch (error) {
    notes.push(
      `browser figures skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  try {
    const scores = await lighthouseScores(portOf.get(`sqlite-${largest}`)!, sessions.get(largest)!);
    for (const [name, score] of Object.entries(scores)) {
      rows.push([
        'Lighthouse 12.2.3',
        `members page, signed in, ${name}, ${label(largest)} members`,
        `performance ${score.performance}, accessibility ${score.accessibility} (LCP ${ms(score.lcpMs)}, TBT ${ms(score.tbtMs)})`,
        '—',
        '—',
      ]);
    }
    goal(
      '4. Lighthouse desktop performance',
      String(scores.desktop!.performance),
      '≥ 90',
      scores.desktop!.performance >= 90,
    );
    goal(
      '4. Lighthouse mobile performance',
      String(scores.mobile!.performance),
      '≥ 80',
      scores.mobile!.performance >= 80,
    );
    const a11y = Math.min(scores.desktop!.accessibility, scores.mobile!.accessibility);
    goal('4. Lighthouse accessibility', String(a11y), '100', a11y === 100);
    log('Lighthouse measured');
  } catch (error) {
    notes.push(
      `Lighthouse skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }

  // ---- initial JS
  const app = initialJs(consoleBuild.outDir);
  const minimal = initialJs(minimalBuild.outDir);
  rows.push([
    'initial JS (gzip)',
    `console ${kb(app.gzip)} (${app.files} file(s), ${kb(app.raw)} raw) vs. minimal app ${kb(minimal.gzip)}`,
    `+${kb(app.gzip - minimal.gzip)}`,
    ratio(app.gzip / minimal.gzip),
    '—',
  ]);
  goal(
    '4. initial JS gzip vs. the minimal app',
    ratio(app.gzip / minimal.gzip),
    '≤ 1.10×',
    app.gzip / minimal.gzip <= 1.1,
  );
  const minimalUtilities = initialJs(minimalUtilitiesBuild.outDir);
  rows.push([
    'initial JS (gzip)',
    `console ${kb(app.gzip)} vs. the minimal app with tailwind-merge and clsx too ${kb(minimalUtilities.gzip)}`,
    `+${kb(app.gzip - minimalUtilities.gzip)}`,
    ratio(app.gzip / minimalUtilities.gzip),
    '—',
  ]);
  notes.push(
    `The minimal app renders one element and imports what the console imports from: react, react-dom, ${[...libraryImports().keys()].sort().join(', ')} (the goal's measure); the second one also from tailwind-merge and clsx.`,
  );

  const cpuTo = cpuTimes();
  const stolen =
    cpuFrom && cpuTo
      ? `; CPU time taken by the host (steal) while measuring: ${((100 * (cpuTo.steal - cpuFrom.steal)) / Math.max(1, cpuTo.total - cpuFrom.total)).toFixed(1)} %`
      : '';
  const machine =
    `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${os.platform()}${stolen}; ` +
    `load average ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')} (1 / 5 / 15 min, at the end; other processes skew every figure)`;
  const table = (header: string[], body: string[][]) =>
    [
      `| ${header.join(' | ')} |`,
      `|${header.map(() => '---').join('|')}|`,
      ...body.map((cells) => `| ${cells.join(' | ')} |`),
    ].join('\n');
  const report = [
    `# Roster benchmark`,
    '',
    `Run ${runId}${small ? ' (BENCH_SCALE=small)' : ''} on ${machine}.`,
    `Measured in ${seconds(measuredFrom).toFixed(0)} s; ${seeded.length ? `seeding first took ${seededSeconds.toFixed(0)} s (${seeded.join(', ')})` : 'datasets reused from the cache (no seeding)'}.`,
    'Every ratio compares two figures of this run; figures of different runs are not comparable.',
    '',
    '## Goals (issue 13)',
    '',
    table(['goal', 'figure', 'target', ''], goals),
    '',
    '## Figures',
    '',
    table(['measure', 'what', 'figures', 'ratio', 'event loop max'], rows),
    '',
    '- Throughput: autocannon, 10 connections, after a 1 s warm-up; the floor and the list at 1k alternate in 3 rounds of 3 s (mean), the other lists 4 s. Latency: sequential requests on one keep-alive connection per size after 5 warm-up requests each, the sizes taken in turn in blocks of 10 (up to 500 requests per size, as many as fit in 7.5 s per figure and at least 30), count=50.',
    '- Servers: the floor and each Roster app (one per dataset) run in a process of their own, as in production.',
    "- Event loop max: perf_hooks.monitorEventLoopDelay (10 ms resolution) inside the server processes a figure measures (the worst of them), reset before each figure. The longest stall is what a 5 ms timer saw, split by the kernel's schedstat for the main thread: running (our code, GC), waiting for a core (runnable, another process or thread had it) and asleep (in the kernel: a disk sync, a page fault, a lock).",
    `- Search: "${common}" is a common fragment (about 1 member in 60), "${rare}" matches one member at every size.`,
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench-results', 'latest.md'), report);
  console.log(`\n${report}`);
  console.log('Written to bench-results/latest.md');
  log('done');
} finally {
  cleanup();
}
process.exit(0);
