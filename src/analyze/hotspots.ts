/**
 * Hotspots: Getis-Ord Gi* over an H3 hexagon grid, with Benjamini-Hochberg FDR control and
 * ArcGIS-style confidence bins.
 */
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import {
  HotspotOptionsSchema,
  type EventFilter,
  type HotspotCell,
  type HotspotOptions,
  type HotspotResult,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { benjaminiHochberg, confidenceBin, giStar, twoSidedP } from './gistar.js';
import { locatedEvents, parseOptions } from './points.js';
import { resolveWindow } from './window.js';

/**
 * Finds hot and cold spots among the located events matching `filter`.
 *
 * - `maxGeoPrecision`: keep events with geo_precision ≤ this, default 2 (see `dispersion`).
 * - `resolution`: H3 resolution, default 5 — hexagons of ~253 km² (edge ~9 km), about the
 *   size of a town and its surroundings and well above geo_precision 2 ("near a place").
 * - `fdrQ`: false discovery rate for `significant`, default 0.05.
 *
 * **Grid and study area.** Each event falls in the H3 cell containing it. The study area is
 * every cell with events plus their ring-1 neighbours with zero counts — an explicit choice:
 * the whole country at resolution 5 (~700 cells for Syria, most empty) would make every
 * populated cell "hot"; this keeps the comparison to places near activity. The neighbourhood
 * of a cell is its ring-1 disk (itself and up to 6 neighbours) restricted to the study area,
 * with binary weights; Gi* includes the cell itself.
 *
 * **Significance.** z → two-sided normal p → Benjamini-Hochberg adjusted p over all cells of
 * the study area. Bins follow ArcGIS's FDR-corrected Gi_Bin: ±3 when adjusted p ≤ 0.01 (99%),
 * ±2 ≤ 0.05 (95%), ±1 ≤ 0.10 (90%), else 0; sign of z gives hot (+) or cold (−).
 *
 * @example await hotspots(store, { actor: ['Islamic State'], country: ['SYR'] }, { resolution: 5 })
 */
export async function hotspots(
  store: Store,
  filter: EventFilter,
  options: HotspotOptions = {},
): Promise<HotspotResult> {
  const o = parseOptions('hotspots', HotspotOptionsSchema, options);
  const maxGeoPrecision = o.maxGeoPrecision ?? 2;
  const resolution = o.resolution ?? 5;
  const fdrQ = o.fdrQ ?? 0.05;
  const pts = await locatedEvents(store, filter, maxGeoPrecision);

  const countOf = new Map<string, number>();
  for (let i = 0; i < pts.lat.length; i++) {
    const cell = latLngToCell(pts.lat[i]!, pts.lon[i]!, resolution);
    countOf.set(cell, (countOf.get(cell) ?? 0) + 1);
  }
  const withEvents = [...countOf.keys()].sort();
  const study = new Map<string, number>();
  for (const cell of withEvents) {
    for (const nb of [cell, ...gridDisk(cell, 1)]) if (!study.has(nb)) study.set(nb, study.size);
  }
  const ids = [...study.keys()];
  const counts = ids.map((id) => countOf.get(id) ?? 0);
  const neighbours = ids.map((id) =>
    gridDisk(id, 1)
      .map((nb) => study.get(nb))
      .filter((j): j is number => j !== undefined),
  );
  const z = giStar(counts, neighbours);
  const p = z.map(twoSidedP);
  const adjusted = benjaminiHochberg(p);

  const cells: HotspotCell[] = ids.map((h3, i) => {
    const [lat, lon] = cellToLatLng(h3);
    return {
      h3,
      lat,
      lon,
      count: counts[i]!,
      z: z[i]!,
      p: p[i]!,
      p_adjusted: adjusted[i]!,
      significant: adjusted[i]! <= fdrQ,
      bin: confidenceBin(z[i]!, adjusted[i]!),
    };
  });
  cells.sort((a, b) => b.z - a.z || b.count - a.count || a.h3.localeCompare(b.h3));
  const bins: Record<string, number> = {};
  for (const b of [3, 2, 1, 0, -1, -2, -3]) bins[String(b)] = 0;
  for (const c of cells) bins[String(c.bin)]!++;

  return {
    analysis: 'hotspots',
    filter,
    window: await resolveWindow(store, filter),
    n: pts.n,
    n_used: pts.lat.length,
    n_excluded: pts.n_excluded,
    excluded: pts.excluded,
    options: { maxGeoPrecision, resolution, fdrQ },
    cells_total: cells.length,
    cells_with_events: withEvents.length,
    bins,
    cells,
  };
}
