import { afterEach, describe, expect, it } from 'vitest';
import { BacktestResultSchema, ForecastResultSchema } from '../model/index.js';
import type { Store } from '../store/index.js';
import { backtest, forecast, forecastByAdmin1, forecastCounts, nextPeriod } from './forecast.js';
import { fitHolt, holtForecast } from './holt.js';
import { poissonDraw } from './series-test-helpers.js';
import { seeded } from './spatial-test-helpers.js';
import { repeat, storeWith, type TestEvent } from './test-events.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('forecast model', () => {
  it('extrapolates a linear trend within 10% six months out', () => {
    const counts = Array.from({ length: 48 }, (_, t) => 10 + 2 * t);
    const { points } = forecastCounts(counts, 6);
    points.forEach((p) => {
      const truth = 10 + 2 * (47 + p.h);
      expect(Math.abs(p.forecast - truth) / truth, `h=${p.h}`).toBeLessThan(0.1);
      expect(p.lo95).toBeLessThanOrEqual(p.lo80);
      expect(p.lo80).toBeLessThanOrEqual(p.forecast);
      expect(p.forecast).toBeLessThanOrEqual(p.hi80);
      expect(p.hi80).toBeLessThanOrEqual(p.hi95);
    });
  });

  it('covers about the nominal share of simulated Poisson counts (fixed seed)', () => {
    const random = seeded(2024);
    const reps = 300;
    const hits: [number, number, number, number] = [0, 0, 0, 0]; // h=1 80%, 95%; h=3 80%, 95%
    for (let r = 0; r < reps; r++) {
      const rate = (t: number) => 15 + 0.5 * t;
      const counts = Array.from({ length: 48 }, (_, t) => poissonDraw(random, rate(t)));
      const next = [48, 49, 50].map((t) => poissonDraw(random, rate(t)));
      const [p1, , p3] = forecastCounts(counts, 3).points;
      const inside = (x: number, lo: number, hi: number) => (x >= lo && x <= hi ? 1 : 0);
      hits[0] += inside(next[0]!, p1!.lo80, p1!.hi80);
      hits[1] += inside(next[0]!, p1!.lo95, p1!.hi95);
      hits[2] += inside(next[2]!, p3!.lo80, p3!.hi80);
      hits[3] += inside(next[2]!, p3!.lo95, p3!.hi95);
    }
    const [c1x80, c1x95, c3x80, c3x95] = hits.map((k) => k / reps) as [
      number,
      number,
      number,
      number,
    ];
    console.log(`simulated coverage h=1: ${c1x80} (80%), ${c1x95} (95%); h=3: ${c3x80}, ${c3x95}`);
    // h=1 near nominal; at h=3 the ETS variance, which assumes a wandering level, errs wide
    expect(c1x80).toBeGreaterThan(0.72);
    expect(c1x80).toBeLessThan(0.88);
    expect(c1x95).toBeGreaterThan(0.9);
    expect(c3x80).toBeGreaterThan(0.72);
    expect(c3x95).toBeGreaterThan(0.9);
  });

  it('widens the intervals with the horizon', () => {
    const fit = fitHolt([1, 2, 1.5, 2.5, 2, 3, 2.4]);
    const sds = holtForecast(fit, 6).map((f) => f.sd);
    for (let i = 1; i < sds.length; i++) expect(sds[i]).toBeGreaterThanOrEqual(sds[i - 1]!);
    expect(() => fitHolt([1, 2, 3])).toThrow('holt: needs 4 values, got 3');
  });

  it('labels future periods', () => {
    expect(nextPeriod('2019-11', 'month', 2)).toBe('2020-01');
    expect(nextPeriod('2020-03-30', 'week', 1)).toBe('2020-04-06');
  });
});

describe('forecast and backtest over the store', () => {
  /** 24 months of 20 events, Jan 2018–Dec 2019, and 3 in a partial Jan 2020 (to the 10th). */
  const events: TestEvent[] = [];
  for (let i = 0; i < 24; i++) {
    const m = String((i % 12) + 1).padStart(2, '0');
    events.push(...repeat(20, { date: `${2018 + Math.floor(i / 12)}-${m}-10` }));
  }
  events.push(...repeat(3, { date: '2020-01-10' }));

  it('drops a partial last month and forecasts a flat series flat', async () => {
    store = await storeWith(events);
    const r = await forecast(store, {}, { horizon: 3 });
    expect(ForecastResultSchema.parse(r)).toEqual(r);
    expect(r.dropped_partial).toBe('2020-01');
    expect(r.history).toHaveLength(24);
    expect(r.points.map((p) => p.period)).toEqual(['2020-01', '2020-02', '2020-03']);
    for (const p of r.points) expect(p.forecast).toBeCloseTo(20, 6);
    const b = await backtest(store, {}, { origins: 6, horizon: 2 });
    expect(BacktestResultSchema.parse(b)).toEqual(b);
    expect(b.rows.map((row) => [row.h, row.n, row.mae, row.mae_naive, row.coverage95])).toEqual([
      [1, 6, expect.closeTo(0, 6), 0, 1],
      [2, 6, expect.closeTo(0, 6), 0, 1],
    ]);
    await expect(forecast(store, {}, { horizon: 7 })).rejects.toThrow('forecast option horizon: 7');
  });

  it('gives no model for fewer than six full periods', async () => {
    store = await storeWith([{ date: '2020-01-01' }, { date: '2020-03-31' }]);
    const r = await forecast(store, {});
    expect(r.model).toBeNull();
    expect(r.points).toEqual([]);
    const b = await backtest(store, {});
    expect(b.rows.every((row) => row.n === 0 && row.mae === null)).toBe(true);
  });
});

describe('forecastByAdmin1', () => {
  it('forecasts the busiest governorates with enough events over the same months', async () => {
    const events: TestEvent[] = [];
    for (let i = 0; i < 24; i++) {
      const date = `${2018 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-10`;
      events.push(
        ...repeat(20, { date, admin1: 'Ninewa' }),
        ...repeat(10, { date, admin1: 'Kirkuk' }),
      );
      if (i % 2 === 0) events.push({ date, admin1: 'Diyala' }); // 12 events: too few
      if (i === 0) events.push({ date, admin1: null });
    }
    events.push({ date: '2019-12-31', admin1: 'Ninewa' });
    store = await storeWith(events);
    const units = await forecastByAdmin1(store, {}, { horizon: 2, top: 3 });
    expect(units.map((u) => [u.unit, u.n])).toEqual([
      ['Ninewa', 481],
      ['Kirkuk', 240],
    ]);
    for (const u of units) {
      expect(u.result.points.map((p) => p.period)).toEqual(['2020-01', '2020-02']);
      expect(u.result.filter).toMatchObject({
        admin1: [u.unit],
        from: '2018-01-10',
        to: '2019-12-31',
      });
    }
    expect(units[1]!.result.points[0]!.forecast).toBeCloseTo(10, 6);
    await expect(forecastByAdmin1(store, {}, { top: 0 })).rejects.toThrow('forecast option top: 0');
  });
});
