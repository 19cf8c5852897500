/**
 * Test helper: inserts small synthetic events straight into the `events` table, filling the
 * NOT NULL columns with defaults so a test names only the fields it is about.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { Store } from '../store/index.js';

/** The columns a synthetic event may set; everything else is NULL or a default. */
export interface TestEvent {
  id?: string;
  date: string;
  origin?: string;
  source_id?: string;
  date_precision?: number;
  country?: string | null;
  admin1?: string | null;
  admin1_code?: string | null;
  admin2?: string | null;
  actor1?: string | null;
  actor2?: string | null;
  attack_type?: string | null;
  target_type?: string | null;
  claimed?: boolean | null;
  fatalities?: number | null;
  lat?: number | null;
  lon?: number | null;
  geo_precision?: number | null;
  admin2_code?: string | null;
  location?: string | null;
  notes?: string | null;
  tactics?: string[];
}

const COLUMNS = [
  'id',
  'origin',
  'source_id',
  'date',
  'date_precision',
  'country',
  'admin1',
  'admin1_code',
  'admin2',
  'actor1',
  'actor2',
  'attack_type',
  'target_type',
  'claimed',
  'fatalities',
  'lat',
  'lon',
  'geo_precision',
  'admin2_code',
  'location',
  'notes',
] as const;

let counter = 0;

/** Inserts `events` (ids `t:1`, `t:2`, … unless given). */
export async function insertEvents(store: Store, events: readonly TestEvent[]): Promise<void> {
  for (const ev of events) {
    const id = ev.id ?? `t:${++counter}`;
    const row: Record<string, DuckDBValue> = {
      id,
      origin: ev.origin ?? 'dataset',
      source_id: ev.source_id ?? 'test',
      date: ev.date,
      date_precision: ev.date_precision ?? 1,
    };
    for (const c of COLUMNS) {
      if (!(c in row)) row[c] = (ev as unknown as Record<string, DuckDBValue>)[c] ?? null;
    }
    row.tactics = JSON.stringify(ev.tactics ?? []);
    await store.run(
      `INSERT INTO events (${COLUMNS.join(', ')}, tactics, raw, row_hash, updated_at)
       VALUES (${COLUMNS.map((c) => `$${c}${c === 'date' ? '::DATE' : ''}`).join(', ')},
               CAST($tactics AS JSON)::VARCHAR[], '{}', $id, current_timestamp::TIMESTAMP)`,
      row,
    );
  }
}

/** `count` events on `date` sharing `fields`. */
export function repeat(count: number, ev: TestEvent): TestEvent[] {
  return Array.from({ length: count }, () => ({ ...ev }));
}

/** A fresh in-memory store holding `events`. */
export async function storeWith(events: readonly TestEvent[]): Promise<Store> {
  const store = await Store.open(':memory:');
  await insertEvents(store, events);
  return store;
}
