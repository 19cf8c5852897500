/**
 * The shared parts of the comms analyses: the filter in the store's terms (whole UTC days),
 * the window (the filter's from/to, else the first/last day of the matching documents) and
 * option validation with one error shape.
 */
import { endOf, startOf } from '../../model/index.js';
import type { CommsFilter, CommsWindow } from '../../model/comms.js';
import { commsDays, type CommsSqlFilter } from '../../store/comms.js';
import type { Store } from '../../store/index.js';

/** The filter with partial dates made whole days (`2015-06` → 2015-06-01 … 2015-06-30). */
export function sqlFilter(filter: CommsFilter): CommsSqlFilter {
  return {
    ...filter,
    from: filter.from ? startOf(filter.from) : undefined,
    to: filter.to ? endOf(filter.to) : undefined,
  };
}

/** The window and the number of matching documents that have no publication time. */
export async function commsWindow(
  store: Store,
  filter: CommsFilter,
): Promise<{ window: CommsWindow; undated: number }> {
  const f = sqlFilter(filter);
  const days = await commsDays(store, f);
  return { window: { from: f.from ?? days.lo, to: f.to ?? days.hi }, undated: days.undated };
}

/** Is the window usable (both ends known, in order)? */
export function isOpen(w: CommsWindow): w is { from: string; to: string } {
  return w.from !== null && w.to !== null && w.from <= w.to;
}

/** Adds `days` to a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
