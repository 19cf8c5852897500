/**
 * Event reads for the API: a page of a filtered set with sorting and a bounding box, one event
 * by id, and the evidence spans and documents behind an extracted event.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { EVENT_COLUMNS, type EventFilter } from '../model/index.js';
import type { Store } from './db.js';
import type { EventRow } from './events.js';
import { whereClause } from './filter-sql.js';

/** `[minLon, minLat, maxLon, maxLat]` in degrees (WGS 84), as in GeoJSON. */
export type BBox = readonly [number, number, number, number];

export interface EventPageOptions {
  /** Default 50. */
  limit?: number;
  /** Default 0. */
  offset?: number;
  /** Default `date`; ties are broken by id so pages are stable. */
  sort?: 'date' | 'fatalities';
  /** Default `desc`; events without fatalities sort last either way. */
  order?: 'asc' | 'desc';
  /** Only events whose point lies inside (edges included); events without one are left out. */
  bbox?: BBox;
}

const SELECT_COLUMNS = EVENT_COLUMNS.map((c) =>
  c === 'date' || c === 'date_end' ? `strftime(${c}, '%Y-%m-%d') AS ${c}` : c,
).join(', ');

function where(
  filter: EventFilter,
  bbox: BBox | undefined,
): { sql: string; params: Record<string, DuckDBValue> } {
  const w = whereClause(filter);
  if (!bbox) return w;
  const box = 'lon BETWEEN $minLon AND $maxLon AND lat BETWEEN $minLat AND $maxLat';
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return {
    sql: w.sql ? `${w.sql} AND ${box}` : `WHERE ${box}`,
    params: { ...w.params, minLon, minLat, maxLon, maxLat },
  };
}

/** One page of the events matching `filter` (and `bbox`), with the total count. */
export async function pageEvents(
  store: Store,
  filter: EventFilter,
  { limit = 50, offset = 0, sort = 'date', order = 'desc', bbox }: EventPageOptions = {},
): Promise<{ total: number; events: EventRow[] }> {
  const w = where(filter, bbox);
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const orderBy = sort === 'fatalities' ? `fatalities ${dir} NULLS LAST, date DESC` : `date ${dir}`;
  const events = await store.all<EventRow>(
    `SELECT ${SELECT_COLUMNS} FROM events ${w.sql} ORDER BY ${orderBy}, id LIMIT $limit OFFSET $offset`,
    { ...w.params, limit, offset },
  );
  const n = await store.one<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM events ${w.sql}`,
    w.params,
  );
  return { total: Number(n?.n ?? 0), events };
}

/** The event with this id, or null. */
export async function getEvent(store: Store, id: string): Promise<EventRow | null> {
  const row = await store.one<EventRow>(`SELECT ${SELECT_COLUMNS} FROM events WHERE id = $id`, {
    id,
  });
  return row ?? null;
}

export interface EvidenceRow {
  event_id: string;
  document_id: string;
  field: string;
  start: number;
  end: number;
}

export interface EvidenceDocument {
  id: string;
  source: string;
  channel: string | null;
  author: string | null;
  published_at: string | null;
  lang: string | null;
  title: string | null;
  text: string;
  url: string | null;
}

/** The evidence spans of an event and the documents they point into (empty for datasets). */
export async function eventEvidence(
  store: Store,
  id: string,
): Promise<{ evidence: EvidenceRow[]; documents: EvidenceDocument[] }> {
  const evidence = await store.all<EvidenceRow & Record<string, unknown>>(
    `SELECT event_id, document_id, field, span_start AS "start", span_end AS "end"
     FROM evidence WHERE event_id = $id ORDER BY document_id, span_start, field`,
    { id },
  );
  const documents = await store.all<EvidenceDocument & Record<string, unknown>>(
    `SELECT id, source, channel, author,
            strftime(timezone('UTC', published_at), '%Y-%m-%dT%H:%M:%SZ') AS published_at,
            lang, title, text, url
     FROM documents WHERE id IN (SELECT document_id FROM evidence WHERE event_id = $id)
     ORDER BY id`,
    { id },
  );
  return { evidence, documents };
}

/** Events by id, in one query (gold sets and exports fetch thousands); ordered by id. */
export async function eventsByIds(store: Store, ids: readonly string[]): Promise<EventRow[]> {
  return store.all<EventRow>(
    `SELECT ${SELECT_COLUMNS} FROM events WHERE id IN (SELECT unnest($ids::VARCHAR[])) ORDER BY id`,
    { ids: JSON.stringify(ids) },
  );
}
