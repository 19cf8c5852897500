/**
 * Staging for imports. Rows are appended to connection-local TEMP tables while a file streams
 * in; nothing touches the permanent tables until `commitStage` runs one transaction. A process
 * killed while staging leaves no trace (temp tables die with the connection), and one killed
 * during the commit is rolled back by DuckDB's WAL on the next open.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Event, QuarantineRow } from '../model/index.js';
import type { Store } from './db.js';

const STAGE_EVENTS = `CREATE OR REPLACE TEMP TABLE stage_events (
  line BIGINT, id VARCHAR, origin VARCHAR, extractor VARCHAR, source_id VARCHAR, external_id VARCHAR,
  date VARCHAR, date_end VARCHAR, date_precision TINYINT, country VARCHAR,
  admin1 VARCHAR, admin1_code VARCHAR, admin2 VARCHAR, admin2_code VARCHAR, admin3 VARCHAR, admin3_code VARCHAR,
  location VARCHAR, lat DOUBLE, lon DOUBLE, geo_precision TINYINT, actor1 VARCHAR, actor2 VARCHAR,
  attack_type VARCHAR, tactics VARCHAR, target_type VARCHAR, fatalities INTEGER, fatalities_low INTEGER,
  fatalities_high INTEGER, wounded INTEGER, claimed BOOLEAN, notes VARCHAR, confidence DOUBLE,
  raw VARCHAR, row_hash VARCHAR)`;

const STAGE_QUARANTINE = `CREATE OR REPLACE TEMP TABLE stage_quarantine (
  line BIGINT, field VARCHAR, reason VARCHAR, record VARCHAR)`;

/** What happens to a second row with an id already seen in the same file. */
export type DuplicatePolicy = 'quarantine' | 'keep-first';

export interface CommitCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  duplicates: number;
}

export class ImportStage {
  private constructor(
    private readonly store: Store,
    private readonly events: DuckDBAppender,
    private readonly quarantine: DuckDBAppender,
  ) {}

  static async open(store: Store): Promise<ImportStage> {
    await store.run(STAGE_EVENTS);
    await store.run(STAGE_QUARANTINE);
    return new ImportStage(
      store,
      await store.conn.createAppender('stage_events', 'main', 'temp'),
      await store.conn.createAppender('stage_quarantine', 'main', 'temp'),
    );
  }

  /** Appends one validated event read from `line`. */
  addEvent(line: number, e: Event, rowHash: string): void {
    const a = this.events;
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

  /** Appends one rejected record. */
  addRejected(q: Pick<QuarantineRow, 'line' | 'field' | 'reason' | 'record'>): void {
    const a = this.quarantine;
    a.appendBigInt(BigInt(q.line));
    a.appendVarchar(q.field);
    a.appendVarchar(q.reason);
    a.appendVarchar(q.record);
    a.endRow();
  }

  /** Moves buffered appender rows into the temp tables (bounded memory on long files). */
  flush(): void {
    this.events.flushSync();
    this.quarantine.flushSync();
  }

  /**
   * Merges the staged rows into `events` and `quarantine` and records the import, all in one
   * transaction. Rows whose content hash is unchanged are left alone, so re-imports are no-ops.
   */
  async commit(
    importRow: { file: string; sha256: string; format: string; startedAt: Date; rowsRead: number },
    duplicates: DuplicatePolicy,
    warnings: Record<string, number>,
  ): Promise<CommitCounts & { importId: number }> {
    this.flush();
    this.events.closeSync();
    this.quarantine.closeSync();
    const s = this.store;
    // Second and later rows with one id in the same file: either rejected with the line of
    // the first, or (for sources that repeat a row per group, like CPOST) counted and skipped.
    await s.run(`
      CREATE OR REPLACE TEMP TABLE stage_dups AS
        SELECT line, id, first_line, raw FROM (
          SELECT line, id, raw, row_number() OVER (PARTITION BY id ORDER BY line) AS rn,
                 min(line) OVER (PARTITION BY id) AS first_line
          FROM stage_events) WHERE rn > 1`);
    const dupRows = await s.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM stage_dups');
    const dupCount = dupRows?.n ?? 0;
    if (dupCount > 0) {
      if (duplicates === 'quarantine') {
        await s.run(`INSERT INTO stage_quarantine
          SELECT line, 'id', 'duplicate id ' || id || ' (first at line ' || first_line || ')', raw
          FROM stage_dups`);
      }
      await s.run('DELETE FROM stage_events WHERE line IN (SELECT line FROM stage_dups)');
    }
    const idRow = await s.one<{ id: number }>(`SELECT nextval('import_id_seq')::INTEGER AS id`);
    const importId = idRow!.id;
    return s.transaction(async () => {
      const counts = await s.one<{ inserted: number; updated: number; unchanged: number }>(`
        SELECT count(*) FILTER (WHERE e.id IS NULL)::INTEGER AS inserted,
               count(*) FILTER (WHERE e.id IS NOT NULL AND e.row_hash <> s.row_hash)::INTEGER AS updated,
               count(*) FILTER (WHERE e.row_hash = s.row_hash)::INTEGER AS unchanged
        FROM stage_events s LEFT JOIN events e ON e.id = s.id`);
      await s.run(
        `MERGE INTO events AS e USING (
           SELECT * EXCLUDE (line, date, date_end, tactics, raw),
                  date::DATE AS date, date_end::DATE AS date_end,
                  CASE WHEN tactics = '' THEN []::VARCHAR[] ELSE string_split(tactics, ',') END AS tactics,
                  raw::JSON AS raw
           FROM stage_events) AS s
         ON e.id = s.id
         WHEN MATCHED AND e.row_hash <> s.row_hash THEN UPDATE SET
           ${UPDATABLE.map((c) => `${c} = s.${c}`).join(', ')},
           import_id = $importId, updated_at = current_timestamp::TIMESTAMP
         WHEN NOT MATCHED THEN INSERT (${UPDATABLE.join(', ')}, id, import_id, updated_at)
           VALUES (${UPDATABLE.map((c) => `s.${c}`).join(', ')}, s.id, $importId, current_timestamp::TIMESTAMP)`,
        { importId },
      );
      await s.run(
        `INSERT INTO quarantine
           SELECT $importId, $file, $sha, line, field, reason, record FROM stage_quarantine
           ON CONFLICT DO NOTHING`,
        { importId, file: importRow.file, sha: importRow.sha256 },
      );
      const q = await s.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM stage_quarantine');
      const result = {
        importId,
        inserted: counts?.inserted ?? 0,
        updated: counts?.updated ?? 0,
        unchanged: counts?.unchanged ?? 0,
        quarantined: q?.n ?? 0,
        duplicates: dupCount,
      };
      await s.run(
        `INSERT INTO imports VALUES ($importId, $file, $sha, $format, $started::TIMESTAMP,
           current_timestamp::TIMESTAMP, $rowsRead, $inserted, $updated, $unchanged, $quarantined, $warnings::JSON)`,
        {
          importId,
          file: importRow.file,
          sha: importRow.sha256,
          format: importRow.format,
          started: importRow.startedAt.toISOString(),
          rowsRead: importRow.rowsRead,
          inserted: result.inserted,
          updated: result.updated,
          unchanged: result.unchanged,
          quarantined: result.quarantined,
          warnings: JSON.stringify(warnings),
        },
      );
      return result;
    });
  }
}

/** Every events column an import writes (all but id and the bookkeeping columns). */
const UPDATABLE = [
  'origin',
  'extractor',
  'source_id',
  'external_id',
  'date',
  'date_end',
  'date_precision',
  'country',
  'admin1',
  'admin1_code',
  'admin2',
  'admin2_code',
  'admin3',
  'admin3_code',
  'location',
  'lat',
  'lon',
  'geo_precision',
  'actor1',
  'actor2',
  'attack_type',
  'tactics',
  'target_type',
  'fatalities',
  'fatalities_low',
  'fatalities_high',
  'wounded',
  'claimed',
  'notes',
  'confidence',
  'raw',
  'row_hash',
] as const;

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
