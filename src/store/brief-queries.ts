/**
 * Listings for the brief's mix-over-time section: small GROUP BY queries that return counts,
 * never statistics. Values are bound parameters (see `whereClause`).
 */
import type { EventFilter } from '../model/index.js';
import type { Store } from './db.js';
import { whereClause } from './filter-sql.js';

/** Events of one category in one quarter. */
export interface QuarterCount {
  /** `2019-Q1`. */
  quarter: string;
  /** The category (e.g. the attack type); null for events without one. */
  key: string | null;
  n: number;
}

/** Event columns a mix over time may be split by (the only identifiers spliced into SQL). */
export const MIX_COLUMNS = ['attack_type', 'target_type'] as const;
export type MixColumn = (typeof MIX_COLUMNS)[number];

/**
 * Counts of the events matching `filter` per calendar quarter and value of `column`, ordered by
 * quarter then key (nulls last). Quarters without events are absent.
 *
 * @example await countsByQuarter(store, { country: ['SYR'] }, 'attack_type')
 */
export async function countsByQuarter(
  store: Store,
  filter: EventFilter,
  column: MixColumn,
): Promise<QuarterCount[]> {
  if (!MIX_COLUMNS.includes(column)) throw new Error(`mix column: ${String(column)}`);
  const { sql, params } = whereClause(filter);
  const rows = await store.all<{ quarter: string; key: string | null; n: number }>(
    `SELECT strftime(date, '%Y') || '-Q' || quarter(date)::VARCHAR AS quarter, ${column} AS key,
            count(*)::INTEGER AS n
     FROM events ${sql}
     GROUP BY ALL ORDER BY quarter, key NULLS LAST`,
    params,
  );
  return rows.map((r) => ({ quarter: r.quarter, key: r.key, n: Number(r.n) }));
}
