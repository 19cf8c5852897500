/**
 * Set-based staging of an event CSV: DuckDB's own reader loads the file and a format compiled
 * to SQL (a SetMapping) maps every row in the same pass; JS only sees distinct values (country
 * spellings, actor names, points, admin names) and the few rows the SQL cannot vouch for. The
 * result lands in `import_stage_events`, the same staging table the streaming path fills, so
 * the commit (dedupe, MERGE, quarantine, ledger in one transaction) is shared.
 *
 * Tables are regular (not TEMP) for the same reason as in stage.ts: DuckDB can spill them.
 */
import { DuckDBDataChunk, DOUBLE, INTEGER, type DuckDBListValue } from '@duckdb/node-api';
import type { Store } from './db.js';
import { ROW_HASH_SQL } from './stage.js';

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
  /** Cheaper versions of some columns, valid when the file holds no backslash or control character. */
  plainColumns?: Readonly<Record<string, string>>;
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

/**
 * `a IS NOT DISTINCT FROM b` as plain equalities, which DuckDB always runs as a hash join.
 */
function sameKey(a: string, b: string): string {
  return `(${a} IS NULL) = (${b} IS NULL) AND coalesce(${a}, '') = coalesce(${b}, '')`;
}
const READY = 'import_stage_ready';

/**
 * Reads `file` with DuckDB and maps it. Returns the number of rows, or the reader's error
 * message when DuckDB cannot read the file strictly (ragged rows, bad UTF-8, stray quotes):
 * the caller then falls back to the streaming parser, which reports such rows one by one.
 */
export async function loadCsvMapped(
  s: Store,
  file: string,
  header: readonly string[],
  m: SetMapping,
  {
    maxLineChars,
    checkCells,
    plainText,
  }: { maxLineChars: number; checkCells: boolean; plainText: boolean },
): Promise<{ rows: number } | { error: string }> {
  const columns = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const keys = m.lookups.flatMap((l, li) => l.keys.map((k, ki) => `${k} AS "lk${li}_${ki}"`));
  const list = `[${header.map((_, i) => `coalesce("c${i}", '')`).join(', ')}]`;
  const read = `read_csv($file, header = true, auto_detect = false, delim = ',', quote = '"',
    escape = '"', strict_mode = true, columns = {${columns}}, compression = 'auto',
    encoding = 'utf-8', max_line_size = ${maxLineChars})`;
  // Each layer is a projection over the one before (projections keep the file's row order).
  // `cells_ok` (see CsvColumns.firstLayer) is costly; the caller knows from a byte scan when
  // no cell can fail it.
  const layers = m.layers.map((l) =>
    'cells_ok' in l && !checkCells ? { ...l, cells_ok: 'true' } : l,
  );
  const from = [...layers, { ok: m.ok }].reduce(
    (inner, layer) =>
      `(SELECT *, ${Object.entries(layer)
        .map(([k, v]) => `${v} AS "${k}"`)
        .join(', ')} FROM ${inner})`,
    read,
  );
  try {
    await s.run(
      `CREATE OR REPLACE TABLE ${MAPPED} AS
       SELECT ${Object.entries(plainText ? { ...m.columns, ...m.plainColumns } : m.columns)
         .map(([k, v]) => `${v} AS "${k}"`)
         .join(',\n')}${keys.length ? ',' : ''} ${keys.join(', ')},
         ok, CASE WHEN NOT ok THEN ${list} END AS src
       FROM ${from}`,
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
 * Resolves every lookup over its distinct keys in JS and exposes the mapped rows with the
 * lookups joined (`import_stage_ready`): a row whose key the lookup refuses is not ok.
 */
export async function resolveLookups(s: Store, m: SetMapping): Promise<void> {
  const joins: string[] = [];
  const values: string[] = [];
  const bad: string[] = [];
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
    const alias = `l${li}`;
    joins.push(
      `LEFT JOIN ${table} ${alias} ON ${cols.map((c) => sameKey(`${alias}.${c}`, `m.${c}`)).join(' AND ')}`,
    );
    values.push(`${alias}.value AS "${l.target}"`);
    bad.push(`coalesce(${alias}.bad, false)`);
  }
  await s.run(`CREATE OR REPLACE VIEW ${READY} AS
    SELECT m.* EXCLUDE (ok), m.rowid AS rn, m.ok${bad.map((b) => ` AND NOT ${b}`).join('')} AS ok
      ${values.map((v) => `, ${v}`).join('')}
    FROM ${MAPPED} m ${joins.join(' ')}`);
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
  const a = await s.conn.createAppender('import_stage_points');
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const [lats, lons] = chunk.getColumns() as [number[], number[]];
    const units = lats.map((lat, i) => locate(lons[i]!, lat));
    const out = DuckDBDataChunk.create([DOUBLE, DOUBLE, INTEGER], chunk.rowCount);
    out.setColumnValues(0, lats);
    out.setColumnValues(1, lons);
    out.setColumnValues(2, units);
    a.appendDataChunk(out);
  }
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
const UNIT = `coalesce(p.unit, CASE WHEN r.lat IS NULL THEN -2 ELSE -1 END)`;
const POINT_JOIN = `LEFT JOIN import_stage_points p ON p.lat = r.lat AND p.lon = r.lon`;

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
    `SELECT ${UNIT}::INTEGER AS unit, ${KEY_COLS.map((c) => `r.${c}`).join(', ')},
       count(*)::INTEGER AS n
     FROM ${READY} r ${POINT_JOIN} WHERE r.ok GROUP BY ALL`,
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

/** Columns of import_stage_events in order (see stage.ts), with what fills them here. */
const STAGE_COLUMNS: readonly [string, string][] = [
  ['line', 'r.rn + 2'],
  ['id', 'r.id'],
  ['origin', 'r.origin'],
  ['extractor', 'NULL'],
  ['source_id', 'r.source_id'],
  ['external_id', 'r.external_id'],
  ['date', 'r.date'],
  ['date_end', 'NULL'],
  ['date_precision', 'r.date_precision'],
  ['country', 'n.country'],
  ['admin1', 'n.admin1'],
  ['admin1_code', 'n.admin1_code'],
  ['admin2', 'n.admin2'],
  ['admin2_code', 'n.admin2_code'],
  ['admin3', 'n.admin3'],
  ['admin3_code', 'n.admin3_code'],
  ['location', 'r.location'],
  ['lat', 'r.lat'],
  ['lon', 'r.lon'],
  ['geo_precision', 'r.geo_precision'],
  ['actor1', 'a1.canonical'],
  ['actor2', 'a2.canonical'],
  ['attack_type', 'r.attack_type'],
  ['tactics', 'r.tactics'],
  ['target_type', 'r.target_type'],
  ['fatalities', 'r.fatalities'],
  ['fatalities_low', 'NULL'],
  ['fatalities_high', 'NULL'],
  ['wounded', 'NULL'],
  ['claimed', 'NULL'],
  ['notes', 'r.notes'],
  ['confidence', 'NULL'],
  ['raw', 'r.raw'],
];

/**
 * Moves the ok rows, normalised, into `import_stage_events` (row_hash left NULL: stage.ts
 * computes it for every staged row alike). A mapping may leave a column out (NULL).
 */
export async function insertMapped(s: Store, m: SetMapping): Promise<number> {
  const have = new Set([...Object.keys(m.columns), ...m.lookups.map((l) => l.target)]);
  const select = STAGE_COLUMNS.map(([col, expr]) => {
    const fromRow = expr.startsWith('r.') && expr !== 'r.rn + 2';
    return fromRow && !have.has(col) ? `NULL AS ${col}` : `${expr} AS ${col}`;
  });
  await s.run(`INSERT INTO import_stage_events (${STAGE_COLUMNS.map(([c]) => c).join(', ')}, row_hash)
    SELECT *, ${ROW_HASH_SQL} FROM (SELECT ${select.join(', ')}
    FROM ${READY} r ${POINT_JOIN}
    JOIN import_stage_admin n ON n.unit = ${UNIT}
      AND ${KEY_COLS.map((c) => sameKey(`n.k_${c}`, `r.${c}`)).join(' AND ')}
    LEFT JOIN import_stage_actors a1 ON a1.name = r.actor1
    LEFT JOIN import_stage_actors a2 ON a2.name = r.actor2
    WHERE r.ok)`);
  const n = await s.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${READY} WHERE ok`);
  return n?.n ?? 0;
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
      `SELECT rn::BIGINT AS rn, src FROM ${READY} WHERE NOT ok AND rn > $after ORDER BY rn LIMIT ${batch}`,
      { after },
    );
    // An empty result has no columns at all.
    const [rns = [], lists = []] = reader.getColumns() as [bigint[]?, DuckDBListValue[]?];
    for (let i = 0; i < rns.length; i++) {
      yield { line: Number(rns[i]!) + 2, values: lists[i]!.items as string[] };
    }
    if (rns.length < batch) return;
    after = Number(rns[rns.length - 1]!);
  }
}

/** Drops what set-based staging created (the rows themselves are in import_stage_events). */
export async function dropCsvStage(s: Store): Promise<void> {
  await s.run(`DROP VIEW IF EXISTS ${READY}; DROP TABLE IF EXISTS ${MAPPED};
    DROP TABLE IF EXISTS import_stage_points; DROP TABLE IF EXISTS import_stage_admin;
    DROP TABLE IF EXISTS import_stage_actors; DROP TABLE IF EXISTS import_stage_lookup0;
    DROP TABLE IF EXISTS import_stage_lookup1; DROP TABLE IF EXISTS import_stage_lookup2`);
}
