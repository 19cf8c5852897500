/**
 * Kernel density surface of event locations on a regular grid, for maps.
 */
import { localProjection } from './geo.js';

export interface KdeOptions {
  /** Gaussian kernel standard deviation, km; default 10. */
  bandwidthKm?: number;
  /** Grid cell edge, km; default 5. */
  cellKm?: number;
}

export interface KdeGrid {
  bandwidthKm: number;
  cellKm: number;
  /** Projection centre (equirectangular, see geo.ts): rows share a latitude, columns a longitude. */
  center: { lat: number; lon: number };
  rows: number;
  cols: number;
  /** Latitude of each row's cell centres, south to north. */
  lat: Float64Array;
  /** Longitude of each column's cell centres, west to east. */
  lon: Float64Array;
  /** Events per km², row-major from the south-west; sums (× cellKm²) to about n. */
  density: Float64Array;
  max: number;
}

const MAX_CELLS = 4_000_000;

/**
 * Gaussian kernel density of `points` ([lat, lon]) on a grid covering them plus 3 bandwidths,
 * in a local equirectangular projection in km. Each point adds exp(−d²/2h²)/(2πh²) to the cells
 * within 3h, so density is in events per km² and integrates to the number of points (less the
 * ~1% of each kernel beyond 3h).
 *
 * @example kde([[35.33, 40.14], [35.95, 39.01]], { bandwidthKm: 15, cellKm: 5 })
 */
export function kde(
  points: readonly (readonly [number, number])[],
  options: KdeOptions = {},
): KdeGrid {
  const h = options.bandwidthKm ?? 10;
  const cell = options.cellKm ?? 5;
  if (!(h > 0)) throw new RangeError(`kde option bandwidthKm: ${h} (expected > 0)`);
  if (!(cell > 0)) throw new RangeError(`kde option cellKm: ${cell} (expected > 0)`);
  const n = points.length;
  const lat0 = n ? points.reduce((a, p) => a + p[0], 0) / n : 0;
  const lon0 = n ? points.reduce((a, p) => a + p[1], 0) / n : 0;
  const proj = localProjection(lat0, lon0);
  const xy = points.map(([lat, lon]) => proj.forward(lat, lon));
  const reach = 3 * h;
  const x0 = Math.min(...xy.map((p) => p[0]), 0) - reach;
  const y0 = Math.min(...xy.map((p) => p[1]), 0) - reach;
  const cols = Math.max(1, Math.ceil((Math.max(...xy.map((p) => p[0]), 0) + reach - x0) / cell));
  const rows = Math.max(1, Math.ceil((Math.max(...xy.map((p) => p[1]), 0) + reach - y0) / cell));
  if (rows * cols > MAX_CELLS) {
    throw new RangeError(
      `kde option cellKm: ${cell} (grid of ${rows * cols} cells > ${MAX_CELLS})`,
    );
  }
  const density = new Float64Array(rows * cols);
  const norm = 1 / (2 * Math.PI * h * h);
  for (const [x, y] of xy) {
    const c0 = Math.max(0, Math.floor((x - reach - x0) / cell));
    const c1 = Math.min(cols - 1, Math.floor((x + reach - x0) / cell));
    const r0 = Math.max(0, Math.floor((y - reach - y0) / cell));
    const r1 = Math.min(rows - 1, Math.floor((y + reach - y0) / cell));
    for (let r = r0; r <= r1; r++) {
      const dy = y0 + (r + 0.5) * cell - y;
      for (let c = c0; c <= c1; c++) {
        const dx = x0 + (c + 0.5) * cell - x;
        const d2 = dx * dx + dy * dy;
        if (d2 <= reach * reach) density[r * cols + c]! += norm * Math.exp(-d2 / (2 * h * h));
      }
    }
  }
  return {
    bandwidthKm: h,
    cellKm: cell,
    center: { lat: lat0, lon: lon0 },
    rows,
    cols,
    lat: Float64Array.from({ length: rows }, (_, r) => proj.inverse(0, y0 + (r + 0.5) * cell)[0]),
    lon: Float64Array.from({ length: cols }, (_, c) => proj.inverse(x0 + (c + 0.5) * cell, 0)[1]),
    density,
    max: density.reduce((a, v) => Math.max(a, v), 0),
  };
}
