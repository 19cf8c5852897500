/**
 * What the dashboard's map and filter lists read: the filtered events as bare points (binned
 * when there are many) and the values each filter can take with their counts.
 *
 * Two small read-only queries rather than `iterateEvents` (every column of every row), which
 * took 1.3–1.6 s each on the bundled 19,567 events: these serve the dashboard's first load
 * (< 2 s). Values are bound parameters from `whereClause`; the only identifiers spliced in are
 * the constant MAP_FACETS columns.
 */
import type { EventFilter } from '../model/index.js';
import type { Store } from './db.js';
import { whereClause } from './filter-sql.js';

/** One located event. */
export interface EventPoint {
  id: string;
  lon: number;
  lat: number;
}

/** One bin of located events at their mean position; `id` only when the bin holds one event. */
export interface BinnedPoint {
  id: string | null;
  lon: number;
  lat: number;
  n: number;
}

export type MapPoints =
  { binned: false; points: EventPoint[] } | { binned: true; points: BinnedPoint[] };

export interface MapPointsOptions {
  /** Above this many located events, points come binned. */
  maxPoints: number;
  /** Bin size in degrees. */
  binDeg: number;
}

/**
 * Located events matching `filter`: one point each (ordered by id) up to `maxPoints`, else one
 * point per `binDeg` cell (ordered by position).
 */
export async function mapPoints(
  store: Store,
  filter: EventFilter,
  { maxPoints, binDeg }: MapPointsOptions,
): Promise<MapPoints> {
  const w = whereClause(filter, 'e');
  const located = `FROM events e ${w.sql} ${w.sql ? 'AND' : 'WHERE'} e.lat IS NOT NULL AND e.lon IS NOT NULL`;
  const count = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n ${located}`,
    w.params,
  );
  if ((count?.n ?? 0) <= maxPoints) {
    const points = await store.all<EventPoint & Record<string, unknown>>(
      `SELECT e.id, e.lon::DOUBLE AS lon, e.lat::DOUBLE AS lat ${located} ORDER BY e.id`,
      w.params,
    );
    return { binned: false, points };
  }
  const points = await store.all<BinnedPoint & Record<string, unknown>>(
    `SELECT CASE WHEN count(*) = 1 THEN min(e.id) END AS id, avg(e.lon)::DOUBLE AS lon,
       avg(e.lat)::DOUBLE AS lat, count(*)::INTEGER AS n ${located}
     GROUP BY floor(e.lon / $bin), floor(e.lat / $bin) ORDER BY lon, lat`,
    { ...w.params, bin: binDeg },
  );
  return { binned: true, points };
}

/** Event columns the filter lists offer (fixed: these names are spliced into the SQL). */
export const MAP_FACETS = ['country', 'actor1', 'attack_type', 'target_type', 'origin'] as const;
export type MapFacetColumn = (typeof MAP_FACETS)[number];

/** A value a filter can take and its number of events. */
export interface FacetCount {
  value: string;
  n: number;
}

export interface MapFacets {
  /** Per column: non-empty values, most events first, then by value. */
  counts: Record<MapFacetColumn, FacetCount[]>;
  total: number;
  /** First and last event day, `YYYY-MM-DD`. */
  first: string | null;
  last: string | null;
}

/** Every value of each MAP_FACETS column with its event count, over all events. */
export async function mapFacets(store: Store): Promise<MapFacets> {
  const rows = await store.all<{ facet: MapFacetColumn; value: string; n: number }>(
    MAP_FACETS.map(
      (f) =>
        `SELECT '${f}' AS facet, ${f}::VARCHAR AS value, count(*)::INTEGER AS n FROM events
         WHERE ${f} IS NOT NULL AND ${f}::VARCHAR <> '' GROUP BY ${f}`,
    ).join(' UNION ALL ') + ' ORDER BY n DESC, value',
  );
  const span = await store.one<{ total: number; first: string | null; last: string | null }>(
    `SELECT count(*)::INTEGER AS total, strftime(min(date), '%Y-%m-%d') AS first,
       strftime(max(date), '%Y-%m-%d') AS last FROM events`,
  );
  const counts = Object.fromEntries(MAP_FACETS.map((f) => [f, [] as FacetCount[]])) as Record<
    MapFacetColumn,
    FacetCount[]
  >;
  for (const { facet, value, n } of rows) counts[facet].push({ value, n });
  return {
    counts,
    total: span?.total ?? 0,
    first: span?.first ?? null,
    last: span?.last ?? null,
  };
}
