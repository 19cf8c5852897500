import { describe, expect, it } from 'vitest';
import { DispersionResultSchema } from '../model/index.js';
import { dispersion } from './dispersion.js';
import { haversineKm } from './geo.js';
import { hotspots } from './hotspots.js';
import { rivers } from './rivers.js';
import { disc, offset, seeded, storeAt, uniformIn, type LatLon } from './spatial-test-helpers.js';
import { countryAreaKm2 } from './study-area.js';

const SYRIA_BOX = { south: 32.3, north: 37.35, west: 35.7, east: 42.4 };
const DEIR_EZ_ZOR: LatLon = [35.336, 40.14];
const HOMS: LatLon = [34.73, 36.71];

describe('study area', () => {
  it('measures Syria and Iraq from their adm0 polygons at their published sizes', () => {
    // Published land areas: Syria 185,180 km², Iraq 438,317 km².
    expect(countryAreaKm2('SYR')!).toBeGreaterThan(180_000);
    expect(countryAreaKm2('SYR')!).toBeLessThan(190_000);
    expect(countryAreaKm2('IRQ')!).toBeGreaterThan(430_000);
    expect(countryAreaKm2('IRQ')!).toBeLessThan(445_000);
    expect(countryAreaKm2('JOR')).toBeNull();
  });
});

describe('dispersion', () => {
  it('gives R ≈ 1 for events spread uniformly over Syria', async () => {
    const store = await storeAt(uniformIn(seeded(1), 'SYR', 400, SYRIA_BOX));
    const r = await dispersion(store, { country: ['SYR'] });
    store.close();
    expect(DispersionResultSchema.parse(r)).toEqual(r);
    expect(r.study_area).toMatchObject({ countries: ['SYR'], source: 'filter', reason: null });
    // No edge correction: border effects push R slightly above 1.
    expect(r.nearest_neighbour.index!).toBeGreaterThan(0.9);
    expect(r.nearest_neighbour.index!).toBeLessThan(1.15);
    expect(Math.abs(r.nearest_neighbour.z!)).toBeLessThan(3.5);
    // No two random points coincide, so the distinct-location index is the same.
    expect(r.nearest_neighbour_locations.index).toBeCloseTo(r.nearest_neighbour.index!, 12);
  });

  it('gives R well below 1 and a large negative z for a tight cluster, inferring the country', async () => {
    const store = await storeAt(disc(seeded(2), DEIR_EZ_ZOR, 5, 200));
    const r = await dispersion(store, {});
    store.close();
    expect(r.study_area).toMatchObject({ countries: ['SYR'], source: 'inferred' });
    expect(r.nearest_neighbour.index!).toBeLessThan(0.05);
    expect(r.nearest_neighbour.z!).toBeLessThan(-20);
    // Uniform in a 5 km disc: standard distance = 5/√2 ≈ 3.5 km.
    expect(r.standard_distance_km!).toBeGreaterThan(3);
    expect(r.standard_distance_km!).toBeLessThan(4);
  });

  it('finds two separated DBSCAN clusters and counts the scattered events as noise', async () => {
    const rand = seeded(3);
    const big = disc(rand, DEIR_EZ_ZOR, 4, 60);
    const small = disc(rand, HOMS, 4, 25);
    // Noise: single events 60+ km apart from each other and from the clusters.
    const noise: LatLon[] = [
      [33.5, 38.5],
      [36.5, 38.0],
      [36.8, 41.5],
      [33.0, 36.6],
    ];
    const store = await storeAt([...big, ...small, ...noise]);
    const r = await dispersion(store, { country: ['SYR'] }, { epsKm: 5, minPoints: 5 });
    store.close();
    expect(r.dbscan.n_clusters).toBe(2);
    expect(r.dbscan.clusters.map((c) => c.size)).toEqual([60, 25]);
    expect(r.dbscan.noise).toBe(4);
    const c1 = r.dbscan.clusters[0]!;
    expect(haversineKm(c1.lat, c1.lon, ...DEIR_EZ_ZOR)).toBeLessThan(2);
    expect(r.dbscan.share_largest).toBeCloseTo(60 / 89, 12);
    expect(r.dbscan.share_largest3).toBeCloseTo(85 / 89, 12);
  });

  it('separates co-location from clustered places', async () => {
    // 10 events on each of 100 random places: R over events is 0, over places ≈ 1.
    const places = uniformIn(seeded(5), 'SYR', 100, SYRIA_BOX);
    const store = await storeAt(places.flatMap((p) => Array.from({ length: 10 }, () => p)));
    const r = await dispersion(store, { country: ['SYR'] });
    store.close();
    expect(r.nearest_neighbour.index).toBe(0);
    expect(r.nearest_neighbour.n_colocated).toBe(1000);
    expect(r.distinct_locations).toBe(100);
    expect(r.nearest_neighbour_locations.index!).toBeGreaterThan(0.8);
    expect(r.nearest_neighbour_locations.index!).toBeLessThan(1.3);
  });

  it('orients the ellipse along a north-east line', async () => {
    const pts = Array.from({ length: 41 }, (_, i) =>
      offset(DEIR_EZ_ZOR, (i - 20) * 3, (i - 20) * 3),
    );
    const store = await storeAt(pts);
    const r = await dispersion(store, {});
    store.close();
    expect(r.ellipse!.rotation_deg).toBeCloseTo(45, 0);
    expect(r.ellipse!.sigma_minor_km).toBeLessThan(0.5);
    expect(r.nearest_neighbour.mean_km!).toBeCloseTo(3 * Math.SQRT2, 1);
  });

  it('excludes coarse, unknown-precision and unlocated events and says how many of each', async () => {
    const store = await storeAt(disc(seeded(4), DEIR_EZ_ZOR, 5, 20), 'SYR', [
      { id: 'coarse', date: '2017-05-01', country: 'SYR', lat: 35, lon: 40 },
      { id: 'unknown', date: '2017-05-01', country: 'SYR', lat: 35, lon: 40 },
      { id: 'nowhere', date: '2017-05-01', country: 'SYR' },
    ]);
    await store.run(`UPDATE events SET geo_precision = 3 WHERE id = 'coarse'`);
    await store.run(`UPDATE events SET geo_precision = NULL WHERE id = 'unknown'`);
    const r = await dispersion(store, { country: ['SYR'] });
    const loose = await dispersion(store, { country: ['SYR'] }, { maxGeoPrecision: 3 });
    store.close();
    expect(r.n).toBe(23);
    expect(r.n_used).toBe(20);
    expect(r.n_excluded).toBe(3);
    expect(r.excluded).toEqual({
      no_coordinates: 1,
      precision_unknown: 1,
      precision_too_coarse: 1,
    });
    expect(loose.n_used).toBe(21);
  });

  it('returns empty statistics, not errors, when the filter matches nothing', async () => {
    const store = await storeAt([DEIR_EZ_ZOR]);
    const empty = { country: ['IRQ'] };
    const d = await dispersion(store, empty);
    const h = await hotspots(store, empty);
    const r = await rivers(store, empty);
    store.close();
    expect(DispersionResultSchema.parse(d)).toEqual(d);
    expect(d).toMatchObject({ n: 0, n_used: 0, mean_center: null, standard_distance_km: null });
    expect(d.dbscan).toEqual({
      clusters: [],
      n_clusters: 0,
      noise: 0,
      share_largest: 0,
      share_largest3: 0,
    });
    expect(h.cells).toEqual([]);
    expect(r.rivers[0]!.mean_km).toBeNull();
  });

  it('rejects a bad option with its name and value', async () => {
    const store = await storeAt([DEIR_EZ_ZOR]);
    await expect(dispersion(store, {}, { epsKm: -1 })).rejects.toThrow(
      'dispersion option epsKm: -1',
    );
    const single = await dispersion(store, {});
    store.close();
    expect(single.nearest_neighbour.index).toBeNull();
  });
});
