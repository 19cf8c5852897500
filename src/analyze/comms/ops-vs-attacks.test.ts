import { describe, expect, it } from 'vitest';
import { insertEvents, repeat } from '../test-events.js';
import { commsOpsShare, wilson } from './ops-share.js';
import { storeWithDocs } from './test-docs.js';
import { commsVsAttacks, crossCorrelation } from './vs-attacks.js';

describe('commsOpsShare', () => {
  const docs = [
    {
      id: 'op1',
      lang: 'en',
      published: '2016-02-01',
      text: 'A suicide car bomb killed 12 soldiers at a checkpoint south of Kirkuk on Monday.',
    },
    {
      id: 'op2',
      lang: 'en',
      published: '2016-02-10',
      text: 'Gunmen attacked a police station in Tikrit, killing three policemen, on 9 February 2016.',
    },
    {
      id: 'no1',
      lang: 'en',
      published: '2016-02-11',
      text: 'May Allah accept the prayers of the brothers, share this statement widely.',
    },
    {
      id: 'no2',
      lang: 'en',
      published: '2016-03-11',
      text: 'New nasheed released today, listen and share with the brothers.',
    },
  ];

  it('runs the extractor when nothing is stored and counts reporting documents per month', async () => {
    const store = await storeWithDocs(docs);
    try {
      const r = await commsOpsShare(store, {});
      expect(r.method).toBe('extract');
      expect(r.periods).toEqual([
        { period: '2016-02', documents: 3, reporting: 2, share: 2 / 3 },
        { period: '2016-03', documents: 1, reporting: 0, share: 0 },
      ]);
      expect(r).toMatchObject({ n: 4, n_reporting: 2, share: 0.5 });
    } finally {
      store.close();
    }
  });

  it('reads stored evidence of extracted events when there is some', async () => {
    const store = await storeWithDocs(docs);
    try {
      await insertEvents(store, [{ id: 'x:1', date: '2016-03-10', origin: 'extracted' }]);
      await store.run(
        `INSERT INTO evidence VALUES ('x:1', 'no2', 'date', 0, 5), ('x:1', 'no2', 'attack_type', 6, 9)`,
      );
      const r = await commsOpsShare(store, {});
      expect(r.method).toBe('stored');
      expect(r.periods.map((p) => [p.period, p.documents, p.reporting])).toEqual([
        ['2016-02', 3, 0],
        ['2016-03', 1, 1],
      ]);
    } finally {
      store.close();
    }
  });

  it('gives a Wilson interval that contains the share', () => {
    const [lo, hi] = wilson(2, 4);
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeGreaterThan(0.5);
    expect(lo).toBeCloseTo(0.15, 2);
  });
});

describe('talk vs attacks', () => {
  it('finds the lag at which one series follows the other', () => {
    const x = [1, 5, 2, 8, 3, 9, 1, 7, 2, 6, 4, 8];
    const y = [0, 0, ...x.slice(0, -2)]; // y follows x two steps later
    const lags = crossCorrelation(x, y, 3);
    const best = lags.reduce((b, l) => (Math.abs(l.r ?? 0) > Math.abs(b.r ?? 0) ? l : b));
    expect(best.lag).toBe(2);
    expect(best.r).toBeCloseTo(1, 6);
    expect(best.ci95![0]).toBeGreaterThan(0.9);
  });

  it('pairs weekly documents with weekly events over the same weeks', async () => {
    // Documents peak in the week of 4 Jan, events in the week after.
    const store = await storeWithDocs([
      { id: 'd1', published: '2016-01-04', text: 'one' },
      { id: 'd2', published: '2016-01-05', text: 'two' },
      { id: 'd3', published: '2016-01-06', text: 'three' },
      { id: 'd4', published: '2016-01-12', text: 'four' },
      { id: 'd5', published: '2016-01-19', text: 'five' },
      { id: 'd6', published: '2016-01-26', text: 'six' },
      { id: 'd7', published: '2016-01-27', text: 'seven' },
    ]);
    try {
      await insertEvents(store, [
        ...repeat(1, { date: '2016-01-07', country: 'IRQ' }),
        ...repeat(4, { date: '2016-01-13', country: 'IRQ' }),
        ...repeat(2, { date: '2016-01-20', country: 'IRQ' }),
        ...repeat(9, { date: '2016-01-20', country: 'SYR' }),
        ...repeat(1, { date: '2016-01-28', country: 'IRQ' }),
      ]);
      const r = await commsVsAttacks(
        store,
        {},
        { country: ['IRQ'] },
        { maxLag: 1, difference: false },
      );
      expect(r.weeks).toEqual([
        { week: '2016-01-04', documents: 3, events: 1 },
        { week: '2016-01-11', documents: 1, events: 4 },
        { week: '2016-01-18', documents: 1, events: 2 },
        { week: '2016-01-25', documents: 2, events: 1 },
      ]);
      expect(r).toMatchObject({ n_documents: 7, n_events: 8 });
      expect(r.lags.map((l) => l.lag)).toEqual([-1, 0, 1]);
      expect(r.best!.lag).toBe(1);
      expect(r.caution).toMatch(/weak predictor/);
    } finally {
      store.close();
    }
  });
});
