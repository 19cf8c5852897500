import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestDocuments } from '../ingest/comms/ingest.js';
import { Store } from '../store/index.js';
import { registerComms } from './comms-command.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-comms-cli-'));
const db = join(dir, 'test.duckdb');

/** Runs `sitrep comms …` on the test database; returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command('sitrep').option('--db <path>').exitOverride();
  registerComms(program);
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
  try {
    await program.parseAsync(['node', 'sitrep', '--db', db, 'comms', ...args]);
  } finally {
    log.mockRestore();
  }
  return out.join('\n');
}

describe('sitrep comms', () => {
  beforeAll(async () => {
    const store = await Store.open(db);
    await ingestDocuments(store, 'test/fixtures/comms/tweets.csv');
    await ingestDocuments(store, 'test/fixtures/comms/claims-reposted.ndjson');
    store.close();
    writeFileSync(
      join(dir, 'channels.json'),
      JSON.stringify({ official: ['وكالة أعماق'], supporter: ['ناشر نيوز'] }),
    );
  });
  afterAll(() => undefined);

  it('prints monthly volume per affiliation as a table, and the same numbers as JSON', async () => {
    const table = await run(
      'volume',
      '--group-by',
      'affiliation',
      '--channels',
      join(dir, 'channels.json'),
    );
    expect(table).toMatch(/period\s+total\s+unclassified\s+official\s+supporter/);
    const r = JSON.parse(await run('volume', '--json', '--channel', 'وكالة أعماق'));
    expect(r).toMatchObject({ analysis: 'comms_volume', n: 2 });
  });

  it('refuses affiliation without a channel file, and a bad date, naming the flag', async () => {
    await expect(run('volume', '--group-by', 'affiliation')).rejects.toThrow(/--channels FILE/);
    await expect(run('volume', '--from', '2016/01')).rejects.toThrow(/--from: expected YYYY/);
  });

  it('runs network, terms, ops-share, vs-attacks and dedup', async () => {
    expect(JSON.parse(await run('network', '--json')).analysis).toBe('comms_network');
    expect(
      await run(
        'terms',
        '--focus-from',
        '2016-03',
        '--focus-to',
        '2016-03',
        '--baseline-from',
        '2015',
        '--baseline-to',
        '2016-02',
      ),
    ).toMatch(/rising:/);
    expect(JSON.parse(await run('ops-share', '--json', '--method', 'extract')).n).toBeGreaterThan(
      0,
    );
    expect(await run('vs-attacks', '--country', 'IRQ')).toMatch(/caution: .*weak predictor/);
    expect(await run('dedup')).toMatch(/0 documents hashed/);
  });
});
