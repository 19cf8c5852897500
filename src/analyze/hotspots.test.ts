import { cellToLatLng, gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { HotspotResultSchema } from '../model/index.js';
import { benjaminiHochberg, confidenceBin, giStar, twoSidedP } from './gistar.js';
import { hotspots } from './hotspots.js';
import { seeded, storeAt, type LatLon } from './spatial-test-helpers.js';

describe('Gi* building blocks', () => {
  it('gives the textbook two-sided p-values', () => {
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
  });

  it('adjusts p-values as Benjamini and Hochberg do (R p.adjust "BH")', () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
    const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]);
    [0.025, 0.05, 0.05, 0.025, 0.5].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
  });

  it('bins like ArcGIS: ±3/±2/±1 at 99/95/90%', () => {
    expect([0.005, 0.03, 0.08, 0.2].map((p) => confidenceBin(3, p))).toEqual([3, 2, 1, 0]);
    expect(confidenceBin(-3, 0.005)).toBe(-3);
  });

  it('scores 0 everywhere when every cell has the same count', () => {
    expect(
      giStar(
        [2, 2, 2],
        [
          [0, 1],
          [0, 1, 2],
          [1, 2],
        ],
      ),
    ).toEqual([0, 0, 0]);
  });
});

describe('hotspots', () => {
  const H = latLngToCell(35.3, 40.1, 5);
  const M = gridDisk(H, 8).find((c) => gridDistance(H, c) === 8)!;
  const rand = seeded(7);
  const background = gridDisk(H, 12).filter(
    (c) => gridDistance(H, c) > 2 && gridDistance(M, c) > 2 && rand() < 0.3,
  );
  const at = (cell: string, k: number) =>
    Array.from({ length: k }, () => cellToLatLng(cell) as LatLon);

  it('flags a hot cell surrounded by zeros at 99% and lets FDR drop a lone marginal one', async () => {
    const store = await storeAt([
      ...background.flatMap((c) => at(c, 1)),
      ...at(H, 40),
      ...at(M, 15),
    ]);
    const r = await hotspots(store, { country: ['SYR'] });
    store.close();
    expect(HotspotResultSchema.parse(r)).toEqual(r);
    expect(r.cells_with_events).toBe(background.length + 2);

    const hot = r.cells.find((c) => c.h3 === H)!;
    expect(hot).toMatchObject({ count: 40, bin: 3, significant: true });
    expect(hot.z).toBeGreaterThan(5);
    // Its six empty neighbours sit in its neighbourhood and are hot too; nothing else is.
    for (const nb of gridDisk(H, 1)) expect(r.cells.find((c) => c.h3 === nb)!.bin).toBe(3);
    expect(r.bins['3']).toBe(7);

    const marginal = r.cells.find((c) => c.h3 === M)!;
    expect(marginal.p).toBeLessThan(0.05); // significant at 95% before correction …
    expect(confidenceBin(marginal.z, marginal.p)).toBe(2);
    expect(marginal.p_adjusted).toBeGreaterThan(0.1); // … but not after Benjamini-Hochberg
    expect(marginal).toMatchObject({ bin: 0, significant: false });
  });

  it('uses resolution 5 by default and rejects a bad one with its value', async () => {
    const store = await storeAt(at(H, 3));
    const r = await hotspots(store, {});
    await expect(hotspots(store, {}, { resolution: 16 })).rejects.toThrow(
      'hotspots option resolution: 16',
    );
    store.close();
    expect(r.options).toEqual({ maxGeoPrecision: 2, resolution: 5, fdrQ: 0.05 });
    // One cell with events and its six zero neighbours form the study area.
    expect(r.cells_total).toBe(7);
  });
});
