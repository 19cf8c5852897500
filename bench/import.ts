/**
 * `npm run bench:import`: generates a deterministic 1,000,000-row ACLED-format CSV, then in
 * fresh processes (so peak RSS is each one's own) times `sitrep import` and DuckDB's own
 * `read_csv` of the same file into a plain table — the practical limit for loading it.
 * Prints rows/s, seconds and peak RSS, then times a second import of the same file into the same
 * store, which must write nothing. `--rows N` changes the size; `--phases` also prints
 * when each import phase began (seconds since the worker started); `--streaming` also times
 * the row-by-row path (what every import used before the set-based one) for comparison.
 * `--format gtd` or `--format ucdp` benchmarks those formats instead, on real-shaped rows (the
 * GTD fixture's rows, the bundled GED release's) repeated with fresh ids.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { seeded } from '../src/analyze/random.js';
import { acled } from '../src/ingest/acled.js';
import { toCsvLine } from '../src/ingest/csv.js';
import { CsvRecordParser } from '../src/ingest/csv-parser.js';
import { getFormat } from '../src/ingest/formats.js';
import { importFile } from '../src/ingest/importer.js';
import { Store } from '../src/store/index.js';

const HEADER = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
];

/** Real-shaped places (governorate, district, town, lat, lon) to draw rows from. */
const PLACES: readonly [string, string, string, string, number, number][] = [
  ['Iraq', 'Kirkuk', 'Hawija', 'Hawija', 35.3286, 43.7706],
  ['Iraq', 'Diyala', 'Baquba', 'Baqubah', 33.7466, 44.6437],
  ['Iraq', 'Salah al-Din', 'Tikrit', 'Tikrit', 34.6071, 43.6782],
  ['Iraq', 'Ninewa', 'Mosul', 'Mosul', 36.34, 43.13],
  ['Iraq', 'Anbar', 'Ramadi', 'Ramadi', 33.4206, 43.3078],
  ['Iraq', 'Baghdad', 'Tarmia', 'Tarmiyah', 33.6695, 44.3901],
  ['Syria', 'Deir ez Zor', 'Al Mayadin', 'Mayadin', 35.0192, 40.4519],
  ['Syria', 'Ar Raqqa', 'Ar Raqqa', 'Raqqa', 35.9594, 39.0079],
  ['Syria', 'Al Hasakah', 'Al Hasakah', 'Al Hasakah', 36.5024, 40.7477],
  ['Syria', 'Homs', 'Tadmor', 'Palmyra', 34.5601, 38.2676],
];
const TYPES: readonly [string, string][] = [
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Battles', 'Armed clash'],
  ['Violence against civilians', 'Attack'],
  ['Explosions/Remote violence', 'Suicide bomb'],
  ['Violence against civilians', 'Abduction/forced disappearance'],
];

async function generate(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const rand = seeded(42);
  out.write(HEADER.join(',') + '\n');
  const start = Date.UTC(2016, 0, 1);
  for (let i = 0; i < rows; i++) {
    const [country, a1, a2, loc, lat, lon] = PLACES[Math.floor(rand() * PLACES.length)]!;
    const [et, set] = TYPES[Math.floor(rand() * TYPES.length)]!;
    const day = new Date(start + Math.floor(rand() * 2000) * 86_400_000).toISOString().slice(0, 10);
    const iso = country === 'Iraq' ? 368 : 760;
    const line = [
      `${country === 'Iraq' ? 'IRQ' : 'SYR'}${i + 1}`,
      day,
      day.slice(0, 4),
      '1',
      'Political violence',
      et,
      set,
      'Islamic State (Iraq)',
      '',
      '2',
      'Military Forces of Iraq (2014-)',
      '',
      '1',
      '12',
      set === 'Attack' ? 'Civilian targeting' : '',
      iso,
      'Middle East',
      country,
      a1,
      a2,
      '',
      loc,
      (lat + (rand() - 0.5) * 0.2).toFixed(4),
      (lon + (rand() - 0.5) * 0.2).toFixed(4),
      '1',
      'Shafaq News',
      'National',
      `"On ${day}, suspected IS militants attacked near ${loc}, ${a1}; casualties reported."`,
      String(Math.floor(rand() * 6)),
      '',
      '1700000000',
    ].join(',');
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Real-shaped rows of another format: `source`'s data rows over and over, each with a fresh id
 * in `idCol`, so that every row is a new event.
 */
async function repeatRows(path: string, rows: number, source: string, idCol: string) {
  const bytes = readFileSync(source);
  const p = new CsvRecordParser();
  const text = (source.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const [header, ...data] = [...p.push(text), ...p.end()].map((r) => r.values);
  const id = header!.indexOf(idCol);
  const out = createWriteStream(path);
  out.write(toCsvLine(header!) + '\n');
  for (let i = 0; i < rows; i++) {
    const cells = [...data[i % data.length]!];
    cells[id] = String(900_000_000 + i);
    if (!out.write(toCsvLine(cells) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const GENERATORS: Record<string, (path: string, rows: number) => Promise<void>> = {
  acled: generate,
  gtd: (path, rows) => repeatRows(path, rows, 'test/fixtures/ingest/gtd/good.csv', 'eventid'),
  ucdp: (path, rows) => repeatRows(path, rows, 'data/events/ucdp_ged_syria_2016_2019.csv.gz', 'id'),
};

async function workerSitrep(
  file: string,
  db: string,
  formatName: string,
  setBased = true,
): Promise<object> {
  const format = formatName === 'acled' ? acled : await getFormat(formatName);
  const store = await Store.open(db);
  const t = performance.now();
  const r = await importFile(store, file, { format, setBased });
  const seconds = (performance.now() - t) / 1000;
  store.close();
  return { seconds, inserted: r.inserted, updated: r.updated, maxRssMiB: maxRss() };
}

async function workerDuckdb(file: string, db: string): Promise<object> {
  const inst = await DuckDBInstance.create(db);
  const conn = await inst.connect();
  const t = performance.now();
  await conn.run('CREATE TABLE t AS SELECT * FROM read_csv($f)', { f: file });
  const seconds = (performance.now() - t) / 1000;
  const n = await (await conn.run('SELECT count(*)::INTEGER AS n FROM t')).getRowObjectsJson();
  conn.closeSync();
  inst.closeSync();
  return { seconds, rows: n[0]?.n, maxRssMiB: maxRss() };
}

function maxRss(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function runWorker(
  kind: string,
  file: string,
  db: string,
  {
    phases = false,
    fresh = true,
    format = 'acled',
  }: { phases?: boolean; fresh?: boolean; format?: string } = {},
): { seconds: number; maxRssMiB: number; inserted?: number; updated?: number } {
  if (fresh) {
    rmSync(db, { force: true });
    rmSync(db + '.wal', { force: true });
  }
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [self, '--worker', kind, file, db, format], {
    encoding: 'utf8',
    env: phases ? { ...process.env, SITREP_TRACE: '1' } : process.env,
  });
  if (r.status !== 0) throw new Error(`${kind} worker failed: ${r.stderr}`);
  // The importer's phase lines (SITREP_TRACE), with seconds since the worker started.
  if (phases) process.stdout.write(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') {
    const [, kind, file, db, format] = args as [string, string, string, string, string];
    const out =
      kind === 'duckdb'
        ? await workerDuckdb(file, db)
        : await workerSitrep(file, db, format, kind !== 'streaming');
    console.log(JSON.stringify(out));
    return;
  }
  const rowsArg = args.indexOf('--rows');
  const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
  const formatArg = args.indexOf('--format');
  const format = formatArg >= 0 ? args[formatArg + 1]! : 'acled';
  const make = GENERATORS[format];
  if (!make) throw new Error(`--format: one of ${Object.keys(GENERATORS).join(', ')}`);
  const dir = '.bench';
  mkdirSync(dir, { recursive: true });
  // The ACLED file keeps its old name so that earlier runs' files are reused.
  const file = join(dir, `${format === 'acled' ? 'acled' : `bench-${format}`}-${rows}.csv`);
  if (!existsSync(file)) {
    const t = performance.now();
    await make(file, rows);
    console.log(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const duck = runWorker('duckdb', file, join(dir, 'duckdb-read.duckdb'));
  const db = join(dir, 'sitrep-import.duckdb');
  const sit = runWorker('sitrep', file, db, { phases: args.includes('--phases'), format });
  // The same file again: every row is known and unchanged, so nothing may be written.
  const again = runWorker('sitrep', file, db, { fresh: false, format });
  const fmt = (s: number) => Math.round(rows / s).toLocaleString('en-US');
  console.log(`rows                      ${rows.toLocaleString('en-US')} (${format})`);
  console.log(
    `DuckDB read_csv → table   ${duck.seconds.toFixed(2)} s  ${fmt(duck.seconds)} rows/s  peak RSS ${duck.maxRssMiB} MiB`,
  );
  console.log(
    `sitrep import             ${sit.seconds.toFixed(2)} s  ${fmt(sit.seconds)} rows/s  peak RSS ${sit.maxRssMiB} MiB`,
  );
  console.log(
    `ratio (sitrep / DuckDB)   ${(sit.seconds / duck.seconds).toFixed(2)}×  (goal ≤ 1.5×, RSS < 1024 MiB)`,
  );
  console.log(
    `re-import, unchanged      ${again.seconds.toFixed(2)} s  inserted ${again.inserted}, updated ${again.updated} (both should be 0)  peak RSS ${again.maxRssMiB} MiB`,
  );
  if (args.includes('--streaming')) {
    const row = runWorker('streaming', file, db, { format });
    console.log(
      `row-by-row path (before)  ${row.seconds.toFixed(2)} s  ${fmt(row.seconds)} rows/s  peak RSS ${row.maxRssMiB} MiB  (${(row.seconds / duck.seconds).toFixed(2)}×)`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
