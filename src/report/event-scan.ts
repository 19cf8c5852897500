/**
 * One streaming pass over the filtered events for the parts of a brief that are listings, not
 * statistics: the deadliest incidents, the distinct sources, and the located points for the map.
 * Memory stays bounded by the number of distinct locations (pages of 10,000 rows).
 */
import type { EventFilter } from '../model/index.js';
import { iterateEvents, type EventRow, type Store } from '../store/index.js';
import type { Incident } from './brief-types.js';
import type { MapPoint } from './map-svg.js';

export interface EventScan {
  /** Deadliest first (then newest, then id); events without a fatality count are skipped. */
  incidents: Incident[];
  sources: string[];
  /** Events with a fatality count left out of `incidents` for a date vaguer than a week. */
  vague_dates: number;
  /** Distinct coordinates of events with geo_precision ≤ maxGeoPrecision, with counts. */
  points: MapPoint[];
}

export interface ScanOptions {
  /** How many incidents to keep; default 10. */
  top?: number;
  /** Map points keep events at this precision or better; default 2 (as dispersion). */
  maxGeoPrecision?: number;
  /** Incidents need a date at least this precise (1 day, 2 week, 3 month or vaguer); default 2. */
  maxDatePrecision?: number;
  /** Notes are clipped to this many characters; default 200. */
  notesLength?: number;
}

export async function scanEvents(
  store: Store,
  filter: EventFilter,
  { top = 10, maxGeoPrecision = 2, maxDatePrecision = 2, notesLength = 200 }: ScanOptions = {},
): Promise<EventScan> {
  let best: Incident[] = [];
  const sources = new Set<string>();
  const points = new Map<string, MapPoint>();
  let vague = 0;
  for await (const page of iterateEvents(store, filter)) {
    for (const row of page) {
      sources.add(String(row.source_id));
      const { lat, lon, geo_precision: gp } = row;
      if (
        typeof lat === 'number' &&
        typeof lon === 'number' &&
        typeof gp === 'number' &&
        gp <= maxGeoPrecision
      ) {
        const key = `${lat},${lon}`;
        const p = points.get(key);
        if (p) p.count++;
        else points.set(key, { lat, lon, count: 1 });
      }
      if (typeof row.fatalities !== 'number') continue;
      if (Number(row.date_precision) > maxDatePrecision) vague++;
      else best.push(incident(row, notesLength));
    }
    best = best.sort(deadliest).slice(0, top);
  }
  return {
    incidents: best,
    sources: [...sources].sort(),
    vague_dates: vague,
    points: [...points.values()].sort((a, b) => a.lat - b.lat || a.lon - b.lon),
  };
}

function deadliest(a: Incident, b: Incident): number {
  return (
    b.fatalities - a.fatalities ||
    (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function incident(row: EventRow, notesLength: number): Incident {
  const place = [row.location, row.admin2, row.admin1, row.country].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  const notes = typeof row.notes === 'string' && row.notes.trim() ? row.notes.trim() : null;
  return {
    id: String(row.id),
    date: String(row.date),
    place: place ?? 'unknown',
    fatalities: Number(row.fatalities),
    source_id: String(row.source_id),
    notes: notes && notes.length > notesLength ? `${notes.slice(0, notesLength - 1)}…` : notes,
  };
}
