/**
 * A river as indexed, downstream-oriented segments: distance from a point to the river and
 * the bank the point is on.
 */
import KDBush from 'kdbush';
import { EARTH_RADIUS_KM, haversineKm, localProjection, type Projection } from './geo.js';
import { slackFor } from './point-pattern.js';
import type { RiverLine } from './river-lines.js';

const RAD = Math.PI / 180;
const TIE_KM = 1e-9;

/** One river's distance and bank side for a point. */
export interface RiverPosition {
  km: number;
  /** Left bank facing downstream; null when no oriented segment exists. */
  side: 'left' | 'right' | null;
}

/** Segments of one river: [lon, lat] ends, downstream, and whether usable for the bank side. */
export interface Segments {
  ax: Float64Array;
  ay: Float64Array;
  bx: Float64Array;
  by: Float64Array;
  oriented: Uint8Array;
  /** kdbush over segment midpoints in `proj` (km). */
  index: KDBush;
  proj: Projection;
  lat0: number;
  south: number;
  north: number;
  /** Longest half-segment, km. */
  halfMaxKm: number;
}

/** A river's parts as flat segment arrays with a midpoint index. */
export function segmentsOf(river: RiverLine): Segments {
  const list: [number, number, number, number, number][] = [];
  for (const part of river.parts) {
    const closed = part[0]![0] === part.at(-1)![0] && part[0]![1] === part.at(-1)![1];
    for (let k = 1; k < part.length; k++) {
      list.push([part[k - 1]![0], part[k - 1]![1], part[k]![0], part[k]![1], closed ? 0 : 1]);
    }
  }
  if (!list.length) throw new Error(`river ${river.name}: no segments`);
  const lats = list.flatMap((s) => [s[1], s[3]]);
  const south = Math.min(...lats);
  const north = Math.max(...lats);
  const lat0 = (south + north) / 2;
  const lons = list.flatMap((s) => [s[0], s[2]]);
  const proj = localProjection(lat0, (Math.min(...lons) + Math.max(...lons)) / 2);
  const index = new KDBush(list.length);
  let halfMaxKm = 0;
  for (const [ax, ay, bx, by] of list) {
    index.add(...proj.forward((ay + by) / 2, (ax + bx) / 2));
    halfMaxKm = Math.max(halfMaxKm, haversineKm(ay, ax, by, bx) / 2);
  }
  index.finish();
  return {
    ax: Float64Array.from(list, (s) => s[0]),
    ay: Float64Array.from(list, (s) => s[1]),
    bx: Float64Array.from(list, (s) => s[2]),
    by: Float64Array.from(list, (s) => s[3]),
    oriented: Uint8Array.from(list, (s) => s[4]),
    index,
    proj,
    lat0,
    south,
    north,
    halfMaxKm,
  };
}

/**
 * Distance (km) from (lat, lon) to the river and the bank side.
 *
 * Candidates come from the midpoint index: the nearest midpoint bounds the distance, and every
 * segment that could be nearer has its midpoint within that bound plus the longest
 * half-segment (widened by the projection's error bound). Each candidate is then measured in an
 * equirectangular projection centred on the point (error well under 1% within 100 km).
 *
 * The side is the sign of the cross product of the nearest oriented segment's downstream unit
 * direction and the vector to the point: positive = left bank. Where the nearest point is a
 * vertex shared by two segments, their unit cross products are summed (the vertex's
 * pseudo-normal), which classifies points off the outside of a bend correctly. Facing
 * downstream on the south-east-flowing Euphrates and Tigris the left bank is the east /
 * north-east side (the Jazira side of the Euphrates in Deir ez-Zor), the right bank the west /
 * south-west side (the Shamiya side).
 */
export function riverPosition(seg: Segments, lat: number, lon: number): RiverPosition {
  const [px, py] = seg.proj.forward(lat, lon);
  const slack = slackFor(seg.lat0, Math.min(seg.south, lat), Math.max(seg.north, lat));
  let found: number[] = [];
  for (let r = 1; !found.length && r < 40_000; r *= 2) found = seg.index.within(px, py, r);
  let nearestMid = Infinity;
  for (const s of found) {
    const [mx, my] = seg.proj.forward((seg.ay[s]! + seg.by[s]!) / 2, (seg.ax[s]! + seg.bx[s]!) / 2);
    nearestMid = Math.min(nearestMid, Math.hypot(mx - px, my - py));
  }
  const reach = (nearestMid * slack + seg.halfMaxKm) * slack;
  const result = measure(seg, seg.index.within(px, py, reach), lat, lon);
  if (result.side !== null || !seg.oriented.includes(1)) return result;
  // The nearby segments are all closed loops: take the bank from the whole river.
  const all = measure(
    seg,
    Array.from(seg.ax, (_, s) => s),
    lat,
    lon,
  );
  return { km: result.km, side: all.side };
}

/** `riverPosition` by measuring every segment (for tests of the index). */
export function riverPositionExhaustive(seg: Segments, lat: number, lon: number): RiverPosition {
  return measure(
    seg,
    Array.from(seg.ax, (_, s) => s),
    lat,
    lon,
  );
}

function measure(seg: Segments, candidates: readonly number[], lat: number, lon: number) {
  const kx = EARTH_RADIUS_KM * RAD * Math.cos(lat * RAD);
  const ky = EARTH_RADIUS_KM * RAD;
  let best = Infinity;
  let bestOriented = Infinity;
  let cross = 0;
  for (const s of candidates) {
    const ax = (seg.ax[s]! - lon) * kx;
    const ay = (seg.ay[s]! - lat) * ky;
    const dx = (seg.bx[s]! - lon) * kx - ax;
    const dy = (seg.by[s]! - lat) * ky - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
    const d = Math.hypot(ax + t * dx, ay + t * dy);
    if (d < best) best = d;
    if (!seg.oriented[s] || len2 === 0 || d > bestOriented + TIE_KM) continue;
    // Point relative to the segment start is (−ax, −ay); unit direction (dx, dy)/|d|.
    const c = (dx * -ay - dy * -ax) / Math.sqrt(len2);
    cross = d < bestOriented - TIE_KM ? c : cross + c;
    bestOriented = Math.min(bestOriented, d);
  }
  return {
    km: best,
    side: bestOriented === Infinity ? null : cross >= 0 ? ('left' as const) : ('right' as const),
  };
}
