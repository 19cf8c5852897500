import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentSchema } from '../model/index.js';
import { DocumentStage, Store } from '../store/index.js';
import { evidenceOf } from '../store/index.js';
import { extractStored } from './store-mode.js';

const TEXT =
  'In Kirkuk, a roadside bomb killed two soldiers on Tuesday. Meanwhile in Diyala, gunmen attacked ' +
  'a police checkpoint near Baquba, killing three policemen.';

describe('extractStored', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    const stage = await DocumentStage.open(store);
    const d = DocumentSchema.parse({
      id: 'd1',
      source: 'news',
      text: TEXT,
      published_at: '2017-03-09T10:00:00Z',
    });
    stage.addDocument(2, d, {}, { content: d.text, row: JSON.stringify(d) });
    await stage.commit(
      { file: 'f', sha256: 'a', format: 'news', startedAt: new Date(), rowsRead: 1 },
      'quarantine',
      {},
    );
  });
  afterEach(() => store.close());

  it('stores extracted events with evidence, and a re-run changes nothing', async () => {
    const first = await extractStored(store);
    expect(first).toMatchObject({ documents: 1, events: 2, inserted: 2 });
    const again = await extractStored(store);
    expect(again).toMatchObject({ events: 2, inserted: 0, unchanged: 2 });
    const rows = await store.all<{ id: string; origin: string; fatalities: number }>(
      `SELECT id, origin, fatalities FROM events ORDER BY external_id`,
    );
    expect(rows.map((r) => [r.origin, r.fatalities])).toEqual([
      ['extracted', 2],
      ['extracted', 3],
    ]);
    const ev = await evidenceOf(store, rows[0]!.id);
    const fat = ev.find((e) => e.field === 'fatalities')!;
    expect(TEXT.slice(fat.start, fat.end)).toBe('killed two');
    const n = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM evidence');
    expect(n!.n).toBe(ev.length + (await evidenceOf(store, rows[1]!.id)).length);
  });

  it('streams evidence through staging tables and leaves none behind', async () => {
    await extractStored(store);
    const left = await store.all<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE 'evidence_stage%'`,
    );
    expect(left).toEqual([]);
  });
});
