import { afterEach, describe, expect, it } from 'vitest';
import { AlertResultSchema } from '../model/index.js';
import type { Store } from '../store/index.js';
import { alerts, seriesAlerts } from './alerts.js';
import { poissonUpperTail } from './count-tail.js';
import { poissonSeries } from './series-test-helpers.js';
import { repeat, storeWith, type TestEvent } from './test-events.js';

let store: Store | undefined;
afterEach(() => store?.close());

const series = (counts: readonly number[]) =>
  counts.map((count, i) => ({ period: `p${String(i).padStart(2, '0')}`, count }));

describe('alerts', () => {
  it('flags a spike against a steady Poisson baseline, with the Poisson tail', () => {
    const counts = [5, 5, 5, 5, 5, 5, 5, 5, 20, 5];
    const found = seriesAlerts(series(counts), 8, 0.01);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ period: 'p08', count: 20, expected: 5, method: 'poisson' });
    expect(found[0]!.p).toBeCloseTo(poissonUpperTail(20, 5), 15);
  });

  it('does not flag a steady Poisson series', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const counts = poissonSeries(seed, Array(60).fill(10));
      expect(seriesAlerts(series(counts), 8, 0.001), `seed ${seed}`).toEqual([]);
    }
  });

  it('uses the negative binomial for an overdispersed baseline, which alerts less', () => {
    const counts = [2, 12, 0, 9, 1, 14, 3, 7, 22];
    // mean 6, variance > 6: Poisson would call 22 extreme (p ≈ 1e-6); the NB tail is wider
    const [nb] = seriesAlerts(series(counts), 8, 1);
    expect(nb!.method).toBe('negbin');
    expect(nb!.p).toBeGreaterThan(poissonUpperTail(22, 6) * 100);
    expect(seriesAlerts(series(counts), 8, 0.01)).toEqual([]);
  });

  it('judges the first events after a silent baseline instead of always alerting', () => {
    expect(seriesAlerts(series([0, 0, 0, 0, 0, 0, 0, 0, 1]), 8, 0.01)).toEqual([]);
    const [a] = seriesAlerts(series([0, 0, 0, 0, 0, 0, 0, 0, 4]), 8, 0.01);
    expect(a).toMatchObject({ count: 4, expected: 0.0625, method: 'poisson' });
  });

  it('alerts per governorate over weekly series and sorts the overall list by p', async () => {
    const week = (i: number) => new Date(Date.UTC(2020, 0, 6 + 7 * i)).toISOString().slice(0, 10);
    const events: TestEvent[] = [];
    for (let i = 0; i < 12; i++) {
      events.push(...repeat(i === 10 ? 15 : 3, { date: week(i), admin1: 'Deir-ez-Zor' }));
      events.push(...repeat(i === 11 ? 9 : 2, { date: week(i), admin1: 'Homs' }));
      events.push(...repeat(2, { date: week(i), admin1: 'Aleppo' }));
    }
    store = await storeWith(events);
    const r = await alerts(store, {});
    expect(AlertResultSchema.parse(r)).toEqual(r);
    expect(r.by).toBe('week');
    expect(r.units.map((u) => [u.unit, u.tested, u.alerts.length])).toEqual([
      ['Deir-ez-Zor', 4, 1],
      ['Homs', 4, 1],
      ['Aleppo', 4, 0],
    ]);
    expect(r.alerts.map((a) => [a.unit, a.period])).toEqual([
      ['Deir-ez-Zor', '2020-03-16'],
      ['Homs', '2020-03-23'],
    ]);
    expect(r.alerts[0]!.p).toBeLessThan(r.alerts[1]!.p);
    await expect(alerts(store, {}, { alpha: 2 })).rejects.toThrow('alerts option alpha: 2');
  });
});
