import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { storeWithDocs, type TestDoc } from './test-docs.js';
import { commsVolume } from './volume.js';

// 3 documents in Jan 2016 (2 by amaq, 1 by a supporter), none in Feb, 2 in Mar (one Arabic),
// one undated; the March Arabic post repeats the first January one word for word.
const DOCS: TestDoc[] = [
  {
    id: 'a1',
    channel: 'Amaq',
    lang: 'en',
    published: '2016-01-04T10:00:00Z',
    text: 'Amaq: fighters of the Islamic State destroyed a tank near Baiji refinery with a guided missile',
  },
  {
    id: 'a2',
    channel: 'amaq',
    lang: 'en',
    published: '2016-01-10T23:59:59Z',
    text: 'Amaq: two suicide attackers struck a gathering south of Kirkuk',
  },
  {
    id: 's1',
    channel: 'fan_1',
    lang: 'en',
    published: '2016-01-31T12:00:00Z',
    text: 'Brothers, share the latest statement far and wide',
  },
  {
    id: 's2',
    channel: 'fan_2',
    lang: 'ar',
    published: '2016-03-01T00:00:00Z',
    text: 'أعماق: مقاتلو الدولة الإسلامية يدمرون دبابة قرب مصفاة بيجي بصاروخ موجه',
  },
  {
    id: 's3',
    channel: 'fan_2',
    lang: 'en',
    published: '2016-03-02T08:00:00Z',
    text: 'RT @Amaq: Amaq: fighters of the Islamic State destroyed a tank near Baiji refinery with a guided missile',
  },
  {
    id: 'u1',
    channel: 'fan_1',
    lang: 'en',
    text: 'An undated post from a supporter account, copied without its date',
  },
];

describe('commsVolume', () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeWithDocs(DOCS, true);
  });
  afterAll(() => store.close());

  it('counts documents per month with empty months as zeros and undated ones apart', async () => {
    const r = await commsVolume(store, {});
    expect(r.window).toEqual({ from: '2016-01-04', to: '2016-03-02' });
    expect(r.periods).toEqual([
      { period: '2016-01', count: 3 },
      { period: '2016-02', count: 0 },
      { period: '2016-03', count: 2 },
    ]);
    expect(r).toMatchObject({ n: 5, n_undated: 1 });
  });

  it('counts per Monday-started week and per channel, case-insensitively filtered', async () => {
    const r = await commsVolume(store, { channel: ['AMAQ'] }, { by: 'week', groupBy: 'channel' });
    expect(r.periods).toEqual([{ period: '2016-01-04', count: 2 }]);
    expect(r.groups!.map((g) => [g.key, g.n])).toEqual([
      ['Amaq', 1],
      ['amaq', 1],
    ]);
  });

  it('splits official outlets from supporters with the configured lists', async () => {
    const r = await commsVolume(
      store,
      { from: '2016-01', to: '2016-03' },
      { groupBy: 'affiliation', channelGroups: { official: ['amaq'], supporter: ['fan_1'] } },
    );
    expect(r.groups!.map((g) => [g.key, g.periods.map((p) => p.count)])).toEqual([
      ['official', [2, 0, 0]],
      ['unclassified', [0, 0, 2]],
      ['supporter', [1, 0, 0]],
    ]);
  });

  it('keeps the top groups and sums the rest as (other)', async () => {
    const r = await commsVolume(store, {}, { groupBy: 'lang', top: 1 });
    expect(r.groups!.map((g) => [g.key, g.n])).toEqual([
      ['en', 4],
      ['(other)', 1],
    ]);
  });

  it('counts a group of near-duplicates once with distinct', async () => {
    const r = await commsVolume(store, {}, { distinct: true });
    expect(r.n).toBe(4);
    expect(r.periods.at(-1)).toEqual({ period: '2016-03', count: 1 });
  });

  it('gives zeros for a window with no matching document', async () => {
    const r = await commsVolume(store, { from: '2017-01', to: '2017-02', lang: ['fr'] });
    expect(r.periods).toEqual([
      { period: '2017-01', count: 0 },
      { period: '2017-02', count: 0 },
    ]);
  });

  it('rejects a bad option naming it', async () => {
    await expect(commsVolume(store, {}, { top: 0 })).rejects.toThrow(/comms volume option top: 0/);
  });
});
