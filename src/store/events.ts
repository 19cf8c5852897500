/** Typed reads of the events table: listing, counting and exporting a filtered set. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventFilter } from '../model/index.js';
import { EVENT_COLUMNS } from '../model/index.js';
import type { Store } from './db.js';
import { whereClause } from './filter-sql.js';

/** An events row as queries return it: the Event columns (dates as `YYYY-MM-DD`). */
export type EventRow = Record<(typeof EVENT_COLUMNS)[number], unknown>;

export interface ListOptions {
  limit?: number;
  offset?: number;
}

const SELECT_COLUMNS = EVENT_COLUMNS.map((c) =>
  c === 'date' || c === 'date_end' ? `strftime(${c}, '%Y-%m-%d') AS ${c}` : c,
).join(', ');

/** Events matching `filter`, newest first (ties by id so pages are stable). Defaults: limit 50. */
export async function listEvents(
  store: Store,
  filter: EventFilter,
  { limit = 50, offset = 0 }: ListOptions = {},
): Promise<EventRow[]> {
  const w = whereClause(filter);
  return store.all<EventRow>(
    `SELECT ${SELECT_COLUMNS} FROM events ${w.sql} ORDER BY date DESC, id LIMIT $limit OFFSET $offset`,
    { ...w.params, limit, offset },
  );
}

export async function countEvents(store: Store, filter: EventFilter): Promise<number> {
  const w = whereClause(filter);
  const row = await store.one<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM events ${w.sql}`,
    w.params,
  );
  return Number(row?.n ?? 0);
}

/**
 * Writes the filtered events to `path` as CSV or Parquet using DuckDB's own writer (fast and
 * streaming). COPY cannot bind parameters, so the filtered set is first materialised into a
 * temp table with bound values, and DuckDB writes to a directory we created, never to a path
 * spliced from user input; the caller moves the file where the user asked.
 */
export async function exportEventsFile(
  store: Store,
  filter: EventFilter,
  format: 'csv' | 'parquet',
): Promise<{ file: string; rows: number; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-export-'));
  const w = whereClause(filter);
  await store.run(
    `CREATE OR REPLACE TEMP TABLE export_events AS
     SELECT ${EVENT_COLUMNS.map((c) => (c === 'tactics' ? `array_to_string(tactics, ';') AS tactics` : c)).join(', ')}
     FROM events ${w.sql} ORDER BY date, id`,
    w.params,
  );
  const file = join(dir, `events.${format}`);
  if (!/^[\w./-]+$/.test(file)) throw new Error(`unsafe temp path: ${file}`);
  const options =
    format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet, COMPRESSION zstd)';
  await store.run(`COPY export_events TO '${file}' ${options}`);
  const n = await store.one<{ n: number }>('SELECT count(*)::BIGINT AS n FROM export_events');
  await store.run('DROP TABLE export_events');
  return {
    file,
    rows: Number(n?.n ?? 0),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Streams the filtered events in pages of `pageSize` rows (bounded memory for GeoJSON export).
 * Keyset pagination on (date, id) so each page is an index-friendly range scan.
 */
export async function* iterateEvents(
  store: Store,
  filter: EventFilter,
  pageSize = 10_000,
): AsyncGenerator<EventRow[]> {
  const w = whereClause(filter, 'e');
  let after: { date: string; id: string } | null = null;
  for (;;) {
    const cursor: string = after
      ? `${w.sql ? ' AND' : 'WHERE'} (e.date, e.id) > ($afterDate::DATE, $afterId)`
      : '';
    const params = after ? { ...w.params, afterDate: after.date, afterId: after.id } : w.params;
    const rows: EventRow[] = await store.all<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM events e ${w.sql}${cursor} ORDER BY e.date, e.id LIMIT ${pageSize}`,
      params,
    );
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { date: String(last.date), id: String(last.id) };
    if (rows.length < pageSize) return;
  }
}
