/**
 * The located events of a filtered set: their coordinates, fetched in one SQL query, and a
 * count of the events left out and why (no coordinates, unknown or too coarse geo precision).
 */
import type { z } from 'zod';
import type { EventFilter, SpatialExclusions } from '../model/index.js';
import { whereClause, type Store } from '../store/index.js';

export interface LocatedEvents {
  /** All events matching the filter. */
  n: number;
  n_excluded: number;
  excluded: SpatialExclusions;
  lat: Float64Array;
  lon: Float64Array;
  /** ISO3 country of each point (null where the event has none). */
  country: (string | null)[];
}

/**
 * Events matching `filter` with lat/lon and geo_precision ≤ `maxGeoPrecision`. Events with a
 * NULL geo_precision are excluded too (counted as `precision_unknown`): a point of unknown
 * precision may be a province centroid.
 */
export async function locatedEvents(
  store: Store,
  filter: EventFilter,
  maxGeoPrecision: number,
): Promise<LocatedEvents> {
  const w = whereClause(filter, 'e');
  const params = { ...w.params, max_geo_precision: maxGeoPrecision };
  const hasXY = 'e.lat IS NOT NULL AND e.lon IS NOT NULL';
  const totals = await store.one<{
    n: number;
    no_coordinates: number;
    precision_unknown: number;
    precision_too_coarse: number;
  }>(
    `SELECT count(*)::INTEGER AS n,
       count(*) FILTER (WHERE NOT (${hasXY}))::INTEGER AS no_coordinates,
       count(*) FILTER (WHERE ${hasXY} AND e.geo_precision IS NULL)::INTEGER AS precision_unknown,
       count(*) FILTER (WHERE ${hasXY} AND e.geo_precision > $max_geo_precision)::INTEGER
         AS precision_too_coarse
     FROM events e ${w.sql}`,
    params,
  );
  const rows = await store.all<{ lat: number; lon: number; country: string | null }>(
    `SELECT e.lat::DOUBLE AS lat, e.lon::DOUBLE AS lon, e.country
     FROM events e ${w.sql} ${w.sql ? 'AND' : 'WHERE'} ${hasXY}
       AND e.geo_precision <= $max_geo_precision
     ORDER BY e.id`,
    params,
  );
  const excluded: SpatialExclusions = {
    no_coordinates: totals?.no_coordinates ?? 0,
    precision_unknown: totals?.precision_unknown ?? 0,
    precision_too_coarse: totals?.precision_too_coarse ?? 0,
  };
  return {
    n: totals?.n ?? 0,
    n_excluded:
      excluded.no_coordinates + excluded.precision_unknown + excluded.precision_too_coarse,
    excluded,
    lat: Float64Array.from(rows, (r) => r.lat),
    lon: Float64Array.from(rows, (r) => r.lon),
    country: rows.map((r) => r.country),
  };
}

/** Validates `options` against `schema`, throwing `"<analysis> option <key>: <value> (…)"`. */
export function parseOptions<T>(analysis: string, schema: z.ZodType<T>, options: object): T {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path.map(String).join('.');
  const value = (options as Record<string, unknown>)[String(issue.path[0])];
  throw new RangeError(`${analysis} option ${key}: ${String(value)} (${issue.message})`);
}
