/**
 * Set-based import of an event CSV, in two reads of the file by DuckDB:
 *  1. `loadCsvMapped` maps every row in SQL (a SetMapping) but keeps only what the distinct
 *     passes need (id, point, admin names, actors, lookup keys, warnings) and, for the rows
 *     the SQL cannot vouch for, their cells. JS then sees distinct values only (country
 *     spellings, actor names, points, admin names) and maps the uncertain rows itself.
 *  2. `mapDirectRows` gives the SQL that maps the file again, joins each row to the results
 *     of the distinct passes by key and yields the events columns, typed and hashed, which
 *     the commit inserts straight into `events`.
 * Writing every mapped column into a staging table and again into `events`, as the first
 * version did, cost more than reading the file twice; so did pairing the second read with a
 * per-row table by position, which kept DuckDB on one thread.
 *
 * Tables are regular (not TEMP) for the same reason as in stage.ts: DuckDB can spill them.
 */
import { DuckDBDataChunk, DOUBLE, INTEGER, type DuckDBListValue } from '@duckdb/node-api';
import { EVENT_COLUMNS } from '../model/index.js';
import type { Store } from './db.js';
import type { DirectRows } from './import-run.js';
import { rowHashSql } from './stage.js';

/** A format compiled to SQL over the CSV columns (see csv-sql.ts for the builders). */
export interface SetMapping {
  /**
   * Intermediate columns, layer by layer: each layer's expressions may use the CSV columns
   * and every earlier layer's names. Computing a value once here keeps DuckDB from
   * re-evaluating it in each expression that reads it.
   */
  layers: readonly Readonly<Record<string, string>>[];
  /** Mapped column → SQL expression; names of `import_stage_events` columns map into it. */
  columns: Readonly<Record<string, string>>;
  /** True when the SQL mapping of the row is certainly what the JS mapper would produce. */
  ok: string;
  /** Soft-problem kind → name of a boolean mapped column; counted over the rows mapped in SQL. */
  warnings: Readonly<Record<string, string>>;
  /** Columns whose value comes from a JS function of a few distinct keys. */
  lookups: readonly SetLookup[];
}

export interface SetLookup {
  /** The stage column it fills. */
  target: string;
  /** SQL expressions over the CSV columns (VARCHAR or NULL). */
  keys: readonly string[];
  /** The value, or null when the row must go to the JS mapper (which rejects it). */
  resolve(keys: readonly (string | null)[]): { value: string | null } | null;
}

const MAPPED = 'import_stage_csv';
/** From which row on records spanning lines shift the line numbers (recordShifts). */
const SHIFTS = 'import_stage_shifts';
/** A row's line: one per record after the header, plus the lines earlier records spanned. */
const SHIFT_JOIN = `ASOF LEFT JOIN ${SHIFTS} sh ON r.rn >= sh.from_row`;
const LINE = `r.rn + 2 + coalesce(sh.extra, 0)`;
/**
 * Ids of the rows that are not mapped in SQL (every row of a repeated id among them). The
 * second pass keeps a row when its id is not here: cheaper than checking every row again.
 */
const NOT_DIRECT = 'import_stage_not_direct';

/**
 * `a IS NOT DISTINCT FROM b` as plain equalities, which DuckDB always runs as a hash join.
 */
function sameKey(a: string, b: string): string {
  return `(${a} IS NULL) = (${b} IS NULL) AND coalesce(${a}, '') = coalesce(${b}, '')`;
}
const READY = 'import_stage_ready';

/** How the file is read and which checks it needs (from the byte scan). */
export interface CsvReadOptions {
  /**
   * DuckDB's `max_line_size`, in bytes: a longer line fails the read (and the import takes
   * the streaming path). Its CSV buffers are sized from it, so it should be the file's own
   * longest line, not a worst case: at 8 MiB the reader alone held 256 MiB.
   */
  maxLineBytes: number;
  /** The per-cell checks (`cells_ok`); needless when no byte could fail them. */
  checkCells: boolean;
}

/** Mapped columns the distinct passes read; the wide ones (notes, raw) are only read once, in sqlRows. */
const NARROW = ['id', 'lat', 'lon', 'admin1', 'admin2', 'admin3', 'actor1', 'actor2'];

/**
 * `read_csv` of `file` with every column VARCHAR, then the mapping's layers and `ok`, as a
 * subquery. Each layer is a projection over the one before (projections keep the file's order).
 */
function mappedSource(
  header: readonly string[],
  m: SetMapping,
  { maxLineBytes, checkCells }: CsvReadOptions,
): string {
  const columns = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const read = `read_csv($file, header = true, auto_detect = false, delim = ',', quote = '"',
    escape = '"', strict_mode = true, columns = {${columns}}, compression = 'auto',
    encoding = 'utf-8', max_line_size = ${maxLineBytes}, buffer_size = ${4 * maxLineBytes})`;
  // `cells_ok` (see CsvColumns.firstLayer) is costly; the caller knows from a byte scan when
  // no cell can fail it.
  const layers = m.layers.map((l) =>
    'cells_ok' in l && !checkCells ? { ...l, cells_ok: 'true' } : l,
  );
  return [...layers, { ok: okInSql(m) }].reduce(
    (inner, layer) =>
      `(SELECT *, ${Object.entries(layer)
        .map(([k, v]) => `${v} AS "${k}"`)
        .join(', ')} FROM ${inner})`,
    read,
  );
}

/**
 * The mapping's `ok`, and not a row the importer would place by geoparsing its location text
 * (no coordinates, no governorate, a place name): the geoparser is the JS mapper's.
 */
function okInSql(m: SetMapping): string {
  const { lat, admin1, location } = m.columns;
  if (!location) return m.ok;
  const unplaced = `${lat ?? 'NULL'} IS NULL AND ${admin1 ?? 'NULL'} IS NULL AND ${location} IS NOT NULL`;
  return `(${m.ok}) AND NOT (${unplaced})`;
}

/** The source row as a list of its cells ('' for empty), what the JS mapper takes. */
function cellList(header: readonly string[]): string {
  return `[${header.map((_, i) => `coalesce("c${i}", '')`).join(', ')}]`;
}

/**
 * First pass over `file`: DuckDB reads and maps it, keeping per row only what the distinct
 * passes need (id, point, admin names, actors, lookup keys, warnings) and, for rows the SQL
 * cannot vouch for, their cells. Materialising every mapped column here and again in the
 * events table cost more than reading the file twice. Returns the number of rows, or the
 * reader's error message when DuckDB cannot read the file strictly (ragged rows, bad UTF-8,
 * stray quotes): the caller then falls back to the streaming parser, which reports such rows
 * one by one.
 */
export async function loadCsvMapped(
  s: Store,
  file: string,
  header: readonly string[],
  m: SetMapping,
  opts: CsvReadOptions,
): Promise<{ rows: number } | { error: string }> {
  const keys = m.lookups.flatMap((l, li) => l.keys.map((k, ki) => `${k} AS "lk${li}_${ki}"`));
  // Every narrow column, NULL where the format has none (UCDP has no admin3), so that the
  // distinct passes read one shape.
  const narrow = [
    ...NARROW.map(
      (c) =>
        `${m.columns[c] ?? (c === 'lat' || c === 'lon' ? 'NULL::DOUBLE' : 'NULL::VARCHAR')} AS "${c}"`,
    ),
    ...Object.values(m.warnings).map((c) => `${m.columns[c]} AS "${c}"`),
  ];
  try {
    await s.run(
      `CREATE OR REPLACE TABLE ${MAPPED} AS
       SELECT ${[...narrow, ...keys].join(',\n')},
         ok, CASE WHEN NOT ok THEN ${cellList(header)} END AS src
       FROM ${mappedSource(header, m, opts)}`,
      { file },
    );
  } catch (err) {
    await dropCsvStage(s);
    return { error: (err as Error).message };
  }
  const n = await s.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${MAPPED}`);
  return { rows: n?.n ?? 0 };
}

/**
 * Sends to the JS mapper the rows the first pass mapped but must not vouch for after all: those
 * a lookup refused and every row of an id that occurs more than once (the stage settles
 * repeats in file order, with the JS mapper's own messages). Their cells come from a second,
 * rare read of the file. Then lists the ids of every row not mapped in SQL, which the second
 * pass leaves out. Returns how many rows changed course, and how many stay mapped in SQL.
 */
export async function divertRows(
  s: Store,
  file: string,
  header: readonly string[],
  m: SetMapping,
  opts: CsvReadOptions,
): Promise<{ diverted: number; direct: number }> {
  await s.run(`CREATE OR REPLACE TABLE import_stage_divert AS
    SELECT rn FROM ${READY} WHERE NOT ok AND src IS NULL
    UNION SELECT rn FROM ${READY} r SEMI JOIN (
      SELECT id FROM ${MAPPED} WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1) d ON d.id = r.id
    WHERE r.src IS NULL`);
  const n =
    (await s.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM import_stage_divert`))?.n ?? 0;
  if (n > 0) {
    // The file's order is the table's: row_number() over the same read numbers rows as rowid.
    // (Kept beside the table rather than UPDATEd into it: an update of a list column moves the
    // row, and with it its rowid.)
    await s.run(
      `CREATE OR REPLACE TABLE import_stage_divert AS
         SELECT rn, src FROM (SELECT row_number() OVER () - 1 AS rn, ${cellList(header)} AS src
           FROM ${mappedSource(header, m, opts)})
         SEMI JOIN import_stage_divert USING (rn)`,
      { file },
    );
    await createReady(s, m, true);
  }
  await s.run(`CREATE OR REPLACE TABLE ${NOT_DIRECT} AS
    SELECT DISTINCT id FROM ${READY} WHERE NOT ok AND id IS NOT NULL`);
  const direct =
    (await s.one<{ n: number }>(`SELECT count(*) FILTER (WHERE ok)::INTEGER AS n FROM ${READY}`))
      ?.n ?? 0;
  return { diverted: n, direct };
}

/**
 * `import_stage_ready`: the first pass's rows with the lookups' values and their row number
 * `rn` (its line is LINE); `ok` when the SQL mapping stands (a refused lookup key or a diverted row is not).
 */
async function createReady(s: Store, m: SetMapping, diverted: boolean): Promise<void> {
  const l = lookupJoins(m);
  const d = diverted
    ? {
        join: 'LEFT JOIN import_stage_divert d ON d.rn = m.rowid',
        src: 'coalesce(m.src, d.src)',
        ok: ' AND d.rn IS NULL',
      }
    : { join: '', src: 'm.src', ok: '' };
  await s.run(`CREATE OR REPLACE VIEW ${READY} AS
    SELECT m.* EXCLUDE (ok, src), m.rowid AS rn, m.ok AND NOT (${l.bad})${d.ok} AS ok,
      ${d.src} AS src ${l.values}
    FROM ${MAPPED} m ${l.joins} ${d.join}`);
}

/**
 * The lookups' values joined onto the rows of `from` (aliased `m`, with the `lk…` key
 * columns): `values` selects them under their target names, `bad` is true when a lookup
 * refused the row's key.
 */
function lookupJoins(m: SetMapping, from = 'm'): { joins: string; values: string; bad: string } {
  const joins: string[] = [];
  const values: string[] = [];
  const bad: string[] = ['false'];
  for (const [li, l] of m.lookups.entries()) {
    const alias = `l${li}`;
    joins.push(
      `LEFT JOIN import_stage_lookup${li} ${alias} ON ${l.keys
        .map((_, ki) => sameKey(`${alias}."lk${li}_${ki}"`, `${from}."lk${li}_${ki}"`))
        .join(' AND ')}`,
    );
    values.push(`, ${alias}.value AS "${l.target}"`);
    bad.push(`coalesce(${alias}.bad, false)`);
  }
  return { joins: joins.join(' '), values: values.join(''), bad: bad.join(' OR ') };
}

/**
 * Resolves every lookup over its distinct keys in JS and exposes the mapped rows with the
 * lookups joined (`import_stage_ready`): a row whose key the lookup refuses is not ok.
 */
export async function resolveLookups(s: Store, m: SetMapping): Promise<void> {
  for (const [li, l] of m.lookups.entries()) {
    const cols = l.keys.map((_, ki) => `"lk${li}_${ki}"`);
    const table = `import_stage_lookup${li}`;
    await s.run(
      `CREATE OR REPLACE TABLE ${table} (${cols.map((c) => `${c} VARCHAR`).join(', ')}, value VARCHAR, bad BOOLEAN)`,
    );
    const distinct = await s.all<Record<string, string | null>>(
      `SELECT DISTINCT ${cols.join(', ')} FROM ${MAPPED} WHERE ok`,
    );
    const a = await s.conn.createAppender(table);
    for (const row of distinct) {
      const k = l.keys.map((_, ki) => row[`lk${li}_${ki}`] ?? null);
      const r = l.resolve(k);
      for (const v of k) {
        if (v === null) a.appendNull();
        else a.appendVarchar(v);
      }
      if (r?.value == null) a.appendNull();
      else a.appendVarchar(r.value);
      a.appendBoolean(r === null);
      a.endRow();
    }
    a.closeSync();
  }
  await createReady(s, m, false);
}

/** Counts of each warning over the rows mapped in SQL. */
export async function countWarnings(s: Store, m: SetMapping): Promise<Record<string, number>> {
  const kinds = Object.entries(m.warnings);
  if (!kinds.length) return {};
  const row = await s.one<Record<string, number>>(
    `SELECT ${kinds.map(([, col], i) => `count(*) FILTER (WHERE "${col}")::INTEGER AS w${i}`).join(', ')}
     FROM ${READY} WHERE ok`,
  );
  const out: Record<string, number> = {};
  kinds.forEach(([kind], i) => {
    const n = row?.[`w${i}`] ?? 0;
    if (n) out[kind] = n;
  });
  return out;
}

/**
 * Gives each distinct point of the ok rows a unit number from `locate` (-1 when outside every
 * unit), reading and writing whole vectors so a million distinct points cost well under a
 * second.
 */
export async function locatePoints(
  s: Store,
  locate: (lon: number, lat: number) => number,
): Promise<void> {
  await s.run(`CREATE OR REPLACE TABLE import_stage_points (lat DOUBLE, lon DOUBLE, unit INTEGER)`);
  const result = await s.conn.stream(
    `SELECT DISTINCT lat, lon FROM ${READY} WHERE ok AND lat IS NOT NULL`,
  );
  // Appended only once the stream is drained: an appender flushing on the connection while
  // its stream is open ends the stream early, silently (at ~200,000 rows), which left most
  // points of a large file unlocated and the admin units of a re-import different each time.
  const located: DuckDBDataChunk[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const [lats, lons] = chunk.getColumns() as [number[], number[]];
    const units = lats.map((lat, i) => locate(lons[i]!, lat));
    const out = DuckDBDataChunk.create([DOUBLE, DOUBLE, INTEGER], chunk.rowCount);
    out.setColumnValues(0, lats);
    out.setColumnValues(1, lons);
    out.setColumnValues(2, units);
    located.push(out);
  }
  const a = await s.conn.createAppender('import_stage_points');
  for (const chunk of located) a.appendDataChunk(chunk);
  a.closeSync();
}

/** Admin fields a normalisation key resolves to. */
export interface AdminFields {
  country: string | null;
  admin1: string | null;
  admin1_code: string | null;
  admin2: string | null;
  admin2_code: string | null;
  admin3: string | null;
  admin3_code: string | null;
}

/** One distinct combination of what admin normalisation reads, with its row count. */
export interface AdminKey {
  /** Unit number of the point; -1 outside every unit; -2 no coordinates. */
  unit: number;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  n: number;
}

const KEY_COLS = ['country', 'admin1', 'admin2', 'admin3'] as const;
/** The event columns admin normalisation fills. */
const ADMIN_COLS = EVENT_COLUMNS.filter((c) => c === 'country' || c.startsWith('admin'));
/** A row's unit number, after `pointJoin`: -2 without coordinates. */
const unitOf = (lat: string) => `coalesce(p.unit, CASE WHEN ${lat} IS NULL THEN -2 ELSE -1 END)`;
const pointJoin = (lat: string, lon: string) =>
  `LEFT JOIN import_stage_points p ON p.lat = ${lat} AND p.lon = ${lon}`;

/**
 * Normalises admin units and actors over distinct values: `admin` maps each distinct key,
 * `actor` each distinct actor name; the answers are kept in small tables joined back by
 * `insertMapped`.
 */
export async function normalizeDistinct(
  s: Store,
  admin: (k: AdminKey) => AdminFields,
  actor: (name: string) => string | null,
): Promise<void> {
  const keys = await s.all<Omit<AdminKey, 'n'> & { n: number }>(
    `SELECT ${unitOf('r.lat')}::INTEGER AS unit, ${KEY_COLS.map((c) => `r.${c}`).join(', ')},
       count(*)::INTEGER AS n
     FROM ${READY} r ${pointJoin('r.lat', 'r.lon')} WHERE r.ok GROUP BY ALL`,
  );
  await s.run(`CREATE OR REPLACE TABLE import_stage_admin (unit INTEGER,
    ${KEY_COLS.map((c) => `k_${c} VARCHAR`).join(', ')},
    country VARCHAR, admin1 VARCHAR, admin1_code VARCHAR, admin2 VARCHAR, admin2_code VARCHAR,
    admin3 VARCHAR, admin3_code VARCHAR)`);
  const a = await s.conn.createAppender('import_stage_admin');
  const str = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
  for (const k of keys) {
    const f = admin(k);
    a.appendInteger(k.unit);
    for (const c of KEY_COLS) str(k[c]);
    str(f.country);
    str(f.admin1);
    str(f.admin1_code);
    str(f.admin2);
    str(f.admin2_code);
    str(f.admin3);
    str(f.admin3_code);
    a.endRow();
  }
  a.closeSync();
  const names = await s.all<{ name: string }>(
    `SELECT DISTINCT name FROM (SELECT actor1 AS name FROM ${READY} WHERE ok
       UNION SELECT actor2 FROM ${READY} WHERE ok) WHERE name IS NOT NULL`,
  );
  await s.run(`CREATE OR REPLACE TABLE import_stage_actors (name VARCHAR, canonical VARCHAR)`);
  const b = await s.conn.createAppender('import_stage_actors');
  for (const { name } of names) {
    const canon = actor(name);
    b.appendVarchar(name);
    if (canon === null) b.appendNull();
    else b.appendVarchar(canon);
    b.endRow();
  }
  b.closeSync();
}

/**
 * The events columns the second pass writes, with where it takes each from: the row's own
 * mapped column (`row`), or SQL: a constant, or a table of values normalised in JS over
 * distinct keys (`n` admin units, `a1`/`a2` actors; see mapDirectRows). Mapped columns are
 * typed as stored (date a DATE, tactics a list, raw JSON), so nothing is cast on the way in.
 */
const DIRECT_COLUMNS: readonly [string, string][] = [
  ['id', 'row'],
  ['origin', 'row'],
  ['extractor', 'NULL::VARCHAR'],
  ['source_id', 'row'],
  ['external_id', 'row'],
  ['date', 'row'],
  ['date_end', 'row'],
  ['date_precision', 'row'],
  ...ADMIN_COLS.map((c): [string, string] => [c, `n.${c}`]),
  ['location', 'row'],
  ['lat', 'row'],
  ['lon', 'row'],
  ['geo_precision', 'row'],
  ['actor1', 'a1.canonical'],
  ['actor2', 'a2.canonical'],
  ['attack_type', 'row'],
  ['tactics', 'row'],
  ['target_type', 'row'],
  ['fatalities', 'row'],
  ['fatalities_low', 'row'],
  ['fatalities_high', 'row'],
  ['wounded', 'row'],
  ['claimed', 'row'],
  ['notes', 'row'],
  ['confidence', 'NULL::DOUBLE'],
  ['raw', 'row'],
];

/**
 * Second pass, as SQL for the commit to run: the rows mapped in SQL, read and mapped again
 * straight from the file, joined to the small tables of values normalised over distinct keys
 * (points, admin keys, actors, lookups), as the events table's columns with their row_hash.
 * Every join's build side is a table of distinct keys, so DuckDB streams the file through
 * them on all threads, straight into `events`: the wide rows (notes, raw) are written once.
 */
export function mapDirectRows(
  file: string,
  header: readonly string[],
  m: SetMapping,
  opts: CsvReadOptions,
): DirectRows {
  const looked = new Set(m.lookups.map((l) => l.target));
  // What the joins read, computed again from the row by the same expressions as in the first
  // pass (so the keys match the distinct tables exactly).
  const keyCols = ['id', 'lat', 'lon', ...KEY_COLS, 'actor1', 'actor2'].filter(
    (c) => c in m.columns && !looked.has(c),
  );
  const wide = new Map<string, string>(keyCols.map((c) => [`k_${c}`, m.columns[c]!]));
  m.lookups.forEach((l, li) => l.keys.forEach((k, ki) => wide.set(`lk${li}_${ki}`, k)));
  // A key column a lookup fills (country) is the lookup's value, as in the first pass's view.
  const looks = (c: string) => `l${m.lookups.findIndex((l) => l.target === c)}.value`;
  const key = (c: string) => (looked.has(c) ? looks(c) : c in m.columns ? `w."k_${c}"` : 'NULL');
  const select = DIRECT_COLUMNS.map(([col, from]) => {
    if (from !== 'row') return `${from} AS ${col}`;
    if (looked.has(col)) return `${looks(col)} AS ${col}`;
    if (!(col in m.columns)) return `NULL AS ${col}`;
    if (col === 'id' || col === 'lat' || col === 'lon') return `${key(col)} AS ${col}`;
    wide.set(col, m.columns[col]!);
    return `w."${col}" AS ${col}`;
  });
  const l = lookupJoins(m, 'w');
  return {
    rows: `SELECT *, ${rowHashSql('list')} AS row_hash FROM (SELECT ${select.join(', ')}
       FROM (SELECT ${[...wide].map(([k, v]) => `${v} AS "${k}"`).join(', ')}
             FROM ${mappedSource(header, m, opts)}) w
       ${l.joins}
       ${pointJoin(key('lat'), key('lon'))}
       LEFT JOIN import_stage_admin n ON n.unit = ${unitOf(key('lat'))}
         AND ${KEY_COLS.map((c) => sameKey(`n.k_${c}`, key(c))).join(' AND ')}
       LEFT JOIN import_stage_actors a1 ON a1.name = ${key('actor1')}
       LEFT JOIN import_stage_actors a2 ON a2.name = ${key('actor2')}
       ANTI JOIN ${NOT_DIRECT} d ON d.id = ${key('id')}
       WHERE ${key('id')} IS NOT NULL)`,
    params: { file },
    // The joins are written with the small tables on the build side. DuckDB's optimizer, which
    // cannot size a CSV before reading it, would flip the points join and hash the file's wide
    // rows instead: one thread, a pipeline breaker, ~7 s more and more memory on 1M rows. The
    // events table has no meaningful row order (lines are in `ids`), so the insert need not
    // keep the file's: ~0.8 s less on 1M rows.
    settings: { disabled_optimizers: 'build_side_probe_side', preserve_insertion_order: 'false' },
    ids: `SELECT r.id, ${LINE} AS line FROM ${READY} r ${SHIFT_JOIN} WHERE r.ok`,
  };
}

/**
 * The rows the SQL could not vouch for, in file order, with their cells. Read in batches that
 * are fully fetched before they are handed out: the caller appends to the stage on the same
 * connection, which must not run while a streamed result is open.
 */
export async function* uncertainRows(
  s: Store,
  batch = 10_000,
): AsyncGenerator<{ line: number; values: string[] }> {
  let after = -1;
  for (;;) {
    const reader = await s.conn.runAndReadAll(
      `SELECT r.rn::BIGINT AS rn, ${LINE}::BIGINT AS line, r.src
       FROM (SELECT rn, src FROM ${READY} WHERE NOT ok AND rn > $after ORDER BY rn LIMIT ${batch}) r
       ${SHIFT_JOIN} ORDER BY r.rn`,
      { after },
    );
    // An empty result has no columns at all.
    const [rns = [], lines = [], lists = []] = reader.getColumns() as [
      bigint[]?,
      bigint[]?,
      DuckDBListValue[]?,
    ];
    for (let i = 0; i < rns.length; i++) {
      yield { line: Number(lines[i]!), values: lists[i]!.items as string[] };
    }
    if (rns.length < batch) return;
    after = Number(rns[rns.length - 1]!);
  }
}

/**
 * Records where rows spanning lines shift the line numbers (see FileScan.shifts), so that a
 * row's `line` is the one the row-by-row reader gives it.
 */
export async function recordShifts(
  s: Store,
  shifts: readonly { row: number; extra: number }[],
): Promise<void> {
  await s.run(`CREATE OR REPLACE TABLE ${SHIFTS} (from_row BIGINT, extra BIGINT)`);
  if (!shifts.length) return;
  const a = await s.conn.createAppender(SHIFTS);
  for (const { row, extra } of shifts) {
    a.appendBigInt(BigInt(row));
    a.appendBigInt(BigInt(extra));
    a.endRow();
  }
  a.closeSync();
}

/** Drops what set-based staging created (the rows themselves are in import_stage_events). */
export async function dropCsvStage(s: Store): Promise<void> {
  await s.run(`DROP VIEW IF EXISTS ${READY}; DROP TABLE IF EXISTS ${MAPPED};
    DROP TABLE IF EXISTS import_stage_points; DROP TABLE IF EXISTS import_stage_admin;
    DROP TABLE IF EXISTS import_stage_actors; DROP TABLE IF EXISTS import_stage_divert; DROP TABLE IF EXISTS import_stage_not_direct; DROP TABLE IF EXISTS import_stage_shifts; DROP TABLE IF EXISTS import_stage_lookup0;
    DROP TABLE IF EXISTS import_stage_lookup1; DROP TABLE IF EXISTS import_stage_lookup2`);
}
