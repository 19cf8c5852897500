/**
 * Dispersion and clustering of located events: Clark-Evans nearest-neighbour index against
 * the country polygon(s), standard distance, standard deviational ellipse and DBSCAN.
 */
import {
  DispersionOptionsSchema,
  type DbscanCluster,
  type DispersionOptions,
  type DispersionResult,
  type EventFilter,
  type StudyArea,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { localProjection } from './geo.js';
import {
  dbscan,
  distinctLocations,
  nearestLocationKm,
  nearestNeighbourKm,
} from './point-pattern.js';
import { locatedEvents, parseOptions } from './points.js';
import { countryAreaKm2 } from './study-area.js';
import { resolveWindow } from './window.js';

/** Standard error constant of the Clark-Evans mean nearest-neighbour distance. */
const CLARK_EVANS_SE = 0.26136;

/**
 * Measures how spread out or clustered the located events matching `filter` are.
 *
 * - `maxGeoPrecision`: keep events with geo_precision ≤ this, default 2 (drops province
 *   centroids, which would fake clusters). Events without coordinates or with an unknown
 *   precision are excluded too; `excluded` counts each reason.
 * - `epsKm`: DBSCAN radius, default 10 km. `minPoints`: DBSCAN core threshold, default 5.
 *
 * **Study area.** A = geodesic area of the adm0 polygon(s) of the filter's countries, or, when
 * the filter names none, of the distinct countries of the events used (`study_area.source`
 * says which). When a country has no bundled boundary, A and the Clark-Evans statistics are
 * null with a reason. R = mean NN distance / (0.5·sqrt(A/n)); z = (mean − expected) /
 * (0.26136 / sqrt(n²/A)). Events outside the polygons are not removed, and no edge correction
 * is applied (near a border the true nearest neighbour may lie across it, biasing R upward).
 * Events at identical coordinates have NN distance 0, so in geocoded datasets R mostly measures
 * co-location; `nearest_neighbour_locations` repeats the index over distinct locations.
 *
 * **Distances.** Nearest-neighbour and DBSCAN distances are great-circle; standard distance and
 * the ellipse use a local equirectangular projection centred on the mean centre (≤ ~5% scale
 * error across Iraq or Syria; see geo.ts).
 *
 * @example await dispersion(store, { actor: ['Islamic State'], country: ['SYR'] })
 */
export async function dispersion(
  store: Store,
  filter: EventFilter,
  options: DispersionOptions = {},
): Promise<DispersionResult> {
  const o = parseOptions('dispersion', DispersionOptionsSchema, options);
  const maxGeoPrecision = o.maxGeoPrecision ?? 2;
  const epsKm = o.epsKm ?? 10;
  const minPoints = o.minPoints ?? 5;
  const pts = await locatedEvents(store, filter, maxGeoPrecision);
  const n = pts.lat.length;
  const loc = distinctLocations(pts.lat, pts.lon);

  const study = studyArea(filter, pts.country);
  const perLocation = nearestLocationKm(loc);
  const nn = n >= 2 ? nearestNeighbourKm(loc, perLocation) : new Float64Array(0);
  const meanNN = n >= 2 ? nn.reduce((a, d) => a + d, 0) / n : null;
  const A = study.area_km2;
  const expected = A !== null && n >= 2 ? 0.5 * Math.sqrt(A / n) : null;
  const se = A !== null && n >= 2 ? CLARK_EVANS_SE / Math.sqrt((n * n) / A) : null;

  const { label, sizes } = dbscan(loc, epsKm, minPoints);
  const clusters = clusterSummaries(loc, label, sizes, n);
  const inClusters = sizes.reduce((a, s) => a + s, 0);
  const shareOf = (k: number) => (n ? clusters.slice(0, k).reduce((a, c) => a + c.size, 0) / n : 0);

  return {
    analysis: 'dispersion',
    filter,
    window: await resolveWindow(store, filter),
    n: pts.n,
    n_used: n,
    n_excluded: pts.n_excluded,
    excluded: pts.excluded,
    options: { maxGeoPrecision, epsKm, minPoints },
    study_area: study,
    distinct_locations: loc.lat.length,
    ...centrography(pts.lat, pts.lon),
    nearest_neighbour: {
      mean_km: meanNN,
      expected_km: expected,
      index: meanNN !== null && expected ? meanNN / expected : null,
      z: meanNN !== null && expected !== null && se ? (meanNN - expected) / se : null,
      n_colocated: nn.reduce((a, d) => (d === 0 ? a + 1 : a), 0),
    },
    nearest_neighbour_locations: clarkEvans(perLocation, A),
    dbscan: {
      clusters,
      n_clusters: sizes.length,
      noise: n - inClusters,
      share_largest: shareOf(1),
      share_largest3: shareOf(3),
    },
  };
}

/** Clark-Evans R and z over the distinct locations (each counted once). */
function clarkEvans(perLocation: Float64Array, A: number | null) {
  const m = perLocation.length;
  if (m < 2) return { m, mean_km: null, expected_km: null, index: null, z: null };
  const mean = perLocation.reduce((a, d) => a + d, 0) / m;
  if (A === null) return { m, mean_km: mean, expected_km: null, index: null, z: null };
  const expected = 0.5 * Math.sqrt(A / m);
  const se = CLARK_EVANS_SE / Math.sqrt((m * m) / A);
  return {
    m,
    mean_km: mean,
    expected_km: expected,
    index: mean / expected,
    z: (mean - expected) / se,
  };
}

function studyArea(filter: EventFilter, countries: (string | null)[]): StudyArea {
  const fromFilter = Boolean(filter.country?.length);
  const list = fromFilter
    ? [...new Set(filter.country)].sort()
    : [...new Set(countries.map((c) => c ?? '(none)'))].sort();
  const source = fromFilter ? 'filter' : 'inferred';
  if (!list.length) return { countries: [], source, area_km2: null, reason: 'no located events' };
  let total = 0;
  for (const c of list) {
    const a = countryAreaKm2(c);
    if (a === null) {
      return { countries: list, source, area_km2: null, reason: `no bundled boundary: ${c}` };
    }
    total += a;
  }
  return { countries: list, source, area_km2: total, reason: null };
}

/** Mean centre, standard distance and the one-sigma standard deviational ellipse. */
export function centrography(
  lat: Float64Array,
  lon: Float64Array,
): Pick<DispersionResult, 'mean_center' | 'standard_distance_km' | 'ellipse'> {
  const n = lat.length;
  if (n === 0) return { mean_center: null, standard_distance_km: null, ellipse: null };
  const lat0 = lat.reduce((a, b) => a + b, 0) / n;
  const lon0 = lon.reduce((a, b) => a + b, 0) / n;
  const proj = localProjection(lat0, lon0);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) [xs[i], ys[i]] = proj.forward(lat[i]!, lon[i]!);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  sxx /= n;
  syy /= n;
  sxy /= n;
  const half = (sxx + syy) / 2;
  const root = Math.sqrt(((sxx - syy) / 2) ** 2 + sxy ** 2);
  // Major-axis angle from the x (east) axis, then as an azimuth clockwise from north.
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const azimuth = (((90 - (theta * 180) / Math.PI) % 180) + 180) % 180;
  return {
    mean_center: { lat: lat0, lon: lon0 },
    standard_distance_km: Math.sqrt(sxx + syy),
    ellipse: {
      sigma_major_km: Math.sqrt(half + root),
      sigma_minor_km: Math.sqrt(Math.max(0, half - root)),
      rotation_deg: azimuth,
    },
  };
}

function clusterSummaries(
  loc: ReturnType<typeof distinctLocations>,
  label: Int32Array,
  sizes: number[],
  n: number,
): DbscanCluster[] {
  const sumLat = new Float64Array(sizes.length);
  const sumLon = new Float64Array(sizes.length);
  for (let u = 0; u < label.length; u++) {
    const c = label[u]!;
    if (c < 0) continue;
    sumLat[c]! += loc.lat[u]! * loc.weight[u]!;
    sumLon[c]! += loc.lon[u]! * loc.weight[u]!;
  }
  return sizes
    .map((size, c) => ({ size, lat: sumLat[c]! / size, lon: sumLon[c]! / size, c }))
    .sort((a, b) => b.size - a.size || a.lat - b.lat || a.lon - b.lon)
    .map(({ size, lat, lon }, i) => ({ rank: i + 1, size, lat, lon, share: size / n }));
}
