import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/index.js';
import { meanWithInterval, tempo } from './tempo.js';
import { repeat, storeWith } from './test-events.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('tempo', () => {
  it('counts events per month with empty months as zeros over the filter window', async () => {
    store = await storeWith([
      ...repeat(2, { date: '2020-01-10' }),
      ...repeat(3, { date: '2020-03-31' }),
      { date: '2020-04-01' },
      { date: '2021-01-01' },
    ]);
    const r = await tempo(store, { from: '2020-01', to: '2020-05' });
    expect(r.window).toEqual({ from: '2020-01-01', to: '2020-05-31' });
    expect(r.n).toBe(6);
    expect(r.periods.map((p) => [p.period, p.count])).toEqual([
      ['2020-01', 2],
      ['2020-02', 0],
      ['2020-03', 3],
      ['2020-04', 1],
      ['2020-05', 0],
    ]);
  });

  it('gives a trailing rolling mean that is null until the window is full', async () => {
    store = await storeWith([
      ...repeat(2, { date: '2020-01-10' }),
      ...repeat(3, { date: '2020-03-31' }),
      { date: '2020-04-01' },
    ]);
    const r = await tempo(store, { from: '2020-01', to: '2020-05' });
    expect(r.rolling_window).toBe(3);
    const rolling = r.periods.map((p) => p.rolling_mean);
    expect(rolling.slice(0, 2)).toEqual([null, null]);
    expect(rolling[2]).toBeCloseTo(5 / 3, 12);
    expect(rolling[3]).toBeCloseTo(4 / 3, 12);
    expect(rolling[4]).toBeCloseTo(4 / 3, 12);
    const r2 = await tempo(store, { from: '2020-01', to: '2020-05' }, { rollingWindow: 2 });
    expect(r2.periods.map((p) => p.rolling_mean)).toEqual([null, 1, 1.5, 2, 0.5]);
  });

  it('reports the mean per period with an overdispersion-aware 95% interval', async () => {
    store = await storeWith([
      ...repeat(2, { date: '2020-01-10' }),
      ...repeat(3, { date: '2020-03-31' }),
      { date: '2020-04-01' },
    ]);
    const r = await tempo(store, { from: '2020-01', to: '2020-05' });
    // counts 2,0,3,1,0: mean 1.2, sample variance 6.8/4 = 1.7 (> mean, so it is used)
    expect(r.mean_per_period).toBeCloseTo(1.2, 12);
    expect(r.variance).toBeCloseTo(1.7, 12);
    const half = 1.959963984540054 * Math.sqrt(1.7 / 5);
    expect(r.ci95![0]).toBeCloseTo(1.2 - half, 12);
    expect(r.ci95![1]).toBeCloseTo(1.2 + half, 12);
  });

  it('never makes the interval narrower than Poisson and clips it at zero', () => {
    // counts 4,4,4: sample variance 0, so the Poisson variance (the mean, 4) is used
    const even = meanWithInterval([4, 4, 4]);
    const half = 1.959963984540054 * Math.sqrt(4 / 3);
    expect(even.ci95).toEqual([4 - half, 4 + half]);
    expect(meanWithInterval([0, 0, 1]).ci95![0]).toBe(0);
    expect(meanWithInterval([])).toEqual({ mean_per_period: null, ci95: null, variance: null });
  });

  it("takes the window from the data's first and last day when the filter has no dates", async () => {
    store = await storeWith([{ date: '2020-01-15' }, { date: '2020-04-02' }]);
    const r = await tempo(store, {});
    expect(r.window).toEqual({ from: '2020-01-15', to: '2020-04-02' });
    expect(r.periods.map((p) => p.count)).toEqual([1, 0, 0, 1]);
    expect(r.mean_per_period).toBe(0.5);
  });

  it('counts per Monday-starting week and per day', async () => {
    store = await storeWith([
      { date: '2020-01-01' },
      { date: '2020-01-05' },
      { date: '2020-01-13' },
    ]);
    const weeks = await tempo(store, {}, { by: 'week' });
    expect(weeks.periods.map((p) => [p.period, p.count])).toEqual([
      ['2019-12-30', 2],
      ['2020-01-06', 0],
      ['2020-01-13', 1],
    ]);
    const days = await tempo(store, { from: '2020-01-01', to: '2020-01-05' }, { by: 'day' });
    expect(days.periods.map((p) => p.count)).toEqual([1, 0, 0, 0, 1]);
    expect(days.periods[0]!.period).toBe('2020-01-01');
  });

  it('applies the filter before counting', async () => {
    store = await storeWith([
      { date: '2020-01-01', actor1: 'Islamic State', country: 'SYR' },
      { date: '2020-01-02', actor2: 'Islamic State', country: 'SYR' },
      { date: '2020-01-03', actor1: 'Islamic State', country: 'IRQ' },
      { date: '2020-01-04', actor1: 'Government of Syria', country: 'SYR' },
    ]);
    const r = await tempo(store, { actor: ['ISIS'], country: ['SYR'] });
    expect(r.n).toBe(2);
    expect(r.filter).toEqual({ actor: ['ISIS'], country: ['SYR'] });
  });

  it('splits into zero-filled series per group, largest first, null values as their own group', async () => {
    store = await storeWith([
      ...repeat(3, { date: '2020-01-05', admin1: 'Aleppo' }),
      { date: '2020-03-05', admin1: 'Aleppo' },
      { date: '2020-02-05', admin1: 'Homs' },
      { date: '2020-02-06', admin1: null },
    ]);
    const r = await tempo(store, {}, { groupBy: 'admin1', rollingWindow: 1 });
    expect(r.group_by).toBe('admin1');
    expect(r.groups!.map((g) => [g.key, g.n, g.periods.map((p) => p.count)])).toEqual([
      ['Aleppo', 4, [3, 0, 1]],
      ['Homs', 1, [0, 1, 0]],
      [null, 1, [0, 1, 0]],
    ]);
    expect(r.groups![0]!.periods.map((p) => p.rolling_mean)).toEqual([3, 0, 1]);
  });

  it('groups by claimed as true/false text', async () => {
    store = await storeWith([
      { date: '2020-01-05', claimed: true },
      { date: '2020-01-06', claimed: false },
      { date: '2020-01-07', claimed: true },
    ]);
    const r = await tempo(store, {}, { groupBy: 'claimed' });
    expect(r.groups!.map((g) => [g.key, g.n])).toEqual([
      ['true', 2],
      ['false', 1],
    ]);
  });

  it('compares with the same window one year earlier when the data cover it', async () => {
    store = await storeWith([
      { date: '2018-12-31' },
      ...repeat(2, { date: '2019-03-01' }),
      { date: '2019-08-01' },
      ...repeat(5, { date: '2020-03-01' }),
    ]);
    const r = await tempo(store, { from: '2020-01', to: '2020-06' });
    expect(r.yoy).toEqual({
      window: { from: '2019-01-01', to: '2019-06-30' },
      n_previous: 2,
      change: 3,
      pct_change: 1.5,
    });
    // the data start on 2018-12-31, so they do not cover Jun–Dec 2018
    const early = await tempo(store, { from: '2019-06', to: '2019-12' });
    expect(early.yoy).toBeUndefined();
  });

  it('returns an empty result, not an error, when nothing matches', async () => {
    store = await storeWith([{ date: '2020-01-05', country: 'IRQ' }]);
    const r = await tempo(store, { country: ['SYR'] });
    expect(r).toMatchObject({ n: 0, periods: [], mean_per_period: null, ci95: null });
    expect(r.window).toEqual({ from: null, to: null });
  });

  it('rejects a bad option naming it and its value', async () => {
    store = await storeWith([]);
    await expect(tempo(store, {}, { rollingWindow: 0 })).rejects.toThrow(
      'tempo option rollingWindow: 0',
    );
    await expect(tempo(store, {}, { by: 'year' as never })).rejects.toThrow(
      'tempo option by: year',
    );
  });
});
