/**
 * `npm run bench:link`: links 1,000,000 generated events with known duplicates and prints the
 * time, peak memory (RSS) and the pairwise precision/recall against the known truth. Goal
 * (issue 6): 1M events in < 60 s with memory under 2 GB. `--events N` changes the size.
 *
 * Generated in SQL (deterministic, hash-based): base incidents around 2,000 towns over ten
 * years (at 1M events about one per town every ten days, and ~200 a day in all), each reported
 * by dataset A (2 km jitter), 25% also by
 * dataset B (a day late one time in five, death toll ±2), 15% also by an extracted news report
 * "near" the town (30 km jitter, geo precision 2). Same-town same-day incidents of other kinds
 * are the hard negatives.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { linkEvents, scoreClusters } from '../src/link/index.js';
import { Store } from '../src/store/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Places and days the incidents fall on: at 1M events, one incident per town every 10 days. */
const TOWNS = 2000;
const DAYS = 3650;
const TYPES = `['bombing','armed_assault','assassination','hostage_taking_kidnapping']`;
const TARGETS = `['military','police','private_citizens','government','business']`;

async function generate(store: Store, events: number): Promise<void> {
  const bases = Math.round(events / 1.4);
  await store.run(`CREATE TEMP TABLE towns AS
    SELECT t AS town, 31 + (hash(t, 7) % 600000) / 100000.0 AS lat,
           38 + (hash(t, 8) % 800000) / 100000.0 AS lon
    FROM range(${TOWNS}) r(t)`);
  await store.run(`CREATE TEMP TABLE base AS
    SELECT i AS inc, (hash(i, 1) % ${TOWNS})::INTEGER AS town,
      DATE '2010-01-01' + (hash(i, 2) % ${DAYS})::INTEGER AS day,
      ${TYPES}[1 + (hash(i, 3) % 4)::INTEGER] AS attack_type,
      ${TARGETS}[1 + (hash(i, 4) % 5)::INTEGER] AS target_type,
      (hash(i, 5) % 25)::INTEGER AS fatalities
    FROM range(${bases}) r(i)`);
  const insert = (select: string) =>
    store.run(`INSERT INTO events (id, origin, source_id, external_id, date, date_precision,
        country, lat, lon, geo_precision, attack_type, tactics, target_type, fatalities, notes,
        raw, row_hash, updated_at)
      SELECT id, origin, source_id, external_id, date, date_precision, 'IRQ', lat, lon,
        geo_precision, attack_type, []::VARCHAR[], target_type, fatalities, NULL, '{}', id,
        current_timestamp::TIMESTAMP
      FROM (${select})`);
  const jitter = (salt: number, deg: number) =>
    `((hash(b.inc, ${salt}) % 2001) / 1000.0 - 1) * ${deg}`;
  await insert(`SELECT 'a:' || b.inc AS id, 'dataset' AS origin, 'gen_a' AS source_id,
      b.inc::VARCHAR AS external_id, b.day AS date, 1 AS date_precision,
      t.lat + ${jitter(10, 0.02)} AS lat, t.lon + ${jitter(11, 0.02)} AS lon, 1 AS geo_precision,
      b.attack_type, b.target_type, b.fatalities
    FROM base b JOIN towns t USING (town)`);
  await insert(`SELECT 'b:' || b.inc AS id, 'dataset' AS origin, 'gen_b' AS source_id,
      b.inc::VARCHAR AS external_id,
      b.day + CASE WHEN hash(b.inc, 20) % 5 = 0 THEN 1 ELSE 0 END AS date, 1 AS date_precision,
      t.lat + ${jitter(21, 0.03)} AS lat, t.lon + ${jitter(22, 0.03)} AS lon, 1 AS geo_precision,
      b.attack_type, b.target_type,
      greatest(0, b.fatalities + (hash(b.inc, 23) % 5)::INTEGER - 2) AS fatalities
    FROM base b JOIN towns t USING (town) WHERE hash(b.inc, 24) % 100 < 25`);
  await insert(`SELECT 'news:' || b.inc AS id, 'extracted' AS origin, 'news' AS source_id,
      'doc' || b.inc || '#0' AS external_id, b.day AS date, 1 AS date_precision,
      t.lat + ${jitter(31, 0.3)} AS lat, t.lon + ${jitter(32, 0.3)} AS lon, 2 AS geo_precision,
      b.attack_type, b.target_type, b.fatalities
    FROM base b JOIN towns t USING (town) WHERE hash(b.inc, 34) % 100 < 15`);
}

async function main(): Promise<void> {
  const events = arg('events', 1_000_000);
  const dir = join(process.cwd(), '.bench');
  if (!existsSync(dir)) mkdirSync(dir);
  const file = join(dir, `link-${events}.duckdb`);
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  const store = await Store.open(file);
  try {
    let t = performance.now();
    await generate(store, events);
    const n = (await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events'))!.n;
    // Space-time density decides the number of candidate pairs far more than n does.
    console.log(
      `generated ${n.toLocaleString('en')} events in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    t = performance.now();
    const run = await linkEvents(store, { full: true });
    const seconds = (performance.now() - t) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);

    const rows = await store.all<{ event_id: string; incident_id: string }>(
      'SELECT event_id, incident_id FROM incident_members',
    );
    const predicted = new Map(rows.map((r) => [r.event_id, r.incident_id]));
    const gold = new Map(rows.map((r) => [r.event_id, r.event_id.split(':')[1]!]));
    const s = scoreClusters(gold, predicted);
    console.log(
      `link: ${n.toLocaleString('en')} events in ${seconds.toFixed(1)} s ` +
        `(${Math.round(n / seconds).toLocaleString('en')} events/s), peak RSS ${Math.round(peak / 2 ** 20)} MiB`,
    );
    console.log(
      `  ${run.candidate_pairs.toLocaleString('en')} candidate pairs, ${run.matches.toLocaleString('en')} matches, ` +
        `${run.abstentions.toLocaleString('en')} abstentions, ${run.incidents.toLocaleString('en')} incidents`,
    );
    console.log(
      `  pairwise P ${s.precision} R ${s.recall} F1 ${s.f1}; B-cubed F1 ${s.bcubed_f1} ` +
        `(${s.gold_pairs.toLocaleString('en')} true duplicate pairs)`,
    );
  } finally {
    store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
