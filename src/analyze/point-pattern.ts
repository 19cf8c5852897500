/**
 * Point-pattern building blocks over (lat, lon) arrays: distinct locations with weights,
 * nearest-neighbour distances and weighted DBSCAN. Candidates come from a kdbush index on
 * locally projected km coordinates (see geo.ts); every distance that is reported or compared
 * with a threshold is a great-circle (haversine) distance.
 *
 * Co-located events (the same coordinates, common when a dataset geocodes to a town) are
 * collapsed to one location with a weight: their nearest-neighbour distance is 0, and DBSCAN
 * counts the weight towards `minPoints`, which gives the same clusters as running DBSCAN on
 * the duplicated points but with one range query per location instead of one per event.
 */
import KDBush from 'kdbush';
import { haversineKm, localProjection } from './geo.js';

export interface Locations {
  lat: Float64Array;
  lon: Float64Array;
  /** Number of events at each location. */
  weight: Uint32Array;
  /** Index of the location of each input event. */
  of: Uint32Array;
  index: KDBush;
  x: Float64Array;
  y: Float64Array;
  /** Bound on projected/true and true/projected distance over these locations (see `slackFor`). */
  slack: number;
}

/** Collapses identical coordinates and indexes the distinct locations. */
export function distinctLocations(lat: Float64Array, lon: Float64Array): Locations {
  const byKey = new Map<string, number>();
  const of = new Uint32Array(lat.length);
  const ulat: number[] = [];
  const ulon: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < lat.length; i++) {
    const key = `${lat[i]},${lon[i]}`;
    let u = byKey.get(key);
    if (u === undefined) {
      u = ulat.length;
      byKey.set(key, u);
      ulat.push(lat[i]!);
      ulon.push(lon[i]!);
      weight.push(0);
    }
    weight[u]!++;
    of[i] = u;
  }
  const m = ulat.length;
  const lat0 = m ? ulat.reduce((a, b) => a + b, 0) / m : 0;
  const lon0 = m ? ulon.reduce((a, b) => a + b, 0) / m : 0;
  const proj = localProjection(lat0, lon0);
  const index = new KDBush(Math.max(1, m));
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  for (let u = 0; u < m; u++) {
    [x[u], y[u]] = proj.forward(ulat[u]!, ulon[u]!);
    index.add(x[u]!, y[u]!);
  }
  if (m === 0) index.add(0, 0);
  index.finish();
  const slack = slackFor(
    lat0,
    ulat.reduce((a, b) => Math.min(a, b), lat0),
    ulat.reduce((a, b) => Math.max(a, b), lat0),
  );
  return {
    lat: Float64Array.from(ulat),
    lon: Float64Array.from(ulon),
    weight: Uint32Array.from(weight),
    of,
    index,
    x,
    y,
    slack,
  };
}

/**
 * How far projected distances in `localProjection(lat0, ·)` can be from great-circle ones for
 * points between latitudes `south` and `north`: east–west lengths scale by cos φ0 / cos φ, so
 * the ratio lies within [1/s, s] for s = the largest such factor, plus 2% for the curvature the
 * flat formula ignores over a few hundred km. Within Iraq or Syria s ≈ 1.03–1.07.
 */
export function slackFor(lat0: number, south: number, north: number): number {
  const c0 = Math.cos((lat0 * Math.PI) / 180);
  let s = 1;
  for (const lat of [south, north]) {
    const c = Math.max(1e-6, Math.cos((lat * Math.PI) / 180));
    s = Math.max(s, c0 / c, c / c0);
  }
  return 1.02 * s;
}

/** Locations within `km` (great-circle) of location `u`, itself included. */
export function neighboursWithin(loc: Locations, u: number, km: number): number[] {
  const x = loc.x[u]!;
  const y = loc.y[u]!;
  // A projected distance ≤ km/slack is surely within km; only the rim needs the exact distance.
  const sure = (km / loc.slack) ** 2;
  return loc.index.within(x, y, km * loc.slack).filter((v) => {
    const d2 = (loc.x[v]! - x) ** 2 + (loc.y[v]! - y) ** 2;
    return d2 <= sure || haversineKm(loc.lat[u]!, loc.lon[u]!, loc.lat[v]!, loc.lon[v]!) <= km;
  });
}

/**
 * Great-circle distance (km) from each distinct location to the nearest *other* location; NaN
 * when there is none. The search doubles a projected radius until a candidate appears, then
 * re-queries at that candidate's distance × `slack` so the true nearest is included.
 */
export function nearestLocationKm(loc: Locations): Float64Array {
  const m = loc.lat.length;
  const out = new Float64Array(m).fill(NaN);
  if (m < 2) return out;
  for (let u = 0; u < m; u++) {
    let r = 1;
    let found: number[] = [];
    while (r < 40_000) {
      found = loc.index.within(loc.x[u]!, loc.y[u]!, r).filter((v) => v !== u);
      if (found.length) break;
      r *= 2;
    }
    const dist = (v: number) => haversineKm(loc.lat[u]!, loc.lon[u]!, loc.lat[v]!, loc.lon[v]!);
    let best = Math.min(...found.map(dist));
    for (const v of loc.index.within(loc.x[u]!, loc.y[u]!, best * loc.slack)) {
      if (v !== u) best = Math.min(best, dist(v));
    }
    out[u] = best;
  }
  return out;
}

/**
 * Great-circle distance (km) from each event to its nearest other event: 0 for an event that
 * shares its coordinates with another, else its location's nearest other location.
 */
export function nearestNeighbourKm(
  loc: Locations,
  perLocation = nearestLocationKm(loc),
): Float64Array {
  return Float64Array.from(loc.of, (u) => (loc.weight[u]! > 1 ? 0 : perLocation[u]!));
}

export interface DbscanOutput {
  /** Cluster id (0-based, in discovery order) of each location; -1 = noise. */
  label: Int32Array;
  /** Events per cluster id. */
  sizes: number[];
}

/**
 * DBSCAN over the distinct locations, counting each location's weight: a location is a core
 * point when the events within `epsKm` of it (its own included) number at least `minPoints`.
 */
export function dbscan(loc: Locations, epsKm: number, minPoints: number): DbscanOutput {
  const m = loc.lat.length;
  const label = new Int32Array(m).fill(-2); // -2 unvisited, -1 noise
  const queued = new Uint8Array(m);
  const sizes: number[] = [];
  const density = (ns: number[]) => ns.reduce((a, v) => a + loc.weight[v]!, 0);
  for (let u = 0; u < m; u++) {
    if (label[u] !== -2) continue;
    const ns = neighboursWithin(loc, u, epsKm);
    if (density(ns) < minPoints) {
      label[u] = -1;
      continue;
    }
    const c = sizes.length;
    sizes.push(0);
    label[u] = c;
    // Each location enters the queue at most once (dense clusters would otherwise push the
    // same neighbours millions of times); noise reached from a core point becomes a border.
    const queue: number[] = [];
    const enqueue = (w: number) => {
      if (label[w] === -1) label[w] = c;
      else if (label[w] === -2 && !queued[w]) {
        queued[w] = 1;
        queue.push(w);
      }
    };
    for (const w of ns) if (w !== u) enqueue(w);
    while (queue.length) {
      const v = queue.pop()!;
      label[v] = c;
      const nv = neighboursWithin(loc, v, epsKm);
      if (density(nv) >= minPoints) for (const w of nv) enqueue(w);
    }
  }
  for (let u = 0; u < m; u++) if (label[u]! >= 0) sizes[label[u]!]! += loc.weight[u]!;
  return { label, sizes };
}
