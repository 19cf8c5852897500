/**
 * Test helpers for the spatial analyses: a seeded random generator, points scattered around a
 * centre or uniformly over a country, and a store of located events at geo_precision 1.
 */
import { AdminLookup } from '../gazetteer/index.js';
import type { Store } from '../store/index.js';
import { EARTH_RADIUS_KM } from './geo.js';
import { storeWith, type TestEvent } from './test-events.js';

export { seeded } from './random.js';

export type LatLon = [number, number];

/** The point `km` east and `northKm` north of (lat, lon). */
export function offset([lat, lon]: LatLon, eastKm: number, northKm: number): LatLon {
  const deg = 180 / Math.PI / EARTH_RADIUS_KM;
  return [lat + northKm * deg, lon + (eastKm * deg) / Math.cos((lat * Math.PI) / 180)];
}

/** `count` points uniformly in a disc of `radiusKm` around `centre`. */
export function disc(
  rand: () => number,
  centre: LatLon,
  radiusKm: number,
  count: number,
): LatLon[] {
  return Array.from({ length: count }, () => {
    const r = radiusKm * Math.sqrt(rand());
    const a = 2 * Math.PI * rand();
    return offset(centre, r * Math.cos(a), r * Math.sin(a));
  });
}

/** `count` points uniformly over `country` (rejection sampling in its bounding box). */
export function uniformIn(
  rand: () => number,
  country: 'IRQ' | 'SYR',
  count: number,
  box: { south: number; north: number; west: number; east: number },
): LatLon[] {
  const admin = AdminLookup.load();
  const out: LatLon[] = [];
  while (out.length < count) {
    // Uniform in area: sin(lat) uniform between the box's bounds.
    const s0 = Math.sin((box.south * Math.PI) / 180);
    const s1 = Math.sin((box.north * Math.PI) / 180);
    const lat = (Math.asin(s0 + (s1 - s0) * rand()) * 180) / Math.PI;
    const lon = box.west + (box.east - box.west) * rand();
    if (admin.locate(lon, lat)?.country === country) out.push([lat, lon]);
  }
  return out;
}

/** A store of events at `points` (country `country`, geo_precision 1). */
export async function storeAt(
  points: readonly LatLon[],
  country = 'SYR',
  extra: readonly TestEvent[] = [],
): Promise<Store> {
  const store = await storeWith([
    ...points.map(([lat, lon]) => ({ date: '2017-05-01', country, lat, lon })),
    ...extra,
  ]);
  await store.run(`UPDATE events SET geo_precision = 1 WHERE lat IS NOT NULL`);
  return store;
}
