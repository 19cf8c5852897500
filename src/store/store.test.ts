import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store, StoreError } from './db.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from './migrations.js';

describe('Store', () => {
  it('creates the schema once and records the migration versions', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitrep-store-')), 'db.duckdb');
    const first = await Store.open(path);
    first.close();
    const again = await Store.open(path);
    expect(await migrate(again)).toEqual([]);
    const rows = await again.all<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    again.close();
  });

  it('rolls a failed transaction back whole', async () => {
    const store = await Store.open(':memory:');
    await store.run('CREATE TABLE t (x INTEGER)');
    await expect(
      store.transaction(async () => {
        await store.run('INSERT INTO t VALUES (1)');
        await store.run('INSERT INTO nope VALUES (2)');
      }),
    ).rejects.toThrow();
    expect(await store.one('SELECT count(*)::INTEGER AS n FROM t')).toEqual({ n: 0 });
    store.close();
  });

  it('change: counts rows, holds settings only while it runs, reports its own failure', async () => {
    const store = await Store.open(':memory:');
    const setting = async () =>
      (await store.one<{ v: string }>(`SELECT current_setting('disabled_optimizers') AS v`))?.v;
    await store.run('CREATE TABLE t (x INTEGER)');
    const n = await store.change('INSERT INTO t SELECT range FROM range(5)', undefined, {
      settings: { disabled_optimizers: 'build_side_probe_side' },
    });
    expect(n).toBe(5);
    expect(await setting()).toBe('');
    // Inside a transaction the failure aborts it: the error is the statement's, not RESET's,
    // and the ROLLBACK puts the setting back.
    await expect(
      store.transaction(() =>
        store.change('INSERT INTO t SELECT * FROM nope', undefined, {
          settings: { disabled_optimizers: 'build_side_probe_side' },
        }),
      ),
    ).rejects.toThrow(/nope/);
    expect(await setting()).toBe('');
    expect(await store.one('SELECT count(*)::INTEGER AS n FROM t')).toEqual({ n: 5 });
    store.close();
  });

  it('names the path when the database cannot be opened', async () => {
    await expect(Store.open('/nonexistent-dir/x/sitrep.duckdb')).rejects.toThrow(StoreError);
    await expect(Store.open('/nonexistent-dir/x/sitrep.duckdb')).rejects.toThrow(
      /nonexistent-dir\/x\/sitrep\.duckdb: cannot open database/,
    );
  });
});
