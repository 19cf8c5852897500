/**
 * `sitrep eval link`: on a gold file written from the linking fixture (always), and on the
 * CPOST × Iraq Body Count and UCDP × headline gold sets built from ../shared/data (whenever
 * present, as in CI), held-out (odd) years only.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { getFormat, importFile } from '../src/ingest/index.js';
import {
  cpostIbcGold,
  evaluateLink,
  setLinkModel,
  ucdpHeadlineGold,
  type GoldLine,
} from '../src/link/index.js';
import { reportsStore } from '../src/link/test-fixture.js';
import { EventSchema } from '../src/model/index.js';
import { eventsByIds, Store } from '../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-link-eval-'));
const SHARED = join(process.cwd(), '..', 'shared', 'data', 'events');

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((s: unknown) => void err.push(String(s)));
  try {
    const code = await main(['node', 'sitrep', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

describe('sitrep eval link', () => {
  it('scores a gold file: the Baqubah bombing’s three reports are one incident', async () => {
    const store = await reportsStore();
    let lines: GoldLine[];
    try {
      const ids = (await store.all<{ id: string }>('SELECT id FROM events ORDER BY id')).map(
        (r) => r.id,
      );
      const docOf = new Map(
        (
          await store.all<{ id: string; ext: string | null }>(
            'SELECT id, external_id AS ext FROM events',
          )
        ).map((r) => [r.id, r.ext?.split('#')[0] ?? null]),
      );
      const bombing = new Set(['acled:IRQ1', 'news-baqubah-1', 'claim-baqubah-ar']);
      lines = (await eventsByIds(store, ids)).map((row) => {
        const id = row.id as string;
        const same = bombing.has(id) || bombing.has(docOf.get(id) ?? '');
        return {
          split: 'test',
          cluster: same ? 'bombing' : id,
          event: EventSchema.parse({ ...row, raw: {} }),
        };
      });
    } finally {
      store.close();
    }
    const file = join(dir, 'gold.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const res = await run('eval', 'link', '--gold', file, '--json');
    expect(res.code).toBe(0);
    const scores = JSON.parse(res.out) as Record<string, { f1: number; gold_pairs: number }>;
    expect(scores.test).toMatchObject({ gold_pairs: 3, f1: 1 });
    expect(scores.dev).toBeUndefined();
  });

  it('names the file, line and field of a bad gold line', async () => {
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, '{"split":"test","cluster":"a","event":{"id":"x"}}\n');
    const res = await run('eval', 'link', '--gold', file);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: event\\.`),
    );
  });

  it.runIf(existsSync(join(SHARED, 'cpost_dsat_suicide_attacks_iraq.csv')))(
    'links CPOST suicide attacks to Iraq Body Count incidents on the held-out years',
    async () => {
      const store = await Store.open(join(dir, 'gold.duckdb'), { memoryLimit: '1GB' });
      let gold: GoldLine[];
      try {
        for (const [file, name] of [
          ['cpost_dsat_suicide_attacks_iraq.csv', 'cpost'],
          ['ibc_iraq_incidents_2003_2017.csv', 'ibc'],
        ] as const) {
          await importFile(store, join(SHARED, file), { format: await getFormat(name) });
        }
        gold = await cpostIbcGold(store);
      } finally {
        store.close();
      }
      const test = gold.filter((l) => l.split === 'test');
      expect(new Set(test.map((l) => l.cluster)).size).toBeGreaterThan(1000);
      const s = await evaluateLink(test);
      // Measured P 0.942 / R 0.703 / F1 0.805 / B-cubed 0.984 with the fitted weights (hand-set:
      // 0.908 / 0.543 / 0.680): month-precise CPOST rows against same-city suicide bombings that
      // month are still often too close to call, and abstain.
      expect(s.precision).toBeGreaterThanOrEqual(0.9);
      expect(s.f1).toBeGreaterThanOrEqual(0.77);
      expect(s.bcubed_f1).toBeGreaterThanOrEqual(0.975);
      // The fitted model is committed only because it beats the hand-set weights here.
      setLinkModel(null);
      try {
        expect((await evaluateLink(test)).f1).toBeLessThan(s.f1);
      } finally {
        setLinkModel(undefined);
      }
    },
    300_000,
  );

  it.runIf(existsSync(join(SHARED, 'ucdp_ged_syria_2016_2019.csv')))(
    'links UCDP rows to their reporting headlines read by the extractor on the held-out years',
    async () => {
      const store = await Store.open(join(dir, 'ucdp-gold.duckdb'), { memoryLimit: '1GB' });
      let gold: GoldLine[];
      try {
        await importFile(store, join(SHARED, 'ucdp_ged_syria_2016_2019.csv'), {
          format: await getFormat('ucdp'),
        });
        gold = await ucdpHeadlineGold(store);
      } finally {
        store.close();
      }
      const test = gold.filter((l) => l.split === 'test');
      expect(test.filter((l) => l.event.origin === 'extracted').length).toBeGreaterThan(250);
      const s = await evaluateLink(test);
      // Measured P 0.667 / R 0.397 / F1 0.498 / B-cubed 0.929 (hand-set weights: F1 0.04).
      // Headlines are dated by publication (±3 days) and often name a district or governorate
      // where UCDP has several same-day rows: most of the rest are explicit abstentions.
      expect(s.precision).toBeGreaterThanOrEqual(0.6);
      expect(s.f1).toBeGreaterThanOrEqual(0.44);
      expect(s.bcubed_f1).toBeGreaterThanOrEqual(0.92);
    },
    300_000,
  );
});
