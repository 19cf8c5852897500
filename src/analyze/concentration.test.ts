import { afterEach, describe, expect, it } from 'vitest';
import type { Admin1Unit } from '../gazetteer/index.js';
import type { Store } from '../store/index.js';
import { concentration, concentrationIndices } from './concentration.js';
import { repeat, storeWith } from './test-events.js';

let store: Store | undefined;
afterEach(() => store?.close());

const syr = (name: string, code: string): Admin1Unit => ({
  country: 'SYR',
  name,
  name_ar: '',
  code,
});
/** A four-governorate country, so tests do not depend on the bundled boundaries. */
const fakeBoundaries = {
  admin1Units: () => [
    syr('Aleppo', 'SY02'),
    syr('Homs', 'SY04'),
    syr('Hama', 'SY05'),
    syr('Idleb', 'SY07'),
    { country: 'IRQ' as const, name: 'Kirkuk', name_ar: '', code: 'IQG13' },
  ],
};

describe('concentration', () => {
  it('ranks units with counts, shares and cumulative shares', async () => {
    store = await storeWith([
      ...repeat(6, { date: '2020-01-01', admin1: 'Aleppo' }),
      ...repeat(3, { date: '2020-02-01', admin1: 'Homs' }),
      { date: '2020-03-01', admin1: 'Hama' },
    ]);
    const r = await concentration(store, {}, { topK: 2 });
    expect(r.units).toEqual([
      {
        rank: 1,
        unit: 'Aleppo',
        code: null,
        parent: null,
        count: 6,
        share: 0.6,
        cumulative_share: 0.6,
      },
      {
        rank: 2,
        unit: 'Homs',
        code: null,
        parent: null,
        count: 3,
        share: 0.3,
        cumulative_share: 0.9,
      },
      {
        rank: 3,
        unit: 'Hama',
        code: null,
        parent: null,
        count: 1,
        share: 0.1,
        cumulative_share: 1,
      },
    ]);
    expect(r.top_k).toEqual({ k: 2, units: ['Aleppo', 'Homs'], share: 0.9 });
    expect(r).toMatchObject({ n: 10, n_located: 10, n_unlocated: 0, universe: 'observed' });
    expect(r.window).toEqual({ from: '2020-01-01', to: '2020-03-01' });
  });

  it('computes HHI, Gini and entropy as worked by hand for counts 6, 3, 1', async () => {
    store = await storeWith([
      ...repeat(6, { date: '2020-01-01', admin1: 'Aleppo' }),
      ...repeat(3, { date: '2020-01-01', admin1: 'Homs' }),
      { date: '2020-01-01', admin1: 'Hama' },
    ]);
    const r = await concentration(store, {});
    // shares .6, .3, .1: HHI = .36 + .09 + .01 = .46; normalised (.46 − 1/3)/(1 − 1/3) = .19
    expect(r.hhi).toBeCloseTo(0.46, 12);
    expect(r.hhi_normalized).toBeCloseTo(0.19, 12);
    // |6−3| + |6−1| + |3−1| = 10, twice over ordered pairs = 20; / (2 · 3² · 10/3) = 1/3
    expect(r.gini).toBeCloseTo(1 / 3, 12);
    const h = -(0.6 * Math.log(0.6) + 0.3 * Math.log(0.3) + 0.1 * Math.log(0.1));
    expect(r.entropy_normalized).toBeCloseTo(h / Math.log(3), 12);
  });

  it('counts events with no unit separately instead of dropping them', async () => {
    store = await storeWith([
      ...repeat(3, { date: '2020-01-01', admin1: 'Aleppo' }),
      { date: '2020-01-01', admin1: null },
      { date: '2020-01-01', admin1: '  ' },
    ]);
    const r = await concentration(store, {});
    expect(r).toMatchObject({ n: 5, n_located: 3, n_unlocated: 2 });
    expect(r.units.map((u) => u.unit)).toEqual(['Aleppo']);
    expect(r.top_k.share).toBe(1);
  });

  it("counts the filtered country's governorates without events as zeros", async () => {
    store = await storeWith([
      ...repeat(3, { date: '2020-01-01', country: 'SYR', admin1: 'Aleppo', admin1_code: 'SY02' }),
      { date: '2020-01-01', country: 'SYR', admin1: 'Homs', admin1_code: 'SY04' },
      { date: '2020-01-01', country: 'IRQ', admin1: 'Kirkuk' },
    ]);
    const r = await concentration(store, { country: ['SYR'] }, {}, fakeBoundaries);
    expect(r.universe).toBe('boundaries');
    expect(r.units.map((u) => [u.rank, u.unit, u.count])).toEqual([
      [1, 'Aleppo', 3],
      [2, 'Homs', 1],
      [3, 'Hama', 0],
      [4, 'Idleb', 0],
    ]);
    expect(r).toMatchObject({ n: 4, units_total: 4, units_with_events: 2 });
    expect(r.top_k).toEqual({ k: 3, units: ['Aleppo', 'Homs'], share: 1 });
    // sorted 0, 0, 1, 3: Σ i·x = 3·1 + 4·3 = 15; Gini = 2·15/(4·4) − 5/4 = 0.625
    expect(r.gini).toBeCloseTo(0.625, 12);
    // HHI = .75² + .25² = .625; normalised (.625 − .25)/.75 = .5
    expect(r.hhi_normalized).toBeCloseTo(0.5, 12);
  });

  it('uses the bundled Syrian governorates by default (14 units)', async () => {
    store = await storeWith([{ date: '2020-01-01', country: 'SYR', admin1: 'Aleppo' }]);
    const r = await concentration(store, { country: ['SYR'] });
    expect(r.units_total).toBe(14);
    expect(r.gini).toBeCloseTo(13 / 14, 12);
    expect(r.hhi_normalized).toBe(1);
    expect(r.entropy_normalized).toBe(0);
  });

  it('narrows the boundary units to the admin1 filter', async () => {
    store = await storeWith([{ date: '2020-01-01', country: 'SYR', admin1: 'Aleppo' }]);
    const r = await concentration(
      store,
      { country: ['SYR'], admin1: ['aleppo', 'SY05'] },
      {},
      fakeBoundaries,
    );
    expect(r.units.map((u) => u.unit)).toEqual(['Aleppo', 'Hama']);
  });

  it('keeps same-named districts in different governorates apart at admin2', async () => {
    store = await storeWith([
      ...repeat(2, { date: '2020-01-01', admin1: 'Aleppo', admin2: 'Markaz' }),
      { date: '2020-01-01', admin1: 'Homs', admin2: 'Markaz' },
      { date: '2020-01-01', admin1: 'Homs', admin2: null },
    ]);
    const r = await concentration(store, {}, { level: 'admin2' });
    expect(r.universe).toBe('observed');
    expect(r.units.map((u) => [u.unit, u.parent, u.count])).toEqual([
      ['Markaz', 'Aleppo', 2],
      ['Markaz', 'Homs', 1],
    ]);
    expect(r.n_unlocated).toBe(1);
  });

  it('returns null indices when nothing matches', async () => {
    store = await storeWith([]);
    const r = await concentration(store, {});
    expect(r).toMatchObject({ n: 0, units: [], hhi: null, gini: null, entropy_normalized: null });
    expect(r.top_k).toEqual({ k: 3, units: [], share: 0 });
  });

  it('gives an even spread Gini 0, normalised HHI 0 and entropy 1', () => {
    const r = concentrationIndices([5, 5, 5, 5]);
    expect(r.gini).toBeCloseTo(0, 12);
    expect(r.hhi).toBeCloseTo(0.25, 12);
    expect(r.hhi_normalized).toBeCloseTo(0, 12);
    expect(r.entropy_normalized).toBeCloseTo(1, 12);
  });

  it('rejects a bad option naming it and its value', async () => {
    store = await storeWith([]);
    await expect(concentration(store, {}, { topK: 0 })).rejects.toThrow(
      'concentration option topK: 0',
    );
  });
});
