/**
 * The DuckDB connection. Every SQL statement in Sitrep runs through a Store so that values are
 * always bound parameters and a second backend (ClickHouse) stays a contained piece of work.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { migrate } from './migrations.js';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

export class Store {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  /**
   * Opens (creating if needed) the database file and brings its schema up to date.
   *
   * `memoryLimit` caps DuckDB's buffer pool (default `$SITREP_MEMORY_LIMIT` or 512MB) so that
   * million-row imports spill to disk instead of growing the process: Sitrep is meant to run
   * beside a browser on an analyst's laptop.
   */
  static async open(
    path: string,
    { memoryLimit = process.env.SITREP_MEMORY_LIMIT || '512MB' }: { memoryLimit?: string } = {},
  ): Promise<Store> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, { memory_limit: memoryLimit });
    } catch (err) {
      const detail = (err as Error).message;
      const hint = /config/i.test(detail) ? ` (memory limit "${memoryLimit}"?)` : '';
      throw new StoreError(`${path}: cannot open database: ${detail}${hint}`);
    }
    const store = new Store(path, instance, await instance.connect());
    await migrate(store);
    return store;
  }

  /** Runs a statement for its effect. */
  async run(sql: string, params?: Params): Promise<void> {
    await this.conn.run(sql, params);
  }

  /**
   * Runs a statement and returns how many rows it changed. With `watch`: `settings` (fixed
   * names and values, never user input) hold while it runs, and `onProgress` hears DuckDB's
   * own estimate of the share done (0–1) a few times a second, for statements that read a
   * whole file.
   */
  async change(
    sql: string,
    params?: Params,
    watch: {
      settings?: Readonly<Record<string, string>>;
      onProgress?: (done: number) => void;
    } = {},
  ): Promise<number> {
    const settings = { ...watch.settings };
    if (watch.onProgress) {
      settings.enable_progress_bar = 'true';
      settings.enable_progress_bar_print = 'false';
    }
    for (const [k, v] of Object.entries(settings)) await this.conn.run(`SET ${k} = '${v}'`);
    const timer = watch.onProgress
      ? setInterval(() => {
          const p = this.conn.progress.percentage;
          if (p >= 0) watch.onProgress!(Math.min(1, p / 100));
        }, 200)
      : undefined;
    try {
      return (await this.conn.run(sql, params)).rowsChanged;
    } finally {
      clearInterval(timer);
      for (const k of Object.keys(settings)) {
        // In a transaction the statement's failure aborted, RESET fails too: the ROLLBACK
        // does it instead, and the statement's own error is the one to report.
        await this.conn.run(`RESET ${k}`).catch(() => this.pendingResets.add(k));
      }
    }
  }

  /** Settings `change` could not reset after a failure inside a transaction. */
  private readonly pendingResets = new Set<string>();

  private async resetPending(): Promise<void> {
    for (const k of this.pendingResets) await this.conn.run(`RESET ${k}`).catch(() => undefined);
    this.pendingResets.clear();
  }

  /** Runs a query and returns plain JS rows (BIGINT as number when safe, DATE as `YYYY-MM-DD`). */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const result = await this.conn.run(sql, params);
    return (await result.getRowObjectsJson()) as T[];
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Idle pooled read connections, and requests waiting for one (see `withReader`). */
  private readonly idleReaders: DuckDBConnection[] = [];
  private readonly readerWaiters: ((conn: DuckDBConnection) => void)[] = [];
  private openReaders = 0;

  /**
   * Runs `fn` with a Store on its own pooled connection to this database, so read-only work
   * (an API request) runs beside other reads instead of queueing on `conn`. It sees what was
   * committed; it must not write (writes stay serialised on `conn`), keep the connection past
   * `fn`, or be closed. At most `max` (default 4) such connections exist; further callers wait.
   *
   * @example await store.withReader((r) => tempo(r, { country: ['IRQ'] }))
   */
  async withReader<T>(fn: (reader: Store) => Promise<T>, { max = 4 } = {}): Promise<T> {
    const conn = await this.acquireReader(max);
    try {
      return await fn(new Store(this.path, this.instance, conn));
    } finally {
      const next = this.readerWaiters.shift();
      if (next) next(conn);
      else this.idleReaders.push(conn);
    }
  }

  private async acquireReader(max: number): Promise<DuckDBConnection> {
    const idle = this.idleReaders.pop();
    if (idle) return idle;
    if (this.openReaders < max) {
      this.openReaders++;
      try {
        return await this.instance.connect();
      } catch (err) {
        this.openReaders--;
        throw err;
      }
    }
    return new Promise((resolve) => this.readerWaiters.push(resolve));
  }

  /** Runs `fn` inside a transaction: all of it commits, or none of it does. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.conn.run('COMMIT');
      return out;
    } catch (err) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      await this.resetPending();
      throw err;
    }
  }

  close(): void {
    for (const reader of this.idleReaders.splice(0)) reader.closeSync();
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** A store problem worth showing to the user as one line (bad path, locked file, …). */
export class StoreError extends Error {
  override name = 'StoreError';
}
