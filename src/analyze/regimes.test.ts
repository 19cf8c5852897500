import { afterEach, describe, expect, it } from 'vitest';
import { RegimeResultSchema } from '../model/index.js';
import type { Store } from '../store/index.js';
import { regimeFinding } from './regime-finding.js';
import { labelSegments, overdispersion, regimes } from './regimes.js';
import { poissonSeries } from './series-test-helpers.js';
import { storeWith, type TestEvent } from './test-events.js';

let store: Store | undefined;
afterEach(() => store?.close());

/** Events for monthly counts starting Jan 2016, on the 15th of each month. */
function monthly(counts: readonly number[], extra: Partial<TestEvent> = {}): TestEvent[] {
  return counts.flatMap((c, i) => {
    const y = 2016 + Math.floor(i / 12);
    const m = String((i % 12) + 1).padStart(2, '0');
    return Array.from({ length: c }, () => ({ date: `${y}-${m}-15`, ...extra }));
  });
}

describe('regimes', () => {
  it('finds a step change at exactly the right month and labels the phases', async () => {
    const counts = poissonSeries(11, [...Array(18).fill(40), ...Array(18).fill(6)]);
    store = await storeWith(monthly(counts, { actor1: 'Islamic State', country: 'SYR' }));
    const r = await regimes(store, { actor: ['Islamic State'], country: ['SYR'] });
    expect(RegimeResultSchema.parse(r)).toEqual(r);
    expect(r.segments.map((s) => [s.start, s.end, s.label])).toEqual([
      ['2016-01', '2017-06', 'high'],
      ['2017-07', '2018-12', 'quiet'],
    ]);
    expect(r.current!.start).toBe('2017-07');
    expect(r.current!.ci95[0]).toBeLessThan(6);
    expect(r.current!.ci95[1]).toBeGreaterThan(6);
    expect(r.summary).toMatch(/^high 2016-01–2017-06 \(\d+\.\d per month\); quiet since 2017-07/);
    expect(regimeFinding(r)).toMatch(
      /^The Islamic State in Syria is in a quiet phase since Jul 2017: \d+\.\d events per month, down from \d+\.\d in the previous phase$/,
    );
  });

  it('keeps a flat Poisson series as one phase', async () => {
    store = await storeWith(monthly(poissonSeries(5, Array(36).fill(20))));
    const r = await regimes(store, {});
    expect(r.segments).toHaveLength(1);
    expect(r.dispersion).toBeGreaterThan(0.5);
    expect(r.dispersion).toBeLessThan(1.5);
    expect(regimeFinding(r)).toMatch(
      /^Events are in a high phase since Jan 2016: .*the only phase/,
    );
  });

  it('labels by level, trend and neighbours', () => {
    const seg = (rate: number, slope_t: number | null = 0) => ({
      start: 'a',
      end: 'b',
      periods: 6,
      n: rate * 6,
      rate,
      ci95: [rate, rate] as [number, number],
      slope: 0,
      slope_t,
    });
    const labels = labelSegments(
      [seg(12), seg(30), seg(25, 3.1), seg(5), seg(8), seg(15, -2.7)],
      10,
    ).map((s) => s.label);
    // 12 ≥ ref first → high; 30 ≥ 15 → high; t 3.1 → rising; 5 ≤ 5 → quiet; 8 > 5 → rising;
    // t −2.7 → falling
    expect(labels).toEqual(['high', 'high', 'rising', 'quiet', 'rising', 'falling']);
  });

  it('estimates overdispersion from first differences and rejects bad options', async () => {
    expect(overdispersion([10, 10, 10])).toBe(0);
    expect(overdispersion([0, 0])).toBeNull();
    store = await storeWith([{ date: '2020-01-01' }]);
    await expect(regimes(store, {}, { minSegment: 0 })).rejects.toThrow(
      'regimes option minSegment: 0',
    );
    const empty = await regimes(store, { country: ['IRQ'] });
    expect(empty.segments).toEqual([]);
    expect(empty.current).toBeNull();
  });
});
