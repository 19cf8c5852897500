/**
 * The window an analysis covers: the filter's from/to when given, else the first/last day of the
 * filtered events. Shared by every analysis so "Jan 2016–Nov 2019" means the same thing in each.
 */
import { endOf, startOf, type AnalysisWindow, type EventFilter } from '../model/index.js';
import { whereClause, type Store } from '../store/index.js';

/** Resolves the window; either bound is null only when the filter leaves it open and no event matches. */
export async function resolveWindow(store: Store, filter: EventFilter): Promise<AnalysisWindow> {
  let from = filter.from ? startOf(filter.from) : null;
  let to = filter.to ? endOf(filter.to) : null;
  if (from === null || to === null) {
    const w = whereClause(filter, 'e');
    const row = await store.one<{ lo: string | null; hi: string | null }>(
      `SELECT strftime(min(e.date), '%Y-%m-%d') AS lo, strftime(max(e.date), '%Y-%m-%d') AS hi
       FROM events e ${w.sql}`,
      w.params,
    );
    from ??= row?.lo ?? null;
    to ??= row?.hi ?? null;
  }
  return { from, to };
}

/** The same calendar day `years` years later (earlier when negative); 29 Feb → 28 Feb. */
export function shiftYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  const dd = String(Math.min(d, last)).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${mm}-${dd}`;
}
