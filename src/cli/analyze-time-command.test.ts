import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertEvents, repeat, type TestEvent } from '../analyze/test-events.js';
import { Store } from '../store/index.js';
import { registerTimeAnalyses } from './analyze-time-command.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-time-'));
  db = join(dir, 'events.duckdb');
  const store = await Store.open(db);
  const events: TestEvent[] = [];
  for (let i = 0; i < 24; i++) {
    const m = String((i % 12) + 1).padStart(2, '0');
    const date = `${2018 + Math.floor(i / 12)}-${m}-10`;
    events.push(...repeat(i < 12 ? 30 : 5, { date, admin1: 'Homs', country: 'SYR' }));
  }
  await insertEvents(store, events);
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sitrep(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const spy = vi
    .spyOn(console, 'log')
    .mockImplementation((s: unknown) => void lines.push(String(s)));
  try {
    const program = new Command().option('--db <path>').exitOverride();
    registerTimeAnalyses(program.command('analyze'));
    await program.parseAsync(['--db', db, 'analyze', ...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

describe('sitrep analyze regimes|alerts|forecast', () => {
  it('prints the phases and the finding', async () => {
    const text = await sitrep('regimes', '--country', 'SYR');
    expect(text).toContain(
      'high 2018-01–2018-12 (30.0 per month); quiet since 2019-01 (5.0 per month)',
    );
    expect(text).toContain('Events in Syria are in a quiet phase since Jan 2019');
    const json = JSON.parse(await sitrep('regimes', '--json'));
    expect(json.segments).toHaveLength(2);
  });

  it('prints alerts and a forecast with its backtest', async () => {
    const alerts = JSON.parse(await sitrep('alerts', '--by', 'month', '--json'));
    expect(alerts.alerts).toEqual([]);
    const text = await sitrep('forecast', '--horizon', '2', '--backtest', '--origins', '6');
    expect(text).toMatch(/2020-01 +5\.0/);
    expect(text).toContain('backtest over the last 6 months');
    const both = JSON.parse(await sitrep('forecast', '--backtest', '--json'));
    expect(both.forecast.points).toHaveLength(6);
    expect(both.backtest.rows).toHaveLength(3);
    await expect(sitrep('forecast', '--horizon', '9')).rejects.toThrow('--horizon: "9"');
  });
});
