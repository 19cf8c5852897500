import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { ImportError } from './errors.js';
import { getFormat } from './formats.js';
import { importFile, MAX_FIELD_CHARS } from './importer.js';

const GOOD = 'test/fixtures/ingest/ucdp/good.csv';
const dir = mkdtempSync(join(tmpdir(), 'sitrep-import-'));

describe('importFile', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  it('updates a row whose content changed and leaves the rest alone', async () => {
    await importFile(store, GOOD);
    const lines = readFileSync(GOOD, 'utf8').split('\n');
    // Row 214797 (line 2): change its best estimate of deaths from 4 to 5.
    lines[1] = lines[1]!.replace(/,4,4,4$/, ',4,5,5');
    const changed = join(dir, 'changed.csv');
    writeFileSync(changed, lines.join('\n'));
    const r = await importFile(store, changed);
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 9 });
    const row = await store.one<{ fatalities: number }>(
      `SELECT fatalities FROM events WHERE id = 'ucdp:214797'`,
    );
    expect(row?.fatalities).toBe(5);
  });

  it('refuses a file missing a required column and writes nothing', async () => {
    const lines = readFileSync(GOOD, 'utf8').split('\n');
    const header = lines[0]!.replace(',best,', ',best_estimate,');
    const path = join(dir, 'nobest.csv');
    writeFileSync(path, [header, ...lines.slice(1)].join('\n'));
    const { ucdp } = await import('./ucdp.js');
    await expect(importFile(store, path, { format: ucdp })).rejects.toThrow(
      /nobest\.csv:1: missing column best required by format ucdp/,
    );
    const n = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
    expect(n?.n).toBe(0);
  });

  it('quarantines a row with a huge cell or with bytes that are not UTF-8, and loads the rest', async () => {
    const [header, first, second, ...rest] = readFileSync(GOOD, 'utf8').trim().split('\n');
    // Line 2: a headline of more than MAX_FIELD_CHARS characters.
    const huge = first!.replace(/,SOHR,/, `,SOHR${'x'.repeat(MAX_FIELD_CHARS + 1)},`);
    // Line 3: a Windows-1256 byte (0xC7, alef) in an otherwise UTF-8 file.
    const latin = Buffer.from(second!.replace(/,SOHR,/, ',SOHR\u0001,'), 'utf8').map((b) =>
      b === 1 ? 0xc7 : b,
    );
    const path = join(dir, 'mixed.csv');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`${header}\n${huge}\n`),
        latin,
        Buffer.from(`\n${rest.join('\n')}\n`),
      ]),
    );
    const r = await importFile(store, path);
    expect(r).toMatchObject({ inserted: 8, quarantined: 2 });
    const q = await store.all<{ line: number; reason: string }>(
      'SELECT line::INTEGER AS line, reason FROM quarantine ORDER BY line',
    );
    expect(q[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/value too long/) });
    expect(q[1]).toMatchObject({ line: 3, reason: expect.stringMatching(/not valid UTF-8/) });
  });

  it('asks for --format when the header matches no known format', async () => {
    const path = join(dir, 'unknown.csv');
    writeFileSync(path, 'when,where,what\n2020-01-01,Kirkuk,IED\n');
    const err = await importFile(store, path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/unknown\.csv:1: cannot tell the format.*--format/);
  });
});

/** A UCDP-format file of `n` rows, made by repeating the fixture rows with fresh ids. */
function bigUcdpFile(n: number): string {
  const [header, ...rows] = readFileSync(GOOD, 'utf8').trim().split('\n');
  const out = [header];
  for (let i = 0; i < n; i++) {
    out.push(rows[i % rows.length]!.replace(/^\d+,/, `${9_000_000 + i},`));
  }
  const path = join(dir, `big-${n}.csv`);
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

/** `n` rows of the ACLED fixture under new ids: a file the set-based path imports. */
function bigAcledFile(n: number): string {
  const [header, ...rows] = readFileSync('test/fixtures/ingest/acled/good.csv', 'utf8')
    .trim()
    .split('\n');
  const out = [header];
  for (let i = 0; i < n; i++) out.push(rows[i % rows.length]!.replace(/^[^,]+,/, `KIL${i},`));
  const path = join(dir, `big-acled-${n}.csv`);
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

/** Runs `sitrep import` and SIGKILLs it as soon as stderr shows `phase <phase>`. */
function importAndKill(file: string, db: string, phase: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/sitrep.js', 'import', file, '--db', db], {
      env: { ...process.env, SITREP_TRACE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes(`phase ${phase}`)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

async function counts(db: string) {
  const store = await Store.open(db);
  try {
    const e = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
    const i = await store.one<{ n: number; ins: number }>(
      'SELECT count(*)::INTEGER AS n, coalesce(sum(inserted), 0)::INTEGER AS ins FROM imports',
    );
    return { events: e?.n ?? 0, imports: i?.n ?? 0, insertedByImports: i?.ins ?? 0 };
  } finally {
    store.close();
  }
}

describe('rows with only a place name', () => {
  it('get coordinates, precision and admin units from the geoparser, and the report says so', async () => {
    const store = await Store.open(':memory:');
    try {
      const report = await importFile(store, 'test/fixtures/ingest/ibc/good.csv', {
        format: await getFormat('ibc'),
      });
      expect(
        report.warnings['coordinates from the geoparser (location text only)'],
      ).toBeGreaterThan(0);
      const row = await store.one<Record<string, unknown>>(
        `SELECT admin1, admin1_code, geo_precision, lat IS NOT NULL AS located
         FROM events WHERE id = 'ibc:z1002'`,
      );
      // "main market, central Baquba" → Baqubah, Diyala
      expect(row).toMatchObject({ admin1: 'Diyala', admin1_code: 'IQG10', located: true });
      expect([1, 2]).toContain(row!.geo_precision);
    } finally {
      store.close();
    }
  });
});

describe('an import killed mid-way', () => {
  const N = 60_000;
  const ucdp = bigUcdpFile(N);
  const acled = bigAcledFile(N);

  it.each([
    ['row by row (UCDP)', 'staging', ucdp],
    ['row by row (UCDP)', 'committing', ucdp],
    ['set-based (ACLED)', 'set-based: normalised', acled],
    ['set-based (ACLED)', 'committing', acled],
  ])(
    '%s: leaves a consistent store when killed at "%s", and a re-run completes',
    async (_path, phase, file) => {
      const db = join(
        dir,
        `kill-${phase.replace(/\W+/g, '-')}-${file === acled ? 'a' : 'u'}.duckdb`,
      );
      const signal = await importAndKill(file, db, phase);
      expect(signal).toBe('SIGKILL');
      const after = await counts(db);
      // All or nothing: either the transaction committed whole, or no event row exists; and
      // the imports ledger always agrees with the events table.
      expect([0, N]).toContain(after.events);
      expect(after.insertedByImports).toBe(after.events);
      const store = await Store.open(db);
      try {
        const r = await importFile(store, file);
        expect(r.inserted + r.unchanged).toBe(N);
      } finally {
        store.close();
      }
      expect((await counts(db)).events).toBe(N);
    },
  );
});
