/**
 * Distance to features: how far each located event lies from the Euphrates and the Tigris,
 * and on which bank — the measure behind "clustered near the eastern side of the Euphrates".
 */
import {
  RiverOptionsSchema,
  type EventFilter,
  type RiverOptions,
  type RiverResult,
  type RiverSummary,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { bundledRivers, orientDownstream, type RiverLine, type RiverLines } from './river-lines.js';
import { riverPosition, segmentsOf } from './river-segments.js';
import { locatedEvents, parseOptions } from './points.js';
import { resolveWindow } from './window.js';

/**
 * Distance of each located event matching `filter` to each river, bank side, and the share of
 * events within each band.
 *
 * - `maxGeoPrecision`: keep events with geo_precision ≤ this, default 2 (see `dispersion`).
 * - `bandsKm`: distance bands, default [10, 25, 50]; bank counts are also given for events
 *   within the middle band (25 km by default), where "which bank" is meaningful.
 * - `lines`: the rivers (default: the bundled Euphrates and Tigris, oriented downstream).
 *
 * @example await rivers(store, { actor: ['Islamic State'], country: ['SYR'] })
 */
export async function rivers(
  store: Store,
  filter: EventFilter,
  options: RiverOptions = {},
  lines: RiverLines = bundledRivers(),
): Promise<RiverResult> {
  const o = parseOptions('rivers', RiverOptionsSchema, options);
  const maxGeoPrecision = o.maxGeoPrecision ?? 2;
  const bands = [...(o.bandsKm ?? [10, 25, 50])].sort((a, b) => a - b);
  const nearBand = bands[(bands.length - 1) >> 1]!;
  const pts = await locatedEvents(store, filter, maxGeoPrecision);
  const n = pts.lat.length;
  const nearest = new Float64Array(n).fill(Infinity);
  const summaries: RiverSummary[] = lines.rivers.map((river) => {
    const seg = segmentsOf(river);
    const dist = new Float64Array(n);
    const counts = { left: 0, right: 0, leftNear: 0, rightNear: 0 };
    // No memo per distinct location: with per-cell candidates a position costs less than
    // building a string key for a map would.
    for (let i = 0; i < n; i++) {
      const p = riverPosition(seg, pts.lat[i]!, pts.lon[i]!);
      dist[i] = p.km;
      nearest[i] = Math.min(nearest[i]!, p.km);
      if (p.side === 'left') counts.left++;
      if (p.side === 'right') counts.right++;
      if (p.km <= nearBand && p.side === 'left') counts.leftNear++;
      if (p.km <= nearBand && p.side === 'right') counts.rightNear++;
    }
    const sorted = Float64Array.from(dist).sort();
    return {
      river: river.name,
      mean_km: n ? dist.reduce((a, d) => a + d, 0) / n : null,
      median_km: n ? median(sorted) : null,
      within: withinShares(dist, bands),
      left_bank: counts.left,
      right_bank: counts.right,
      near_band_km: nearBand,
      left_bank_near: counts.leftNear,
      right_bank_near: counts.rightNear,
    };
  });
  return {
    analysis: 'rivers',
    filter,
    window: await resolveWindow(store, filter),
    n: pts.n,
    n_used: n,
    n_excluded: pts.n_excluded,
    excluded: pts.excluded,
    options: { maxGeoPrecision, bandsKm: bands },
    source: lines.source,
    rivers: summaries,
    within_any: withinShares(nearest, bands),
  };
}

/** Lines given as plain parts, oriented downstream — for callers with their own rivers. */
export function riverLines(source: string, list: RiverLine[]): RiverLines {
  return { source, rivers: list.map(orientDownstream) };
}

function withinShares(dist: Float64Array, bands: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of bands) {
    out[String(b)] = dist.length ? dist.reduce((a, d) => (d <= b ? a + 1 : a), 0) / dist.length : 0;
  }
  return out;
}

function median(sorted: Float64Array): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}
