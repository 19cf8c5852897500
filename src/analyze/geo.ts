/**
 * Small planar helpers shared by the spatial analyses: great-circle distance and a local
 * equirectangular projection in kilometres.
 *
 * **Projection.** `localProjection(lat0, lon0)` maps (lat, lon) to x = R·Δλ·cos φ0 (east),
 * y = R·Δφ (north), in km. North–south distances are exact along meridians; east–west
 * distances are scaled by cos φ / cos φ0, so the error grows with the distance in latitude from
 * φ0: about 3.5% at ±3° around 35°N (all of Syria from its centre) and up to 5.5% at ±4.5°
 * (Iraq, 29–37.5°N). Analyses use it to *find* candidates (kdbush range queries, with the
 * search radius widened by the data's own bound on that error, `slackFor` in point-pattern.ts)
 * and measure the final distances with `haversineKm`, so their nearest-neighbour and
 * ε-neighbourhood distances are great-circle distances; only the ellipse and standard distance
 * are computed in the projected plane.
 */

import { EARTH_RADIUS_KM } from '../gazetteer/distance.js';

export { EARTH_RADIUS_KM, haversineKm } from '../gazetteer/distance.js';

const RAD = Math.PI / 180;

export interface Projection {
  /** [x, y] in km east and north of the centre. */
  forward(lat: number, lon: number): [number, number];
  /** [lat, lon] of a projected point. */
  inverse(x: number, y: number): [number, number];
}

/** Equirectangular projection in km centred on (lat0, lon0); see the module note for its error. */
export function localProjection(lat0: number, lon0: number): Projection {
  const kx = EARTH_RADIUS_KM * RAD * Math.cos(lat0 * RAD);
  const ky = EARTH_RADIUS_KM * RAD;
  return {
    forward: (lat, lon) => [(lon - lon0) * kx, (lat - lat0) * ky],
    inverse: (x, y) => [lat0 + y / ky, lon0 + x / kx],
  };
}
