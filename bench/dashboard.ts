/**
 * `npm run bench:dashboard`: how long the dashboard takes to become useful on localhost (issue 9
 * goal: first load under 2 s), on the 1,000,000-event database `bench:server` uses.
 *
 * The server (`startServer`, as `sitrep serve`, serving web/dist) runs in this process on
 * 127.0.0.1; Chromium (`launchChromium`) opens the page with a viewer token and waits for
 * `window.__sitrepReady`, which the page sets once the map is idle with its data, the first
 * table page is drawn and the timeline is drawn. Printed per load: navigation → ready, when each
 * of the three parts finished, and every API request with its time and size, slowest first.
 *
 * Loads: `cold` (fresh server: empty response cache; fresh browser profile), `warm` (the same
 * tab reloaded: server cache and browser cache warm), `new tab` (warm server, fresh browser
 * profile: what a second analyst sees).
 *
 * Flags: `--db PATH` (an existing Sitrep database instead), `--events N` (default 1,000,000),
 * `--runs N` warm reloads (default 3).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { launchChromium } from '../src/report/chromium.js';
import { startServer } from '../src/server/index.js';
import { createToken, Store } from '../src/store/index.js';
import { generate } from './analyze.js';

const WEB_DIST = join(process.cwd(), 'web', 'dist');

// Browser globals read inside page.evaluate (this file compiles with the Node libs only).
declare const window: { __sitrepReady?: number; __sitrepTimes?: Record<string, number> };

interface ApiTiming {
  path: string;
  ms: number;
  bytes: number;
}

interface Load {
  label: string;
  readyMs: number;
  parts: Record<string, number>;
  api: ApiTiming[];
}

const arg = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Navigates `page` to the dashboard and waits until it says it is ready. */
async function load(page: Page, url: string, label: string, reload: boolean): Promise<Load> {
  const api: ApiTiming[] = [];
  const onFinished = (req: Request) => {
    const u = new URL(req.url());
    if (!u.pathname.startsWith('/api/')) return;
    const t = req.timing();
    void req
      .sizes()
      .then((s) => {
        api.push({
          path: u.pathname + u.search,
          // Milliseconds from the request's start to its last byte.
          ms: t.responseEnd,
          bytes: s.responseBodySize,
        });
      })
      .catch(() => undefined);
  };
  page.on('requestfinished', onFinished);
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__sitrepReady !== undefined, undefined, {
    timeout: 120_000,
  });
  const { ready, parts } = await page.evaluate(() => ({
    ready: window.__sitrepReady!,
    parts: window.__sitrepTimes ?? {},
  }));
  // Requests still finishing (panels the readiness mark does not wait for) are listed too.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  page.off('requestfinished', onFinished);
  return { label, readyMs: Math.round(ready), parts, api };
}

function print(l: Load): void {
  const parts = Object.entries(l.parts)
    .map(([k, v]) => `${k} ${v} ms`)
    .join(', ');
  console.log(`\n${l.label}: ready in ${l.readyMs} ms (${parts})`);
  const slowest = [...l.api].sort((a, b) => b.ms - a.ms).slice(0, 8);
  for (const r of slowest) {
    const path = r.path.length > 70 ? r.path.slice(0, 67) + '...' : r.path;
    console.log(
      `  ${path.padEnd(70)} ${r.ms.toFixed(0).padStart(6)} ms ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB`,
    );
  }
}

async function openStore(args: string[]): Promise<{ store: Store; label: string }> {
  const db = arg(args, '--db');
  if (db !== undefined) {
    if (!existsSync(db)) throw new Error(`--db ${db}: no such file`);
    return { store: await Store.open(db), label: db };
  }
  const n = Number(arg(args, '--events') ?? 1_000_000);
  mkdirSync('.bench', { recursive: true });
  // The same generated database as bench:server (built once, reused).
  const path = join('.bench', `server-${n}.duckdb`);
  const t = performance.now();
  const store = await generate(path, n);
  console.log(
    `${n.toLocaleString('en-US')} events ready in ${((performance.now() - t) / 1000).toFixed(1)} s (${path})`,
  );
  return { store, label: path };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(arg(args, '--runs') ?? 3);
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` first');
  }
  const { store, label } = await openStore(args);
  const events = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
  const { token } = await createToken(store, { role: 'viewer', name: 'bench:dashboard' });
  const server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    auth: { anonymousRead: false },
    webRoot: WEB_DIST,
    // One browser is one client; its first load fires a burst the default limit would allow
    // anyway, but reloads in a row should measure serving, not the limiter.
    rateLimit: { burst: 1e9, perSecond: 1e9 },
  });
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };
  try {
    browser = await launchChromium();
    const url = `${server.url}/#token=${token}`;
    console.log(
      `dashboard on ${label}: ${Number(events?.n ?? 0).toLocaleString('en-US')} events, ${server.url}`,
    );
    const page = await newPage();
    const loads = [await load(page, url, 'cold (fresh server and browser)', false)];
    for (let i = 1; i <= runs; i++) {
      loads.push(await load(page, url, `warm reload ${i}`, true));
    }
    loads.push(await load(await newPage(), url, 'new tab (warm server, fresh browser)', false));
    loads.forEach(print);
    const warm = loads.slice(1, 1 + runs).map((l) => l.readyMs);
    console.log(
      `\nsummary: cold ${loads[0]!.readyMs} ms, warm median ${warm.sort((a, b) => a - b)[Math.floor(warm.length / 2)]} ms, new tab ${loads.at(-1)!.readyMs} ms (goal < 2000 ms)`,
    );
  } finally {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server.close();
    store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
