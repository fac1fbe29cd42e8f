/**
 * npm run bench: the performance figures of DESIGN.md §5, measured in one run
 * on this machine and reported as ratios, side by side.
 *
 *   (a) list throughput: GET /api/v2/organization_collaborators (first page,
 *       API key) vs. a bare Fastify route answering the same JSON body;
 *   (b) list latency p50/p99 at 1,000 vs. 100,000 members: first page, a
 *       search, and a page deep in the list (reached through paging tokens);
 *   (c) initial JS (gzip) of the production build vs. a minimal app built
 *       from the same libraries (the same exports the console imports);
 *   (d) members page time-to-first-row at 10,000 members in Chromium.
 *
 * Everything listens on 127.0.0.1 (ports BENCH_PORT_BASE..+4, default 3310)
 * and lives in a temporary folder. Results: stdout and bench-results/latest.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { createDatabase, migrateToLatest } from '../src/server/db/database.ts';
import { createOrganizationWithOwner, fillOrganization } from '../src/server/db/seed.ts';
import { hashPassword, newId, randomToken, sha256 } from '../src/server/lib/crypto.ts';
import type { BenchServerConfig } from './bench-server.ts';

const root = path.resolve(import.meta.dirname, '..');
const portBase = Number(process.env.BENCH_PORT_BASE ?? 3310);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const log = (message: string) => console.log(`[bench ${elapsed()}] ${message}`);

// Never run away: the whole benchmark is bounded.
const deadline = setTimeout(() => {
  console.error('The benchmark took longer than 5 minutes; stopping.');
  cleanup();
  process.exit(1);
}, 5 * 60_000);
deadline.unref();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-bench-'));
let server: ChildProcess | undefined;
function cleanup() {
  server?.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

// ---------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------

type Dataset = { members: number; file: string; email: string; password: string; apiKey: string };

async function prepare(members: number): Promise<Dataset> {
  const file = path.join(work, `roster-${members}.db`);
  const database = createDatabase({ kind: 'sqlite', path: file });
  try {
    await migrateToLatest(database);
    const password = randomToken(12);
    const email = 'owner@bench.example';
    const { orgId, ownerId } = await createOrganizationWithOwner(database, {
      organizationName: `Bench ${members}`,
      name: 'Bench Owner',
      email,
      passwordHash: await hashPassword(password, 12),
    });
    const fillStarted = performance.now();
    await fillOrganization(database, orgId, members - 1, { seed: 7 });
    log(
      `seeded ${members.toLocaleString('en')} members in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`,
    );
    const apiKey = `rst_${randomToken()}`;
    await database.db
      .insertInto('api_keys')
      .values({
        id: newId(),
        member_id: ownerId,
        name: 'bench',
        prefix: apiKey.slice(0, 10),
        token_hash: sha256(apiKey),
        created_at: new Date().toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { members, file, email, password, apiKey };
  } finally {
    await database.destroy();
  }
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

/** What the console imports from each shared library, read from src/client. */
function libraryImports(): Map<string, Set<string>> {
  const libraries = /^(react-router|@tanstack\/react-query|@radix-ui\/[\w-]+)$/;
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
async function buildMinimalApp(outDir: string): Promise<void> {
  // Inside node_modules so the libraries resolve from the project.
  const app = path.join(root, 'node_modules', '.cache', 'roster-bench-minimal');
  fs.rmSync(app, { recursive: true, force: true });
  fs.mkdirSync(app, { recursive: true });
  const imports: string[] = [];
  const keep: string[] = [];
  let n = 0;
  for (const [library, names] of libraryImports()) {
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
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

// ---------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------

async function throughput(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, headers, connections: 10, duration: 1 });
  const result = await autocannon({ url, headers, connections: 10, duration: 5 });
  if (result.errors || result.non2xx) {
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Sequential requests on a warm keep-alive connection: the time one request
 * takes. Up to `count` requests, or as many as fit in `budgetMs` (at least 30).
 */
async function latency(url: string, headers: Record<string, string>, count = 200, budgetMs = 8000) {
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  for (let i = 0; i < count + 10 && (times.length < 30 || performance.now() < until); i++) {
    const t0 = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    if (i >= 10) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), samples: times.length };
}

/**
 * A paging token half way down the name-sorted list, reached by following
 * next_paging_token 100 rows at a time (at most 15 s of walking).
 */
async function deepToken(base: string, headers: Record<string, string>, members: number) {
  let token: string | null = null;
  let depth = 0;
  const until = performance.now() + 15_000;
  while (depth + 100 <= members / 2 && performance.now() < until) {
    const query = `count=100&sort=name${token ? `&paging_token=${encodeURIComponent(token)}` : ''}`;
    const response = await fetch(`${base}/api/v2/organization_collaborators?${query}`, { headers });
    const body = (await response.json()) as { metadata: { next_paging_token: string | null } };
    if (!body.metadata.next_paging_token) break;
    token = body.metadata.next_paging_token;
    depth += 100;
  }
  if (!token) throw new Error('No paging token came back');
  return { token, depth };
}

async function timeToFirstRow(base: string, dataset: Dataset, runs = 5) {
  const signIn = await fetch(`${base}/api/v2/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'roster' },
    body: JSON.stringify({ email: dataset.email, password: dataset.password }),
  });
  const session = /roster_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`Sign-in failed: ${signIn.status}`);

  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--disable-gpu'] });
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'roster_session', value: session, url: base }]);
      const page = await context.newPage();
      // Stamps performance.now() (ms since navigation start) when a member row (with an email) appears.
      await page.addInitScript(() => {
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
      });
      const measure = async () => {
        await page.waitForFunction(
          () => (window as unknown as { firstRow?: number }).firstRow !== undefined,
          null,
          {
            timeout: 20_000,
          },
        );
        return page.evaluate(() => (window as unknown as { firstRow: number }).firstRow);
      };
      await page.goto(`${base}/settings/members`);
      cold.push(await measure());
      await page.reload();
      warm.push(await measure());
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { cold: median(cold), warm: median(warm), runs };
}

// ---------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------

const rows: string[][] = [];
const notes: string[] = [];
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (value: number) => `${value.toFixed(2)}×`;

try {
  log(`working in ${work}`);
  const small = await prepare(1_000);
  const medium = await prepare(10_000);
  const large = await prepare(100_000);

  const appDist = path.join(work, 'console-dist');
  const minimalDist = path.join(work, 'minimal-dist');
  let consoleBuilt = false;
  try {
    await buildConsole(appDist);
    consoleBuilt = true;
    await buildMinimalApp(minimalDist);
    log('built the console and the minimal app');
  } catch (error) {
    notes.push(`(c) skipped: the build failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // (d) runs on the fresh build; when it failed, on ./dist if there is one.
  const fallbackDist = path.join(root, 'dist');
  const staticRoot = consoleBuilt
    ? appDist
    : fs.existsSync(path.join(fallbackDist, 'index.html'))
      ? fallbackDist
      : null;

  const ports = { bare: portBase, small: portBase + 1, medium: portBase + 2, large: portBase + 3 };
  const listUrl = '/api/v2/organization_collaborators?count=25';
  const serverConfig: BenchServerConfig = {
    rosters: [
      { port: ports.small, sqlitePath: small.file, staticRoot: null },
      { port: ports.medium, sqlitePath: medium.file, staticRoot },
      { port: ports.large, sqlitePath: large.file, staticRoot: null },
    ],
    bare: { port: ports.bare, copyFrom: { rosterIndex: 0, url: listUrl, apiKey: small.apiKey } },
  };
  server = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/bench-server.ts'], {
    cwd: root,
    env: { ...process.env, BENCH_SERVER_CONFIG: JSON.stringify(serverConfig) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ bareBytes: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The bench servers did not start within 60 s')), 60_000);
    readline.createInterface({ input: server!.stdout! }).on('line', (line) => {
      try {
        const message = JSON.parse(line) as { ready?: boolean; bareBytes: number };
        if (message.ready) {
          clearTimeout(timer);
          resolve(message);
        }
      } catch {
        console.log(line);
      }
    });
    server!.on('exit', (code) => reject(new Error(`The bench servers exited (${code})`)));
  });
  log('servers ready');
  const base = (port: number) => `http://127.0.0.1:${port}`;

  // (a) throughput
  const bare = await throughput(`${base(ports.bare)}/bare`);
  const listSmall = await throughput(`${base(ports.small)}${listUrl}`, {
    authorization: `Bearer ${small.apiKey}`,
  });
  const listLarge = await throughput(`${base(ports.large)}${listUrl}`, {
    authorization: `Bearer ${large.apiKey}`,
  });
  log('throughput measured');
  rows.push(
    ['(a) throughput', 'bare Fastify route, same JSON body', `${bare.rps.toFixed(0)} req/s`, '1.00×'],
    [
      '(a) throughput',
      'list, first page (25), API key, 1k members',
      `${listSmall.rps.toFixed(0)} req/s`,
      ratio(listSmall.rps / bare.rps),
    ],
    [
      '(a) throughput',
      'list, first page (25), API key, 100k members',
      `${listLarge.rps.toFixed(0)} req/s`,
      ratio(listLarge.rps / bare.rps),
    ],
  );
  notes.push(
    `(a) autocannon, 10 connections, 5 s after a 1 s warm-up; response body ${kb(ready.bareBytes)}. ` +
      `Latency under that load: bare p50 ${bare.p50} ms, list p50 ${listSmall.p50} ms (1k) / ${listLarge.p50} ms (100k).`,
  );

  // (b) latency, 1k vs 100k
  const depths: number[] = [];
  const queries: [string, (base: string, dataset: Dataset) => Promise<string>][] = [
    ['first page', async () => listUrl],
    ['search q=garcia', async () => `${listUrl}&q=garcia`],
    [
      'deep page (middle of the list, by token)',
      async (b, dataset) => {
        const deep = await deepToken(b, { authorization: `Bearer ${dataset.apiKey}` }, dataset.members);
        depths.push(deep.depth);
        return `${listUrl}&sort=name&paging_token=${encodeURIComponent(deep.token)}`;
      },
    ],
  ];
  const samples: number[] = [];
  for (const [label, url] of queries) {
    const measured: { p50: number; p99: number }[] = [];
    for (const [dataset, port] of [
      [small, ports.small],
      [large, ports.large],
    ] as const) {
      const headers = { authorization: `Bearer ${dataset.apiKey}` };
      const result = await latency(`${base(port)}${await url(base(port), dataset)}`, headers);
      samples.push(result.samples);
      measured.push(result);
    }
    const [at1k, at100k] = [measured[0]!, measured[1]!];
    rows.push([
      '(b) latency',
      label,
      `p50 ${ms(at1k.p50)} → ${ms(at100k.p50)}; p99 ${ms(at1k.p99)} → ${ms(at100k.p99)}`,
      `p50 ${ratio(at100k.p50 / at1k.p50)}, p99 ${ratio(at100k.p99 / at1k.p99)}`,
    ]);
  }
  notes.push(
    `(b) sequential requests on one keep-alive connection after 10 warm-up requests ` +
      `(${Math.min(...samples)}–${Math.max(...samples)} per figure, at most 8 s each); 1k → 100k members; ` +
      `the deep page starts after member ${depths.map((depth) => depth.toLocaleString('en')).join(' / ')}.`,
  );
  log('latency measured');

  // (c) initial JS
  if (consoleBuilt && fs.existsSync(path.join(minimalDist, 'index.html'))) {
    const app = initialJs(appDist);
    const minimal = initialJs(minimalDist);
    rows.push([
      '(c) initial JS (gzip)',
      `console ${kb(app.gzip)} (${app.files} file(s), ${kb(app.raw)} raw) vs. minimal app ${kb(minimal.gzip)}`,
      `+${kb(app.gzip - minimal.gzip)}`,
      ratio(app.gzip / minimal.gzip),
    ]);
    const libraries = [...libraryImports().keys()].sort().join(', ');
    notes.push(
      `(c) the minimal app renders one element and imports what the console imports from: react, react-dom, ${libraries}.`,
    );
  }

  // (d) time to first row
  if (staticRoot) {
    try {
      const ttfr = await timeToFirstRow(base(ports.medium), medium);
      rows.push([
        '(d) time to first row',
        'members page, 10k members, Chromium, production build',
        `cold ${ms(ttfr.cold)}, reload ${ms(ttfr.warm)}`,
        '—',
      ]);
      notes.push(
        `(d) median of ${ttfr.runs} fresh browser contexts: ms from navigation start until a member row is in the DOM` +
          `${staticRoot === fallbackDist ? ' (served from ./dist, which may be stale)' : ''}.`,
      );
    } catch (error) {
      notes.push(`(d) skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  } else {
    notes.push(
      '(d) skipped: no production build (the build failed and ./dist is missing; run npm run build).',
    );
  }
  log('done');
} finally {
  cleanup();
}

const table = [
  '| measure | what | figures | ratio |',
  '|---|---|---|---|',
  ...rows.map((cells) => `| ${cells.join(' | ')} |`),
].join('\n');
const machine =
  `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${os.platform()}, ` +
  `load average at the end ${os.loadavg()[0]!.toFixed(1)} (other processes skew every figure)`;
const report = [
  `# Roster benchmark`,
  '',
  `${new Date().toISOString()} on ${machine}; SQLite; total ${elapsed()}.`,
  '',
  table,
  '',
  ...notes.map((note) => `- ${note}`),
  '',
].join('\n');
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench-results', 'latest.md'), report);
console.log(`\n${report}`);
console.log('Written to bench-results/latest.md');
process.exit(0);
