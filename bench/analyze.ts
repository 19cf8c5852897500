/**
 * `npm run bench:analyze`: times every analysis on generated events in a DuckDB file — the SQL
 * analyses over 10,000,000 events, the point-pattern ones (dispersion with DBSCAN, Gi* hotspots)
 * over 1,000,000 — and prints seconds per analysis. Goals (issue 7): < 2 s each over 10M events;
 * DBSCAN and Gi* over 1M points < 10 s. `--events N` and `--points N` change the sizes;
 * `--only rivers` (or any label prefix, comma-separated) runs just those analyses.
 *
 * Events are generated in SQL (deterministic: hash-based pseudo-random columns) around real
 * Iraqi and Syrian towns, with clustered rather than uniform coordinates as real data has.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  alerts,
  concentration,
  dispersion,
  forecast,
  hotspots,
  regimes,
  rivers,
  tempo,
} from '../src/analyze/index.js';
import type { EventFilter } from '../src/model/index.js';
import { Store } from '../src/store/index.js';

/** Centres (lat, lon, ISO3, governorate, pcode) events are scattered around. */
const CENTRES: readonly [number, number, string, string, string][] = [
  [35.3286, 43.7706, 'IRQ', 'Kirkuk', 'IQG13'],
  [33.7466, 44.6437, 'IRQ', 'Diyala', 'IQG10'],
  [34.6071, 43.6782, 'IRQ', 'Salah Al-Din', 'IQG16'],
  [36.34, 43.13, 'IRQ', 'Ninewa', 'IQG15'],
  [33.4206, 43.3078, 'IRQ', 'Al-Anbar', 'IQG01'],
  [33.6695, 44.3901, 'IRQ', 'Baghdad', 'IQG08'],
  [35.0192, 40.4519, 'SYR', 'Deir-ez-Zor', 'SY09'],
  [35.9594, 39.0079, 'SYR', 'Ar-Raqqa', 'SY11'],
  [36.5024, 40.7477, 'SYR', 'Al-Hasakeh', 'SY08'],
  [34.5601, 38.2676, 'SYR', 'Homs', 'SY04'],
];

/** Opens `path` holding exactly `n` generated events (kept between runs); bench/server.ts too. */
export async function generate(path: string, n: number): Promise<Store> {
  const store = await Store.open(path, { memoryLimit: '2GB' });
  const have = await store.one<{ n: number }>('SELECT count(*)::BIGINT AS n FROM events');
  if (Number(have?.n) === n) return store;
  await store.run('DELETE FROM events');
  const centres = CENTRES.map(
    ([lat, lon, c, a1, code], i) => `(${i}, ${lat}, ${lon}, '${c}', '${a1}', '${code}')`,
  ).join(', ');
  // hash(i, k) / 2^64 gives deterministic uniforms; the sum of three approximates a normal.
  await store.run(
    `CREATE OR REPLACE TEMP TABLE centres(k INTEGER, lat DOUBLE, lon DOUBLE, country VARCHAR,
       admin1 VARCHAR, code VARCHAR);
     INSERT INTO centres VALUES ${centres};
     INSERT INTO events (id, origin, source_id, external_id, date, date_precision, country, admin1,
       admin1_code, lat, lon, geo_precision, actor1, attack_type, tactics, target_type,
       fatalities, claimed, raw, row_hash, updated_at)
     SELECT 'bench:' || i, 'dataset', 'bench', i::VARCHAR,
       DATE '2014-01-01' + (hash(i, 1) % 2500)::INTEGER, 1, c.country, c.admin1, c.code,
       c.lat + ((hash(i, 2) % 1000000) / 1e6 + (hash(i, 3) % 1000000) / 1e6 - 1) * 0.6,
       c.lon + ((hash(i, 4) % 1000000) / 1e6 + (hash(i, 5) % 1000000) / 1e6 - 1) * 0.6,
       1 + (hash(i, 6) % 2)::INTEGER,
       CASE WHEN hash(i, 7) % 3 = 0 THEN 'Islamic State' ELSE 'Unknown' END,
       ['bombing', 'armed_assault', 'kidnapping'][1 + (hash(i, 8) % 3)::INTEGER],
       []::VARCHAR[], 'military', (hash(i, 9) % 6)::INTEGER, hash(i, 10) % 2 = 0, '{}', 'x',
       current_timestamp::TIMESTAMP
     FROM range(${n}) t(i) JOIN centres c ON c.k = (hash(i, 11) % ${CENTRES.length})::INTEGER`,
  );
  await store.run('CHECKPOINT');
  return store;
}

let only: string[] = [];

async function time<T>(label: string, fn: () => Promise<T>): Promise<number> {
  if (only.length && !only.some((o) => label.startsWith(o))) return 0;
  const t = performance.now();
  const cpu = process.cpuUsage();
  await fn();
  const s = (performance.now() - t) / 1000;
  // CPU time of the whole process (DuckDB's threads included): on a shared machine wall time
  // also counts waiting for a core, so compare runs by CPU seconds when the load differs.
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  console.log(`${label.padEnd(44)} ${s.toFixed(2).padStart(7)} s  (cpu ${cpuS.toFixed(2)} s)`);
  return s;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const nEvents = arg('--events', 10_000_000);
  const nPoints = arg('--points', 1_000_000);
  const o = args.indexOf('--only');
  only = o >= 0 ? (args[o + 1] ?? '').split(',').filter(Boolean) : [];
  mkdirSync('.bench', { recursive: true });
  const big = join('.bench', `analyze-${nEvents}.duckdb`);
  const fresh = !existsSync(big);
  let t = performance.now();
  const store = await generate(big, nEvents);
  if (fresh)
    console.log(
      `generated ${nEvents.toLocaleString('en-US')} events in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  const all: EventFilter = {};
  const iraqIs: EventFilter = {
    country: ['IRQ'],
    actor: ['Islamic State'],
    from: '2015-01',
    to: '2019-12',
  };
  console.log(`— ${nEvents.toLocaleString('en-US')} events —`);
  await time('tempo, month, all events', () => tempo(store, all));
  await time('tempo, week, grouped by admin1', () =>
    tempo(store, all, { by: 'week', groupBy: 'admin1' }),
  );
  await time('tempo, Islamic State in Iraq 2015–2019', () => tempo(store, iraqIs));
  await time('concentration, admin1', () => concentration(store, { country: ['IRQ'] }));
  await time('regimes, month', () => regimes(store, all));
  await time('alerts, week by admin1', () => alerts(store, all));
  await time('forecast, 6 months', () => forecast(store, all));
  store.close();

  // Point-pattern analyses pull coordinates into JS: measured on a smaller set.
  const small = join('.bench', `analyze-${nPoints}.duckdb`);
  t = performance.now();
  const pts = await generate(small, nPoints);
  if (performance.now() - t > 2000)
    console.log(
      `generated ${nPoints.toLocaleString('en-US')} events in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  console.log(`— ${nPoints.toLocaleString('en-US')} events —`);
  await time('dispersion (NNI, ellipse, DBSCAN)', () =>
    dispersion(pts, { country: ['SYR', 'IRQ'] }),
  );
  await time('hotspots (Gi* on H3 res 5, FDR)', () => hotspots(pts, all));
  await time('rivers (distance, bank)', () => rivers(pts, { country: ['SYR'] }));
  pts.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
