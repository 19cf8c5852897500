/**
 * The `sitrep` command line, run as a user runs it: the built bin/sitrep.js in a child process
 * against a database file in a temp directory. Requires `npm run build` (npm test does it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, Store } from '../src/store/index.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
const db = join(dir, 'cli.duckdb');

async function sitrep(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/sitrep.js', ...args], {
      env: { ...process.env, SITREP_DB: db },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('sitrep CLI', () => {
  beforeAll(async () => {
    const r = await sitrep(
      'import',
      'test/fixtures/ingest/ucdp/good.csv',
      'test/fixtures/ingest/ucdp/bad.csv',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints an import summary that points at the quarantine', async () => {
    const r = await sitrep('import', 'test/fixtures/ingest/ucdp/bad.csv');
    expect(r.stdout).toMatch(
      /0 imported, 0 updated, 1 unchanged, 5 quarantined: see sitrep quarantine list/,
    );
  });

  it('lists quarantined rows with file, line, field and reason', async () => {
    const r = await sitrep('quarantine', 'list', '--json');
    const rows = JSON.parse(r.stdout) as { file: string; line: number; field: string }[];
    expect(rows.map((x) => [x.line, x.field])).toContainEqual([4, 'best']);
    expect(rows.every((x) => x.file.endsWith('bad.csv'))).toBe(true);
  });

  it('filters events by actor alias, country and date range', async () => {
    const r = await sitrep(
      'events',
      '--actor',
      'ISIS',
      '--country',
      'SYR',
      '--from',
      '2016',
      '--to',
      '2019-12',
      '--json',
    );
    const rows = JSON.parse(r.stdout) as { actor1: string; actor2: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const e of rows) expect([e.actor1, e.actor2]).toContain('Islamic State');
  });

  it('prints a table with a total line', async () => {
    const r = await sitrep('events', '--limit', '3');
    expect(r.stdout.split('\n')[0]).toMatch(/^date\s+country\s+admin1/);
    // bad.csv's one good row is good.csv's first row: 10 distinct events in all.
    expect(r.stdout).toMatch(/3 of 10 events/);
  });

  it('exports CSV to stdout with one line per event plus a header', async () => {
    const r = await sitrep('export', '--format', 'csv');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id,origin,/);
    expect(lines).toHaveLength(11);
  });

  it('exports valid GeoJSON with a feature per event', async () => {
    const r = await sitrep('export', '--format', 'geojson', '--actor', 'Islamic State');
    const fc = JSON.parse(r.stdout) as {
      type: string;
      features: { geometry: { coordinates: number[] } | null }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    const [lon, lat] = fc.features[0]!.geometry!.coordinates as [number, number];
    expect(lon).toBeGreaterThan(35);
    expect(lat).toBeGreaterThan(32);
  });

  it('exports Parquet that DuckDB reads back', async () => {
    const out = join(dir, 'events.parquet');
    const r = await sitrep('export', '--format', 'parquet', '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 4).toString()).toBe('PAR1');
    const store = await Store.open(':memory:');
    const n = await store.one<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM read_parquet($p)',
      { p: out },
    );
    store.close();
    expect(n?.n).toBe(10);
  });

  it('shows what the database holds', async () => {
    const r = await sitrep('db', 'info', '--json');
    const info = JSON.parse(r.stdout) as {
      events: number;
      quarantined: number;
      schemaVersion: number;
    };
    expect(info).toMatchObject({ events: 10, quarantined: 5, schemaVersion: SCHEMA_VERSION });
  });

  it('answers a bad flag with one line naming the flag and exit code 2', async () => {
    const r = await sitrep('events', '--from', 'last year');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('sitrep: --from: expected YYYY, YYYY-MM or YYYY-MM-DD');
  });

  it('answers a missing file with the path and no stack trace', async () => {
    const r = await sitrep('import', join(dir, 'missing.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.csv: cannot read: ENOENT/);
    expect(r.stderr).not.toMatch(/\bat \S+ \(/);
  });

  it('analyses tempo with zero-filled months and a finding line', async () => {
    const r = await sitrep('analyze', 'tempo', '--from', '2016-01', '--to', '2016-03', '--json');
    const t = JSON.parse(r.stdout) as { periods: { period: string; count: number }[]; n: number };
    expect(t.periods.map((p) => p.period)).toEqual(['2016-01', '2016-02', '2016-03']);
    expect(t.periods.reduce((a, p) => a + p.count, 0)).toBe(t.n);
    const text = await sitrep('analyze', 'tempo', '--from', '2016-01', '--to', '2016-03');
    expect(text.stdout).toMatch(/mean [\d.]+ per month \(95% CI/);
  });

  it('ranks governorates by share', async () => {
    const r = await sitrep('analyze', 'concentration', '--country', 'SYR', '--json');
    const c = JSON.parse(r.stdout) as { units: { unit: string; count: number }[]; n: number };
    const counts = c.units.map((u) => u.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(c.units).toHaveLength(14);
  });

  it('measures distance to the Euphrates with bank sides', async () => {
    const r = await sitrep('analyze', 'rivers', '--country', 'SYR', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { n: number; n_used: number; n_excluded: number };
    expect(out.n_used + out.n_excluded).toBe(out.n);
  });

  it('ingests a feed and lists its documents as plain text', async () => {
    const r = await sitrep('ingest', 'test/fixtures/comms/feed.rss');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/feed\.rss \(rss\): \d+ ingested/);
    const docs = JSON.parse((await sitrep('documents', '--json')).stdout) as { text: string }[];
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect(d.text).not.toMatch(/<script|onerror|alert\(/i);
  });

  it('has help for every command', async () => {
    for (const cmd of [
      [],
      ['import'],
      ['events'],
      ['export'],
      ['quarantine', 'list'],
      ['db', 'info'],
      ['demo'],
    ]) {
      const r = await sitrep(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: sitrep/);
    }
  });

  it('honours --db over SITREP_DB', async () => {
    const other = join(dir, 'other.duckdb');
    const r = await sitrep('--db', other, 'db', 'info', '--json');
    expect(JSON.parse(r.stdout).events).toBe(0);
    expect(existsSync(other)).toBe(true);
  });
});
