/**
 * Staging for imports. Rows are appended to staging tables while a file streams in; nothing
 * touches `events` or `quarantine` until `commit` runs one transaction, which a process killed
 * mid-way never completes (DuckDB's WAL rolls it back on the next open). The staging tables
 * live in the database file rather than in TEMP so that DuckDB's buffer manager can spill
 * them: a million staged rows would otherwise sit in memory (~2 KB each). A killed import may
 * leave them behind; they are replaced by the next import and hold nothing anyone reads.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { EVENT_COLUMNS, type Event } from '../model/index.js';
import type { Store } from './db.js';
import {
  Staging,
  type CommitCounts,
  type DirectRows,
  type DuplicatePolicy,
  type ImportRun,
  type StagedTarget,
} from './import-run.js';

const STAGE_EVENTS = `CREATE OR REPLACE TABLE import_stage_events (
  line BIGINT, id VARCHAR, origin VARCHAR, extractor VARCHAR, source_id VARCHAR, external_id VARCHAR,
  date VARCHAR, date_end VARCHAR, date_precision TINYINT, country VARCHAR,
  admin1 VARCHAR, admin1_code VARCHAR, admin2 VARCHAR, admin2_code VARCHAR, admin3 VARCHAR, admin3_code VARCHAR,
  location VARCHAR, lat DOUBLE, lon DOUBLE, geo_precision TINYINT, actor1 VARCHAR, actor2 VARCHAR,
  attack_type VARCHAR, tactics VARCHAR, target_type VARCHAR, fatalities INTEGER, fatalities_low INTEGER,
  fatalities_high INTEGER, wounded INTEGER, claimed BOOLEAN, notes VARCHAR, confidence DOUBLE,
  raw VARCHAR, row_hash VARCHAR)`;

export class ImportStage extends Staging {
  static async open(store: Store): Promise<ImportStage> {
    const [rows, rejected] = await Staging.createTables(store, EVENTS_TARGET, STAGE_EVENTS);
    return new ImportStage(store, rows, rejected, EVENTS_TARGET);
  }

  /**
   * Appends one validated event read from `line`. Its row_hash is computed in SQL at commit
   * (rowHashSql), so a row hashes the same whether the JS or the set-based path staged it.
   */
  addEvent(line: number, e: Event): void {
    const a = this.rows;
    a.appendBigInt(BigInt(line));
    str(a, e.id);
    str(a, e.origin);
    str(a, e.extractor);
    str(a, e.source_id);
    str(a, e.external_id);
    str(a, e.date);
    str(a, e.date_end);
    a.appendTinyInt(e.date_precision);
    str(a, e.country);
    str(a, e.admin1);
    str(a, e.admin1_code);
    str(a, e.admin2);
    str(a, e.admin2_code);
    str(a, e.admin3);
    str(a, e.admin3_code);
    str(a, e.location);
    dbl(a, e.lat);
    dbl(a, e.lon);
    if (e.geo_precision === null) a.appendNull();
    else a.appendTinyInt(e.geo_precision);
    str(a, e.actor1);
    str(a, e.actor2);
    str(a, e.attack_type);
    str(a, e.tactics.join(','));
    str(a, e.target_type);
    int(a, e.fatalities);
    int(a, e.fatalities_low);
    int(a, e.fatalities_high);
    int(a, e.wounded);
    if (e.claimed === null) a.appendNull();
    else a.appendBoolean(e.claimed);
    str(a, e.notes);
    dbl(a, e.confidence);
    str(a, rawJson(e.raw));
    a.appendNull();
    a.endRow();
  }

  /** Fills the content hash of rows appended from JS, then commits (see Staging.commit). */
  override async commit(
    run: ImportRun,
    duplicates: DuplicatePolicy,
    warnings: Record<string, number>,
    direct?: DirectRows,
  ): Promise<CommitCounts> {
    this.flush();
    return super.commit(run, duplicates, warnings, direct);
  }
}

/** Event columns covered by the content hash, in order: all but the bookkeeping, plus raw. */
const HASHED: readonly string[] = [...EVENT_COLUMNS, 'raw'];

/**
 * The content hash of an events row as SQL over its columns: md5 of every value in column
 * order as text, NULL told apart from any text. Unchanged rows hash equal on re-import, so
 * the merge leaves them alone. `tactics` is the one column staged as text (comma-joined) but
 * mapped in SQL as a list: the caller says which, and both spell the same text.
 */
export function rowHashSql(tactics: 'text' | 'list'): string {
  return `md5(concat_ws(chr(31), ${HASHED.map((c) =>
    c === 'tactics' && tactics === 'list'
      ? `array_to_string(tactics, ',')`
      : `coalesce(CAST(${c} AS VARCHAR), chr(0))`,
  ).join(', ')}))`;
}

/**
 * `raw` as JSON text exactly as DuckDB's to_json writes it (the set-based path), which differs
 * from JSON.stringify only in upper-case hex in \u escapes of control characters.
 */
export function rawJson(raw: Readonly<Record<string, string>>): string {
  return JSON.stringify(raw).replace(/\\(\\|u[0-9a-f]{4})/g, (m, g: string) =>
    g === '\\' ? m : `\\u${g.slice(1).toUpperCase()}`,
  );
}

/** Every events column an import writes: the Event columns but the id, plus the bookkeeping. */
const UPDATABLE: readonly string[] = [
  ...EVENT_COLUMNS.filter((c) => c !== 'id'),
  'raw',
  'row_hash',
];

function str(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}
function dbl(a: DuckDBAppender, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendDouble(v);
}
function int(a: DuckDBAppender, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendInteger(v);
}

const EVENTS_TARGET: StagedTarget = {
  table: 'events',
  stage: 'import_stage_events',
  quarantineStage: 'import_stage_quarantine',
  projection: `* EXCLUDE (line, date, date_end, tactics, raw, row_hash),
    date::DATE AS date, date_end::DATE AS date_end,
    CASE WHEN tactics = '' THEN []::VARCHAR[] ELSE string_split(tactics, ',') END AS tactics,
    raw::JSON AS raw, ${rowHashSql('text')} AS row_hash`,
  columns: UPDATABLE,
};
