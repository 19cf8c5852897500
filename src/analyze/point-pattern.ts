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
 * when there is none. The search doubles a projected radius until a candidate appears; the true
 * nearest then lies within (great-circle distance to the projected-nearest candidate) × `slack`
 * projected, re-queried unless that radius already covered it, and only locations within it
 * get a haversine distance.
 */
export function nearestLocationKm(loc: Locations): Float64Array {
  const m = loc.lat.length;
  const out = new Float64Array(m).fill(NaN);
  if (m < 2) return out;
  const { x, y, lat, lon, slack } = loc;
  let r0 = 1; // first radius: twice the last answer, which the density of data sets makes typical
  for (let u = 0; u < m; u++) {
    const xu = x[u]!;
    const yu = y[u]!;
    let r = r0;
    let found: number[] = [];
    let nearest = -1; // the projected-nearest candidate
    while (nearest < 0 && r < 40_000) {
      found = loc.index.within(xu, yu, r);
      let min = Infinity;
      for (const v of found) {
        const d2 = (x[v]! - xu) ** 2 + (y[v]! - yu) ** 2;
        if (v !== u && d2 < min) [min, nearest] = [d2, v];
      }
      r *= 2;
    }
    r /= 2;
    let best = nearest < 0 ? Infinity : haversineKm(lat[u]!, lon[u]!, lat[nearest]!, lon[nearest]!);
    // The true nearest lies within best·slack projected; only those candidates need haversine.
    const reach = best * slack;
    if (reach > r) found = loc.index.within(xu, yu, reach);
    for (const v of found) {
      if (v === u || (x[v]! - xu) ** 2 + (y[v]! - yu) ** 2 > reach * reach) continue;
      best = Math.min(best, haversineKm(lat[u]!, lon[u]!, lat[v]!, lon[v]!));
    }
    out[u] = best;
    if (best > 0 && best < 1000) r0 = 2 * best;
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
 * point when the events within `epsKm` (great-circle) of it, its own included, number at least
 * `minPoints`. Clusters are the connected components of core locations (two cores are linked
 * when within `epsKm`), numbered in the order of their lowest-index core location; a non-core
 * location within `epsKm` of some core joins the lowest-numbered such cluster (the cluster that
 * reaches it first in the classic expansion), else it is noise (-1).
 *
 * Runs on a grid over the projected coordinates rather than one range query per location.
 * Projected distances are within a factor `slack` of great-circle ones, so a projected distance
 * ≤ eps/slack is surely within eps, one > eps·slack surely not, and only the rim in between
 * needs haversineKm. The cell side (eps/slack)/√2 puts any two locations of one cell surely
 * within eps: a cell weighing ≥ minPoints makes all its locations core with no distance test,
 * and all the cores of one cell belong to one cluster, so clusters are unions of cells.
 */
export function dbscan(loc: Locations, epsKm: number, minPoints: number): DbscanOutput {
  const m = loc.lat.length;
  const { x, y, lat, lon, weight } = loc;
  const slack = loc.slack;
  // Shrunk by 1e-9 so that rounding cannot put two locations of one cell beyond eps/slack.
  const side = (epsKm / slack / Math.SQRT2) * (1 - 1e-9);
  if (m === 0) return { label: new Int32Array(0), sizes: [] };
  if (!(side > 0) || !Number.isFinite(side)) return dbscanByQuery(loc, epsKm, minPoints);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let u = 0; u < m; u++) {
    minX = Math.min(minX, x[u]!);
    maxX = Math.max(maxX, x[u]!);
    minY = Math.min(minY, y[u]!);
    maxY = Math.max(maxY, y[u]!);
  }
  const nx = Math.floor((maxX - minX) / side) + 1;
  const ny = Math.floor((maxY - minY) / side) + 1;
  if (!(nx * ny < 2 ** 52)) return dbscanByQuery(loc, epsKm, minPoints);

  // Cells: ordinal per occupied cell, its grid coordinates, and its locations (CSR, by index).
  const cellOf = new Int32Array(m);
  const cellCx = new Int32Array(m);
  const cellCy = new Int32Array(m);
  const cellByKey = new Map<number, number>();
  let nCells = 0;
  for (let u = 0; u < m; u++) {
    const cx = Math.min(nx - 1, Math.floor((x[u]! - minX) / side));
    const cy = Math.min(ny - 1, Math.floor((y[u]! - minY) / side));
    const key = cx * ny + cy;
    let c = cellByKey.get(key);
    if (c === undefined) {
      c = nCells++;
      cellByKey.set(key, c);
      cellCx[c] = cx;
      cellCy[c] = cy;
    }
    cellOf[u] = c;
  }
  const start = new Int32Array(nCells + 1);
  const cellWeight = new Float64Array(nCells);
  for (let u = 0; u < m; u++) {
    start[cellOf[u]! + 1]!++;
    cellWeight[cellOf[u]!]! += weight[u]!;
  }
  for (let c = 0; c < nCells; c++) start[c + 1]! += start[c]!;
  const pts = new Uint32Array(m);
  const fill = start.slice(0, nCells);
  for (let u = 0; u < m; u++) pts[fill[cellOf[u]!]!++] = u;

  // Cell offsets whose cells can hold a location within reach (eps·slack) of one in the centre.
  const reach = epsKm * slack;
  const reach2 = reach * reach;
  const sure = (epsKm / slack) ** 2;
  const span = Math.ceil(reach / side) + 1;
  const offX: number[] = [];
  const offY: number[] = [];
  for (let di = -span; di <= span; di++) {
    for (let dj = -span; dj <= span; dj++) {
      const gx = Math.max(0, Math.abs(di) - 1) * side;
      const gy = Math.max(0, Math.abs(dj) - 1) * side;
      if (gx * gx + gy * gy <= reach2 * (1 + 1e-9)) {
        offX.push(di);
        offY.push(dj);
      }
    }
  }
  const nbr = new Int32Array(offX.length);
  /** Fills `nbr` with the occupied cells within reach of cell `c` (itself included). */
  const neighbourCells = (c: number): number => {
    let k = 0;
    const cx = cellCx[c]!;
    const cy = cellCy[c]!;
    for (let o = 0; o < offX.length; o++) {
      const ix = cx + offX[o]!;
      const iy = cy + offY[o]!;
      if (ix < 0 || ix >= nx || iy < 0 || iy >= ny) continue;
      const d = cellByKey.get(ix * ny + iy);
      if (d !== undefined) nbr[k++] = d;
    }
    return k;
  };
  // The same predicate as neighboursWithin.
  const within = (u: number, v: number): boolean => {
    const dx = x[v]! - x[u]!;
    const dy = y[v]! - y[u]!;
    const d2 = dx * dx + dy * dy;
    if (d2 <= sure) return true;
    if (d2 > reach2) return false;
    return haversineKm(lat[u]!, lon[u]!, lat[v]!, lon[v]!) <= epsKm;
  };

  // 1–2. Core locations: every location of a cell weighing ≥ minPoints; elsewhere count.
  const core = new Uint8Array(m);
  for (let c = 0; c < nCells; c++) {
    if (cellWeight[c]! >= minPoints) {
      for (let i = start[c]!; i < start[c + 1]!; i++) core[pts[i]!] = 1;
      continue;
    }
    const k = neighbourCells(c);
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const u = pts[i]!;
      let w = cellWeight[c]!; // its own cell is surely within eps
      for (let n = 0; n < k && w < minPoints; n++) {
        const d = nbr[n]!;
        if (d === c) continue;
        for (let j = start[d]!; j < start[d + 1]! && w < minPoints; j++) {
          const v = pts[j]!;
          if (within(u, v)) w += weight[v]!;
        }
      }
      if (w >= minPoints) core[u] = 1;
    }
  }
  // Core locations per cell (CSR).
  const coreStart = new Int32Array(nCells + 1);
  for (let c = 0; c < nCells; c++) {
    let k = 0;
    for (let i = start[c]!; i < start[c + 1]!; i++) k += core[pts[i]!]!;
    coreStart[c + 1] = coreStart[c]! + k;
  }
  const corePts = new Uint32Array(coreStart[nCells]!);
  for (let c = 0, k = 0; c < nCells; c++) {
    for (let i = start[c]!; i < start[c + 1]!; i++) if (core[pts[i]!]) corePts[k++] = pts[i]!;
  }

  // 3. Union-find over cells: two cells with cores join when some pair of their cores is within
  // eps (the first pair found settles it).
  const parent = new Int32Array(nCells);
  for (let c = 0; c < nCells; c++) parent[c] = c;
  const find = (c: number): number => {
    while (parent[c] !== c) {
      parent[c] = parent[parent[c]!]!;
      c = parent[c]!;
    }
    return c;
  };
  for (let c = 0; c < nCells; c++) {
    if (coreStart[c] === coreStart[c + 1]) continue;
    const k = neighbourCells(c);
    for (let n = 0; n < k; n++) {
      const d = nbr[n]!;
      if (d <= c || coreStart[d] === coreStart[d + 1]) continue;
      const rc = find(c);
      const rd = find(d);
      if (rc === rd) continue;
      let linked = false;
      for (let i = coreStart[c]!; i < coreStart[c + 1]! && !linked; i++) {
        for (let j = coreStart[d]!; j < coreStart[d + 1]!; j++) {
          if (within(corePts[i]!, corePts[j]!)) {
            linked = true;
            break;
          }
        }
      }
      if (linked) parent[rc] = rd;
    }
  }

  // 4. Cluster ids in the order of the first core location by index; cores take their cell's.
  const label = new Int32Array(m).fill(-1);
  const idOfRoot = new Int32Array(nCells).fill(-1);
  const cellCluster = new Int32Array(nCells).fill(-1);
  let nClusters = 0;
  for (let u = 0; u < m; u++) {
    if (!core[u]) continue;
    const r = find(cellOf[u]!);
    if (idOfRoot[r] === -1) idOfRoot[r] = nClusters++;
    label[u] = idOfRoot[r]!;
    cellCluster[cellOf[u]!] = label[u]!;
  }
  // Border locations join the lowest-numbered cluster with a core within eps.
  for (let c = 0; c < nCells; c++) {
    if (coreStart[c + 1]! - coreStart[c]! === start[c + 1]! - start[c]!) continue;
    const k = neighbourCells(c);
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const u = pts[i]!;
      if (core[u]) continue;
      let best = -1;
      for (let n = 0; n < k; n++) {
        const d = nbr[n]!;
        const cl = cellCluster[d]!;
        if (cl < 0 || (best >= 0 && cl >= best)) continue;
        for (let j = coreStart[d]!; j < coreStart[d + 1]!; j++) {
          if (within(u, corePts[j]!)) {
            best = cl;
            break;
          }
        }
      }
      label[u] = best;
    }
  }
  const sizes = new Array<number>(nClusters).fill(0);
  for (let u = 0; u < m; u++) if (label[u]! >= 0) sizes[label[u]!]! += weight[u]!;
  return { label, sizes };
}

/** DBSCAN by one range query per location: the fallback for a degenerate eps or grid. */
function dbscanByQuery(loc: Locations, epsKm: number, minPoints: number): DbscanOutput {
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
