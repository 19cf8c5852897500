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

  it('names the path when the database cannot be opened', async () => {
    await expect(Store.open('/nonexistent-dir/x/sitrep.duckdb')).rejects.toThrow(StoreError);
    await expect(Store.open('/nonexistent-dir/x/sitrep.duckdb')).rejects.toThrow(
      /nonexistent-dir\/x\/sitrep\.duckdb: cannot open database/,
    );
  });
});
