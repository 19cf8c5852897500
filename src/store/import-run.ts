/**
 * Closing an import run, for any staged table (events, documents): settle ids repeated within
 * the file, then in ONE transaction merge the staged rows by id and content hash, copy the
 * rejected records into `quarantine` and write the `imports` ledger row. A process killed
 * before COMMIT leaves nothing behind but the staging tables, which the next run replaces.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { QuarantineRow } from '../model/index.js';
import type { Store } from './db.js';

/** What to do with a second row carrying an id already seen in the same file. */
export type DuplicatePolicy = 'quarantine' | 'keep-first';

/** One file's run, as the `imports` ledger records it. */
export interface ImportRun {
  file: string;
  sha256: string;
  format: string;
  startedAt: Date;
  rowsRead: number;
}

/**
 * Rows merged alongside the staged ones (the set-based import's second pass): a SELECT of
 * the permanent table's columns as the stage's projection gives them (row_hash included),
 * which reads the source file again, so it runs once per commit; and a SELECT of
 * `(id, line)` for the same rows, cheap to run twice.
 */
export interface DirectRows {
  rows: string;
  /** Values `rows` binds (the file). */
  params: Readonly<Record<string, string>>;
  /** DuckDB settings `rows` is planned under (see Store.change). */
  settings: Readonly<Record<string, string>>;
  ids: string;
  /** Hears the share of `rows` read (0–1) while it runs. */
  onProgress?: (done: number) => void;
}

export interface CommitCounts {
  importId: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  /** Rows dropped from the stage because their id repeated an earlier line. */
  duplicates: number;
}

/** Where staged rows live and how they become rows of the permanent table. */
export interface StagedTarget {
  /** The permanent table (a fixed identifier, never user input). */
  table: 'events' | 'documents';
  /** Staging table of rows, with `line`, `id`, `raw` and `row_hash` columns. */
  stage: string;
  /** Staging table of rejected records: line, field, reason, record. */
  quarantineStage: string;
  /** SELECT list over the stage producing the permanent table's column types. */
  projection: string;
  /** Columns written on insert and update (all but id and bookkeeping). */
  columns: readonly string[];
}

/**
 * The half every staging area shares: the table of rejected records, flushing, and the commit.
 * Subclasses add the typed `add…` method for their rows.
 */
export abstract class Staging {
  protected constructor(
    protected readonly store: Store,
    protected readonly rows: DuckDBAppender,
    private readonly rejected: DuckDBAppender,
    private readonly target: StagedTarget,
  ) {}

  /** (Re)creates the staging tables of `target` (rows from `rowsDdl`) and opens their appenders. */
  protected static async createTables(
    store: Store,
    target: StagedTarget,
    rowsDdl: string,
  ): Promise<[DuckDBAppender, DuckDBAppender]> {
    await store.run(rowsDdl);
    await store.run(`CREATE OR REPLACE TABLE ${target.quarantineStage} (
      line BIGINT, field VARCHAR, reason VARCHAR, record VARCHAR)`);
    return [
      await store.conn.createAppender(target.stage),
      await store.conn.createAppender(target.quarantineStage),
    ];
  }

  /** Appends one rejected record. */
  addRejected(q: Pick<QuarantineRow, 'line' | 'field' | 'reason' | 'record'>): void {
    const a = this.rejected;
    a.appendBigInt(BigInt(q.line));
    a.appendVarchar(q.field);
    a.appendVarchar(q.reason);
    a.appendVarchar(q.record);
    a.endRow();
  }

  /** Moves buffered appender rows into the staging tables (bounded memory on long files). */
  flush(): void {
    this.rows.flushSync();
    this.rejected.flushSync();
  }

  /**
   * Merges the staged rows and rejected records and records the run, all in one transaction.
   * Rows whose content hash is unchanged are left alone, so re-imports are no-ops.
   */
  async commit(
    run: ImportRun,
    duplicates: DuplicatePolicy,
    warnings: Record<string, number>,
    direct?: DirectRows,
  ): Promise<CommitCounts> {
    this.flush();
    this.rows.closeSync();
    this.rejected.closeSync();
    return commitStaged(this.store, this.target, run, duplicates, warnings, direct);
  }
}

export async function commitStaged(
  s: Store,
  t: StagedTarget,
  run: ImportRun,
  duplicates: DuplicatePolicy,
  warnings: Record<string, number>,
  direct?: DirectRows,
): Promise<CommitCounts> {
  let dupCount = await settleDuplicates(s, t, duplicates);
  if (direct) dupCount += await settleAgainstDirect(s, t, duplicates, direct);
  const idRow = await s.one<{ id: number }>(`SELECT nextval('import_id_seq')::INTEGER AS id`);
  const importId = idRow!.id;
  const ids = `SELECT id, false AS direct FROM ${t.stage}${direct ? ` UNION ALL SELECT id, true FROM (${direct.ids})` : ''}`;
  const result = await s.transaction(async () => {
    // Counted around the merge rather than by comparing hashes first: the direct rows are
    // only hashed as they stream into the table, and a second pass over them costs a read.
    const before = await s.one<{
      total: number;
      inserted: number;
      directNew: number;
      directOld: number;
    }>(
      `SELECT count(*)::INTEGER AS total, count(*) FILTER (WHERE p.id IS NULL)::INTEGER AS inserted,
         count(*) FILTER (WHERE s.direct AND p.id IS NULL)::INTEGER AS directNew,
         count(*) FILTER (WHERE s.direct AND p.id IS NOT NULL)::INTEGER AS directOld
       FROM (${ids}) s LEFT JOIN ${t.table} p ON p.id = s.id`,
    );
    const merge = (source: string, p: Record<string, string | number>) =>
      s.run(
        `MERGE INTO ${t.table} AS p USING ${source} AS s
         ON p.id = s.id
         WHEN MATCHED AND p.row_hash IS DISTINCT FROM s.row_hash THEN UPDATE SET
           ${t.columns.map((c) => `${c} = s.${c}`).join(', ')},
           import_id = $importId, updated_at = current_timestamp::TIMESTAMP
         WHEN NOT MATCHED THEN INSERT (${t.columns.join(', ')}, id, import_id, updated_at)
           VALUES (${t.columns.map((c) => `s.${c}`).join(', ')}, s.id, $importId, current_timestamp::TIMESTAMP)`,
        p,
      );
    await merge(`(SELECT ${t.projection} FROM ${t.stage})`, { importId });
    if (direct)
      await mergeDirect(
        s,
        t,
        direct,
        importId,
        before?.directNew ?? 0,
        before?.directOld ?? 0,
        merge,
      );
    const touched = await s.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${t.table} WHERE import_id = $importId`,
      { importId },
    );
    const inserted = before?.inserted ?? 0;
    const updated = (touched?.n ?? 0) - inserted;
    const counts = { inserted, updated, unchanged: (before?.total ?? 0) - inserted - updated };
    await s.run(
      `INSERT INTO quarantine
         SELECT $importId, $file, $sha, line, field, reason, record FROM ${t.quarantineStage}
         ON CONFLICT DO NOTHING`,
      { importId, file: run.file, sha: run.sha256 },
    );
    const q = await s.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t.quarantineStage}`);
    const out: CommitCounts = {
      importId,
      ...counts,
      quarantined: q?.n ?? 0,
      duplicates: dupCount,
    };
    await s.run(
      `INSERT INTO imports VALUES ($importId, $file, $sha, $format, $started::TIMESTAMP,
         current_timestamp::TIMESTAMP, $rowsRead, $inserted, $updated, $unchanged, $quarantined,
         $warnings::JSON)`,
      {
        importId,
        file: run.file,
        sha: run.sha256,
        format: run.format,
        started: run.startedAt.toISOString(),
        rowsRead: run.rowsRead,
        inserted: out.inserted,
        updated: out.updated,
        unchanged: out.unchanged,
        quarantined: out.quarantined,
        warnings: JSON.stringify(warnings),
      },
    );
    return out;
  });
  await s.run(`DROP TABLE ${t.stage}; DROP TABLE ${t.quarantineStage}`);
  return result;
}

/**
 * Writes the direct rows, which read the source file. A first import appends them straight
 * from the file, so the wide rows are written once, and no MERGE: a MERGE joins the target
 * to its source and DuckDB would hash the wide source rows. A re-import (some ids already
 * stored) first reads only each row's id and hash, which finds the new ids and the rows whose
 * hash changed; only when there are some does it read the file again for just those rows.
 * An unchanged file is thus read without writing a row.
 */
async function mergeDirect(
  s: Store,
  t: StagedTarget,
  direct: DirectRows,
  importId: number,
  expectNew: number,
  known: number,
  merge: (source: string, p: Record<string, string | number>) => Promise<void>,
): Promise<void> {
  const append = (
    from: string,
    params: Record<string, string | number>,
    watch: Parameters<Store['change']>[2],
  ) =>
    s.change(
      `INSERT INTO ${t.table} (${t.columns.join(', ')}, id, import_id, updated_at)
       SELECT ${t.columns.join(', ')}, id, $importId, current_timestamp::TIMESTAMP
       FROM (${from}) s
       ANTI JOIN (SELECT id FROM ${t.table}) p ON p.id = s.id`,
      { importId, ...params },
      watch,
    );
  const check = (added: number) => {
    // The second pass joins the file to tables of distinct keys and leaves out the ids of the
    // rows the first found not ok: it cannot drop or double a row unless that logic breaks,
    // and then the transaction must not commit.
    if (added !== expectNew) {
      throw new Error(`set-based import: ${added} new rows written for ${expectNew} expected`);
    }
  };
  if (known === 0) {
    // A first import appends straight from the file, with its settings and progress.
    check(await append(direct.rows, direct.params, direct));
    direct.onProgress?.(1);
    return;
  }
  // TEMP tables, unlike the stage: on the 1M-row re-import they measured faster and leaner
  // than regular ones, spilling fine.
  await s.change(
    `CREATE OR REPLACE TEMP TABLE stage_keys AS SELECT id, row_hash FROM (${direct.rows})`,
    direct.params,
    { settings: direct.settings, onProgress: direct.onProgress },
  );
  direct.onProgress?.(1);
  // Only new rows and rows whose content changed are written: a MERGE over every known id
  // costs as much as rewriting them.
  await s.run(
    `CREATE OR REPLACE TEMP TABLE stage_changed AS
       SELECT k.id, p.id IS NULL AS new FROM stage_keys k
       LEFT JOIN (SELECT id, row_hash FROM ${t.table}) p ON p.id = k.id
       WHERE p.id IS NULL OR p.row_hash IS DISTINCT FROM k.row_hash`,
  );
  const changed = await s.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM stage_changed`);
  if (changed?.n) {
    await s.change(
      `CREATE OR REPLACE TEMP TABLE stage_direct AS
         SELECT * FROM (${direct.rows}) SEMI JOIN stage_changed USING (id)`,
      direct.params,
      { settings: direct.settings },
    );
    check(await append('SELECT * FROM stage_direct', {}, {}));
    await merge(
      `(SELECT * FROM stage_direct WHERE id IN (SELECT id FROM stage_changed WHERE NOT new))`,
      {
        importId,
      },
    );
    await s.run('DROP TABLE stage_direct');
  } else check(0);
  await s.run('DROP TABLE stage_changed; DROP TABLE stage_keys');
}

/**
 * Staged (JS-mapped) rows whose id a direct row also carries. The set-based import sends every
 * row of a repeated id to the JS mapper, so this only happens when the JS mapper derives an id
 * the SQL did not (a cell only JS could read): the staged row is the one set aside, with the
 * line of the other. Returns the count.
 */
async function settleAgainstDirect(
  s: Store,
  t: StagedTarget,
  policy: DuplicatePolicy,
  direct: DirectRows,
): Promise<number> {
  await s.run(
    `CREATE OR REPLACE TEMP TABLE stage_clash AS
       SELECT st.line, st.id, st.raw, min(d.line) AS other FROM ${t.stage} st
       JOIN (${direct.ids}) d ON d.id = st.id GROUP BY ALL`,
  );
  return setAside(
    s,
    t,
    policy,
    'stage_clash',
    `'duplicate id ' || id || ' (also at line ' || other || ')'`,
  );
}

/**
 * Takes the staged rows listed in `table` (line, id, raw, …) out of the stage, quarantining
 * them with `reason` (SQL over the table's columns) under the 'quarantine' policy, and drops
 * the table. Returns how many there were.
 */
async function setAside(
  s: Store,
  t: StagedTarget,
  policy: DuplicatePolicy,
  table: string,
  reason: string,
): Promise<number> {
  const n = (await s.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`))?.n ?? 0;
  if (n > 0) {
    if (policy === 'quarantine') {
      await s.run(
        `INSERT INTO ${t.quarantineStage} SELECT line, 'id', ${reason}, raw FROM ${table}`,
      );
    }
    await s.run(`DELETE FROM ${t.stage} WHERE line IN (SELECT line FROM ${table})`);
  }
  await s.run(`DROP TABLE ${table}`);
  return n;
}

/**
 * Second and later rows with one id in the same file: either rejected with the line of the
 * first, or (for sources that repeat a row per group, like CPOST, or identical tweets)
 * counted and dropped. Returns the count.
 */
async function settleDuplicates(
  s: Store,
  t: StagedTarget,
  policy: DuplicatePolicy,
): Promise<number> {
  // Most files repeat no id: a hash aggregate says so far faster than the window below sorts.
  const any = await s.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM (SELECT id FROM ${t.stage} GROUP BY id HAVING count(*) > 1)`,
  );
  if (!any?.n) return 0;
  await s.run(`
    CREATE OR REPLACE TEMP TABLE stage_dups AS
      SELECT line, id, first_line, raw FROM (
        SELECT line, id, raw, row_number() OVER (PARTITION BY id ORDER BY line) AS rn,
               min(line) OVER (PARTITION BY id) AS first_line
        FROM ${t.stage}) WHERE rn > 1`);
  return setAside(
    s,
    t,
    policy,
    'stage_dups',
    `'duplicate id ' || id || ' (first at line ' || first_line || ')'`,
  );
}
