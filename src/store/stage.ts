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
import { Staging, type StagedTarget } from './import-run.js';

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

  /** Appends one validated event read from `line`. */
  addEvent(line: number, e: Event, rowHash: string): void {
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
    str(a, JSON.stringify(e.raw));
    str(a, rowHash);
    a.endRow();
  }
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
  projection: `* EXCLUDE (line, date, date_end, tactics, raw),
    date::DATE AS date, date_end::DATE AS date_end,
    CASE WHEN tactics = '' THEN []::VARCHAR[] ELSE string_split(tactics, ',') END AS tactics,
    raw::JSON AS raw`,
  columns: UPDATABLE,
};
