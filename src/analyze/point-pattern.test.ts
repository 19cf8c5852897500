import { describe, expect, it } from 'vitest';
import { haversineKm } from './geo.js';
import { dbscan, distinctLocations, nearestLocationKm, type Locations } from './point-pattern.js';
import { seeded } from './spatial-test-helpers.js';

/**
 * Brute-force weighted DBSCAN with haversineKm: core = weight within eps ≥ minPoints; clusters =
 * components of cores, numbered by their lowest-index core; a border joins the lowest-numbered
 * cluster with a core within eps (the classic expansion's first-come rule).
 */
function reference(loc: Locations, eps: number, minPoints: number) {
  const m = loc.lat.length;
  const near: number[][] = Array.from({ length: m }, () => []);
  for (let u = 0; u < m; u++) {
    for (let v = 0; v < m; v++) {
      if (haversineKm(loc.lat[u]!, loc.lon[u]!, loc.lat[v]!, loc.lon[v]!) <= eps) near[u]!.push(v);
    }
  }
  const core = near.map((ns) => ns.reduce((a, v) => a + loc.weight[v]!, 0) >= minPoints);
  const label = new Array<number>(m).fill(-1);
  let next = 0;
  for (let u = 0; u < m; u++) {
    if (!core[u] || label[u] !== -1) continue;
    const c = next++;
    label[u] = c;
    const stack = [u];
    while (stack.length) {
      for (const w of near[stack.pop()!]!) {
        if (core[w] && label[w] === -1) {
          label[w] = c;
          stack.push(w);
        }
      }
    }
  }
  for (let u = 0; u < m; u++) {
    if (core[u]) continue;
    const cs = near[u]!.filter((v) => core[v]).map((v) => label[v]!);
    label[u] = cs.length ? Math.min(...cs) : -1;
  }
  return { core, label, near };
}

type Gen = (rand: () => number) => [number, number][];

const uniform =
  (n: number, lat0: number, lon0: number, dLat: number, dLon: number): Gen =>
  (rand) =>
    Array.from({ length: n }, () => [lat0 + rand() * dLat, lon0 + rand() * dLon]);

const clustered =
  (n: number, k: number, spreadDeg: number): Gen =>
  (rand) => {
    const centres = Array.from({ length: k }, () => [33 + rand() * 4, 38 + rand() * 6]);
    return Array.from({ length: n }, () => {
      const [lat, lon] = centres[Math.floor(rand() * k)]!;
      const g = () => (rand() + rand() + rand() - 1.5) * spreadDeg;
      return [lat! + g(), lon! + g()];
    });
  };

/** Points snapped to a coarse lattice, so many coincide and locations carry weights. */
const withDuplicates =
  (gen: Gen, step: number): Gen =>
  (rand) =>
    gen(rand).map(([a, b]) => [Math.round(a / step) * step, Math.round(b / step) * step]);

const CASES: [string, Gen][] = [
  ['uniform 300', uniform(300, 34, 38, 2, 3)],
  ['uniform 2000', uniform(2000, 33, 38, 3, 5)],
  ['uniform over 10° of latitude', uniform(1500, 30, 36, 10, 12)],
  ['clustered 1500', clustered(1500, 6, 0.3)],
  ['clustered tight 3000', clustered(3000, 10, 0.1)],
  ['duplicates 2000', withDuplicates(clustered(2000, 5, 0.4), 0.02)],
  ['duplicates uniform 2500', withDuplicates(uniform(2500, 34, 39, 2, 2), 0.05)],
];

describe('dbscan', () => {
  for (const [i, [name, gen]] of CASES.entries()) {
    it(`matches a brute-force DBSCAN exactly: ${name}`, () => {
      const pts = gen(seeded(100 + i));
      const loc = distinctLocations(
        Float64Array.from(pts, (p) => p[0]),
        Float64Array.from(pts, (p) => p[1]),
      );
      for (const [eps, minPoints] of [
        [1, 1],
        [3, 2],
        [5, 5],
        [10, 5],
        [10, 20],
        [25, 12],
        [60, 80],
      ] as const) {
        const got = dbscan(loc, eps, minPoints);
        const ref = reference(loc, eps, minPoints);
        const what = `${name}, eps ${eps}, minPoints ${minPoints}`;
        // The same core set and the same partition of cores, numbered the same way.
        const coreLabels = (label: ArrayLike<number>) =>
          ref.core.map((c, u) => (c ? label[u]! : -2));
        expect(coreLabels(got.label), what).toEqual(coreLabels(ref.label));
        // Every border joins a cluster of a core within eps (here: the lowest-numbered one).
        for (let u = 0; u < ref.core.length; u++) {
          if (ref.core[u] || got.label[u]! < 0) continue;
          expect(
            ref.near[u]!.some((v) => ref.core[v] && ref.label[v] === got.label[u]),
            what,
          ).toBe(true);
        }
        expect(Array.from(got.label), what).toEqual(ref.label);
        const sizes = new Array<number>(got.sizes.length).fill(0);
        ref.label.forEach((c, u) => c >= 0 && (sizes[c]! += loc.weight[u]!));
        expect(got.sizes, what).toEqual(sizes);
        expect(got.sizes.every((s) => s > 0)).toBe(true);
      }
    });
  }

  it('handles no locations and a single location', () => {
    const none = distinctLocations(new Float64Array(0), new Float64Array(0));
    expect(dbscan(none, 10, 5)).toEqual({ label: new Int32Array(0), sizes: [] });
    const one = distinctLocations(Float64Array.of(35, 35, 35), Float64Array.of(40, 40, 40));
    expect(dbscan(one, 10, 3)).toEqual({ label: Int32Array.of(0), sizes: [3] });
    expect(dbscan(one, 10, 4)).toEqual({ label: Int32Array.of(-1), sizes: [] });
  });
});

describe('nearestLocationKm', () => {
  for (const [i, [name, gen]] of CASES.entries()) {
    it(`matches a brute-force nearest great-circle distance: ${name}`, () => {
      const pts = gen(seeded(200 + i));
      const loc = distinctLocations(
        Float64Array.from(pts, (p) => p[0]),
        Float64Array.from(pts, (p) => p[1]),
      );
      const m = loc.lat.length;
      const want = new Float64Array(m).fill(Infinity);
      for (let u = 0; u < m; u++) {
        for (let v = 0; v < m; v++) {
          if (v === u) continue;
          const d = haversineKm(loc.lat[u]!, loc.lon[u]!, loc.lat[v]!, loc.lon[v]!);
          want[u] = Math.min(want[u]!, d);
        }
      }
      expect(nearestLocationKm(loc)).toEqual(want);
    });
  }

  it('gives NaN for a lone location and finds a far neighbour', () => {
    const one = distinctLocations(Float64Array.of(35), Float64Array.of(40));
    expect(Array.from(nearestLocationKm(one))).toEqual([NaN]);
    const two = distinctLocations(Float64Array.of(35, 36, 35), Float64Array.of(40, 44, 40));
    const d = haversineKm(35, 40, 36, 44);
    expect(Array.from(nearestLocationKm(two))).toEqual([d, d]);
  });
});
