/**
 * `npm run bench:server`: the HTTP API under load on 1,000,000 generated events (issue 9 goal:
 * p95 < 50 ms at 50 concurrent connections for the common queries, 0 errors over 60 s).
 *
 * The server (`startServer`, the same code as `sitrep serve`) runs in a child process on
 * 127.0.0.1; this process drives it with autocannon over a round-robin mix of the dashboard's
 * common requests, each with a viewer token, and prints p50/p95/p99 and requests/s per
 * endpoint and overall, plus errors. The run stops by itself after `--duration` seconds.
 *
 * Flags: `--duration S` (default 60), `--connections N` (default 50), `--quick` (10 s),
 * `--events N` (default 1,000,000), `--pool N` (read connections, default 4; 0 = the single
 * shared connection as before the pool), `--no-cache` (every request reaches DuckDB),
 * `--anonymous` (anonymous read, no token: shows what the per-request token lookup costs).
 *
 * The per-client rate limit is lifted in the child: all 50 connections share one token, and at
 * the default 30 requests/s nearly every request would be a 429 — this measures serving.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../src/server/index.js';
import { Store, createToken } from '../src/store/index.js';
import { generate } from './analyze.js';

/** The few autocannon shapes used here (the package ships no types). */
interface Cannon {
  (opts: {
    url: string;
    connections: number;
    duration: number;
    headers: Record<string, string>;
    requests: { method: 'GET'; path: string }[];
  }): CannonInstance;
}
interface CannonInstance extends PromiseLike<CannonResult> {
  on(
    event: 'response',
    fn: (client: CannonClient, status: number, bytes: number, ms: number) => void,
  ): void;
  stop(): void;
}
/** autocannon's client: its request iterator still points at the request just answered. */
interface CannonClient {
  requestIterator?: { currentRequestIndex?: number };
}
interface CannonResult {
  duration: number;
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** The dashboard's common requests: filtered pages, detail, analyses, points of a small area. */
const MIX: { label: string; path: string }[] = [
  {
    label: 'events: country+admin1+from/to',
    path: '/api/events?limit=50&country=IRQ&admin1=Kirkuk&from=2016-01&to=2017-12',
  },
  { label: 'events: country+from/to', path: '/api/events?limit=50&country=SYR&from=2015&to=2015' },
  {
    label: 'events: bbox',
    path: '/api/events?limit=50&bbox=43.5,35.1,44.0,35.5&from=2018-01-01&to=2018-06-30',
  },
  { label: 'event detail', path: '/api/events/bench:123457' },
  { label: 'event detail (2)', path: '/api/events/bench:700001' },
  { label: 'tempo (IRQ, month)', path: '/api/analyses/tempo?country=IRQ' },
  { label: 'concentration (SYR)', path: '/api/analyses/concentration?country=SYR' },
  {
    label: 'map points (admin1, 1 month)',
    path: '/api/map/points?admin1=Diyala&from=2017-03&to=2017-03',
  },
  {
    label: 'key findings (IRQ, 2016)',
    path: '/api/analyses/findings?country=IRQ&from=2016&to=2016',
  },
];

const arg = (args: string[], name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

/** Child mode: serve `path` until the parent says stop, then report this process's CPU time. */
async function child(
  path: string,
  pool: number,
  cache: boolean,
  anonymousRead: boolean,
): Promise<void> {
  const store = await Store.open(path);
  const server = await startServer({
    store,
    auth: { anonymousRead },
    port: 0,
    rateLimit: { burst: 1e9, perSecond: 1e9 },
    readConnections: pool,
    cache: cache ? {} : false,
  });
  const cpu = process.cpuUsage();
  process.send!({ url: server.url });
  process.on('message', (m) => {
    if (m !== 'stop') return;
    const used = process.cpuUsage(cpu);
    void server.close().finally(() => {
      store.close();
      process.send!({ cpuS: (used.user + used.system) / 1e6 }, () => process.exit(0));
    });
  });
  // The parent gone (crashed, killed): do not linger holding the database file.
  process.on('disconnect', () => process.exit(0));
}

function message<T>(proc: ChildProcess, key: string, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server child: no ${key} in ${ms} ms`)), ms);
    const onMessage = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      clearTimeout(timer);
      proc.off('message', onMessage);
      resolve(m[key] as T);
    };
    proc.on('message', onMessage);
    proc.once('exit', (code) => reject(new Error(`server child exited (${code})`)));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function row(label: string, ms: number[], seconds: number): string {
  const s = [...ms].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(7);
  return `${label.padEnd(34)} ${String(s.length).padStart(8)} ${(s.length / seconds).toFixed(0).padStart(7)} ${f(percentile(s, 50))} ${f(percentile(s, 95))} ${f(percentile(s, 99))}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--serve') {
    return child(args[1]!, Number(args[2]), args[3] === 'cache', args[4] === 'anonymous');
  }
  const duration = args.includes('--quick') ? 10 : arg(args, '--duration', 60);
  const connections = arg(args, '--connections', 50);
  const nEvents = arg(args, '--events', 1_000_000);
  const pool = arg(args, '--pool', 4);
  const cache = !args.includes('--no-cache');
  const anonymous = args.includes('--anonymous');

  mkdirSync('.bench', { recursive: true });
  const path = join('.bench', `server-${nEvents}.duckdb`);
  const t = performance.now();
  const store = await generate(path, nEvents);
  const { token } = await createToken(store, { role: 'viewer', name: 'bench:server' });
  store.close();
  console.log(
    `${nEvents.toLocaleString('en-US')} events ready in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const server = fork(
    fileURLToPath(import.meta.url),
    [
      '--serve',
      path,
      String(pool),
      cache ? 'cache' : 'no-cache',
      anonymous ? 'anonymous' : 'token',
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  try {
    const url = await message<string>(server, 'url', 60_000);
    const headers: Record<string, string> = anonymous ? {} : { authorization: `Bearer ${token}` };
    // Each request once, in turn: fails fast on a broken route and warms DuckDB's caches.
    for (const m of MIX) {
      const t0 = performance.now();
      const res = await fetch(url + m.path, { headers });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${m.path}: HTTP ${res.status}`);
      const ms = (performance.now() - t0).toFixed(0);
      console.log(`warm-up ${m.label.padEnd(34)} ${ms.padStart(6)} ms ${bytes} bytes`);
    }
    const cannon = createRequire(import.meta.url)('autocannon') as Cannon;
    const times = MIX.map(() => [] as number[]);
    const all: number[] = [];
    const run = cannon({
      url,
      connections,
      duration,
      headers,
      requests: MIX.map((m) => ({ method: 'GET', path: m.path })),
    });
    run.on('response', (client, _status, _bytes, ms) => {
      all.push(ms);
      const i = client.requestIterator?.currentRequestIndex;
      if (i !== undefined) times[i]?.push(ms);
    });
    // autocannon stops at `duration`; this guard stops it if a stuck socket keeps it open.
    const guard = setTimeout(() => run.stop(), (duration + 30) * 1000);
    const result = await run;
    clearTimeout(guard);
    server.send('stop');
    const cpuS = await message<number>(server, 'cpuS', 30_000);
    const exited = new Promise((done) => server.once('exit', done));
    await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);

    const seconds = result.duration;
    console.log(
      `— ${connections} connections, ${seconds.toFixed(1)} s, read pool ${pool || 'off'}, cache ${cache ? 'on' : 'off'}, ${anonymous ? 'anonymous' : 'viewer token'} —`,
    );
    console.log(`${'endpoint'.padEnd(34)} requests   req/s  p50 ms  p95 ms  p99 ms`);
    MIX.forEach((m, i) => console.log(row(m.label, times[i]!, seconds)));
    console.log(row('all', all, seconds));
    const codes = Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' ');
    console.log(
      `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx} (${codes}); server cpu ${cpuS.toFixed(1)} s`,
    );
  } finally {
    if (server.exitCode === null) server.kill();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
