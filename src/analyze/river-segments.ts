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
/** Side of a candidate cell, km (see `riverPosition`). */
const CELL_KM = 5;
/** Cells further than this many cells (10,000 km) from the river's centre use the midpoint index. */
const MAX_CELL = 1000;

/**
 * A cell's candidate segments, nearest to its centre first, and for each a lower bound on its
 * distance from any point of the cell: once that bound passes the best distance found, no
 * later candidate can be nearer.
 */
interface Cell {
  segments: Int32Array;
  floor: Float64Array;
}

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
  /** The projection's centre longitude and km per degree east (cells are square in `proj`). */
  lon0: number;
  kx0: number;
  /** Candidate segments per cell (key from `cellKey`), filled on first use. */
  cells: Map<number, Cell>;
  /** Whether any segment can give a bank side. */
  anyOriented: boolean;
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
  const lon0 = (Math.min(...lons) + Math.max(...lons)) / 2;
  const proj = localProjection(lat0, lon0);
  const index = new KDBush(list.length);
  let halfMaxKm = 0;
  for (const [ax, ay, bx, by] of list) {
    index.add(...proj.forward((ay + by) / 2, (ax + bx) / 2));
    halfMaxKm = Math.max(halfMaxKm, haversineKm(ay, ax, by, bx) / 2);
  }
  index.finish();
  const oriented = Uint8Array.from(list, (s) => s[4]);
  return {
    ax: Float64Array.from(list, (s) => s[0]),
    ay: Float64Array.from(list, (s) => s[1]),
    bx: Float64Array.from(list, (s) => s[2]),
    by: Float64Array.from(list, (s) => s[3]),
    oriented,
    index,
    proj,
    lat0,
    south,
    north,
    halfMaxKm,
    lon0,
    kx0: EARTH_RADIUS_KM * RAD * Math.cos(lat0 * RAD),
    cells: new Map(),
    anyOriented: oriented.includes(1),
  };
}

/**
 * Distance (km) from (lat, lon) to the river and the bank side.
 *
 * **Candidates.** The plane of `proj` is cut into 10 km cells. The first time a cell is asked
 * for, the distance d from its centre to the nearest segment (and to the nearest oriented one)
 * is measured over the whole river, and the cell keeps every segment within (d + 2h)·1.01 of
 * the centre, h being the cell's half-diagonal. For any point p in the cell the nearest
 * segment is within d + h of p, and a segment further than d + 2h from the centre is further
 * than d + h from p, so the kept list always holds p's nearest segment and nearest oriented
 * segment; the factor 1.01 covers the change of east–west scale between the centre's and p's
 * projection (under 0.1% across a cell). Points in datasets cluster in few cells, so each
 * point then costs one map lookup and a handful of segment distances. Points more than
 * 10,000 km east, west, north or south of the river fall back to the midpoint index.
 *
 * Each candidate is measured in an equirectangular projection centred on the point (error
 * well under 1% within 100 km), exactly as `riverPositionExhaustive` does, so both give the
 * same numbers.
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
  const cx = Math.floor(((lon - seg.lon0) * seg.kx0) / CELL_KM);
  const cy = Math.floor(((lat - seg.lat0) * EARTH_RADIUS_KM * RAD) / CELL_KM);
  if (!(Math.abs(cx) < MAX_CELL && Math.abs(cy) < MAX_CELL))
    return riverPositionByIndex(seg, lat, lon);
  const key = (cx + MAX_CELL) * 2 * MAX_CELL + (cy + MAX_CELL);
  let cell = seg.cells.get(key);
  if (!cell) seg.cells.set(key, (cell = cellCandidates(seg, cx, cy)));
  return measure(seg, cell.segments, lat, lon, cell.floor);
}

/** The segments that can be nearest (or nearest oriented) to some point of cell (cx, cy). */
function cellCandidates(seg: Segments, cx: number, cy: number): Cell {
  const ky = EARTH_RADIUS_KM * RAD;
  const lat = seg.lat0 + ((cy + 0.5) * CELL_KM) / ky;
  const lon = seg.lon0 + ((cx + 0.5) * CELL_KM) / seg.kx0;
  const n = seg.ax.length;
  const dist = new Float64Array(n);
  let nearest = Infinity;
  let nearestOriented = Infinity;
  const kx = ky * Math.cos(lat * RAD);
  for (let s = 0; s < n; s++) {
    const ax = (seg.ax[s]! - lon) * kx;
    const ay = (seg.ay[s]! - lat) * ky;
    const dx = (seg.bx[s]! - lon) * kx - ax;
    const dy = (seg.by[s]! - lat) * ky - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
    const ex = ax + t * dx;
    const ey = ay + t * dy;
    const d = (dist[s] = Math.sqrt(ex * ex + ey * ey));
    if (d < nearest) nearest = d;
    if (seg.oriented[s] && len2 > 0 && d < nearestOriented) nearestOriented = d;
  }
  // Half-diagonal h of the cell in true km (its east–west side is widest at its edge nearer
  // the equator), and ε, how far the east–west scale of a point's own projection can differ
  // from the centre's: cos φ varies by at most that ratio across the cell (×1.5 to spare).
  const halfLat = CELL_KM / 2 / ky;
  const cosC = Math.cos(lat * RAD);
  const cosWide = Math.cos(Math.max(0, Math.abs(lat) - halfLat) * RAD);
  const cosNarrow = Math.cos(Math.min(90, Math.abs(lat) + halfLat) * RAD);
  const h = 0.5 * Math.hypot(CELL_KM, (CELL_KM * cosWide) / Math.cos(seg.lat0 * RAD)) + 1e-9;
  const eps = 1.5 * Math.max(cosWide / cosC - 1, 1 - cosNarrow / cosC) + 1e-9;
  const d0 = nearestOriented < Infinity ? Math.max(nearest, nearestOriented) : nearest;
  // A point p of the cell has its nearest within (1+ε)·d0 + h; segment s is at least
  // dist(centre, s)/(1+ε) − h from p.
  const bound = ((1 + eps) * d0 + 2 * h) * (1 + eps) + 1e-6;
  const out: number[] = [];
  for (let s = 0; s < n; s++) if (dist[s]! <= bound) out.push(s);
  out.sort((a, b) => dist[a]! - dist[b]! || a - b);
  return {
    segments: Int32Array.from(out),
    floor: Float64Array.from(out, (s) => dist[s]! / (1 + eps) - h - 1e-6),
  };
}

/** The midpoint-index search (see `segmentsOf`), for points outside the cell grid. */
function riverPositionByIndex(seg: Segments, lat: number, lon: number): RiverPosition {
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
  if (result.side !== null || !seg.anyOriented) return result;
  // The nearby segments are all closed loops: take the bank from the whole river.
  return { km: result.km, side: riverPositionExhaustive(seg, lat, lon).side };
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

function measure(
  seg: Segments,
  candidates: ArrayLike<number>,
  lat: number,
  lon: number,
  floor?: Float64Array,
): RiverPosition {
  const kx = EARTH_RADIUS_KM * RAD * Math.cos(lat * RAD);
  const ky = EARTH_RADIUS_KM * RAD;
  let best = Infinity;
  let bestOriented = Infinity;
  let cross = 0;
  for (let k = 0; k < candidates.length; k++) {
    // Sorted candidates: stop once none left can beat (or tie) both best distances.
    if (floor && floor[k]! > Math.max(best, bestOriented) + TIE_KM) break;
    const s = candidates[k]!;
    const ax = (seg.ax[s]! - lon) * kx;
    const ay = (seg.ay[s]! - lat) * ky;
    const dx = (seg.bx[s]! - lon) * kx - ax;
    const dy = (seg.by[s]! - lat) * ky - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
    // sqrt rather than Math.hypot: several times faster in V8, and distances here are far
    // from overflow.
    const ex = ax + t * dx;
    const ey = ay + t * dy;
    const d = Math.sqrt(ex * ex + ey * ey);
    if (d < best) best = d;
    if (!seg.oriented[s] || len2 === 0 || d > bestOriented + TIE_KM) continue;
    // Point relative to the segment start is (−ax, −ay); unit direction (dx, dy)/|d|.
    const c = (dx * -ay - dy * -ax) / Math.sqrt(len2);
    cross = d < bestOriented - TIE_KM ? c : cross + c;
    bestOriented = Math.min(bestOriented, d);
  }
  return {
    km: best,
    side: bestOriented === Infinity ? null : cross >= 0 ? 'left' : 'right',
  };
}
