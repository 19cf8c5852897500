/**
 * Communications volume: documents per day, week or month, overall and per channel, author,
 * language, source or affiliation (official outlets vs supporters, from configurable lists).
 */
import {
  CommsVolumeOptionsSchema,
  type CommsFilter,
  type CommsSeries,
  type CommsVolumeOptions,
  type CommsVolumeResult,
} from '../../model/comms.js';
import { volumeRows } from '../../store/comms.js';
import type { Store } from '../../store/index.js';
import { parseOptions } from '../options.js';
import { periodsBetween } from './periods.js';
import { commsWindow, isOpen, sqlFilter } from './window.js';

/**
 * Counts the documents matching `filter` per period, empty periods as zeros.
 *
 * - `by`: `'day' | 'week' | 'month'`, default `'month'`; weeks start on Monday (UTC days).
 * - `groupBy`: `channel | author | lang | source | affiliation`; one series per value, the
 *   `top` (default 10) largest kept and the rest summed as `(other)`.
 * - `distinct`: count a group of near-duplicates once (its canonical document); default false.
 * - `channelGroups`: `{official, supporter}` channel lists for `affiliation` (case-insensitive).
 *
 * Documents without a publication time are counted in `n_undated`, never in a period.
 *
 * @example await commsVolume(store, { from: '2015' }, { by: 'week', groupBy: 'lang' })
 */
export async function commsVolume(
  store: Store,
  filter: CommsFilter,
  options: CommsVolumeOptions = {},
): Promise<CommsVolumeResult> {
  const opts = parseOptions('comms volume', CommsVolumeOptionsSchema, options);
  const by = opts.by ?? 'month';
  const distinct = opts.distinct ?? false;
  const { window, undated } = await commsWindow(store, filter);
  const base = { analysis: 'comms_volume' as const, filter, by, window, distinct };
  if (!isOpen(window)) return { ...base, n: 0, n_undated: undated, periods: [] };
  const f = sqlFilter(filter);
  const q = { period: by, from: window.from, to: window.to, distinct };
  const total = await volumeRows(store, f, q);
  // No matching document in the window still means a series of zeros, not an empty one.
  const periods = total.length
    ? total.map(({ period, count }) => ({ period, count }))
    : periodsBetween(window.from, window.to, by).map((period) => ({ period, count: 0 }));
  const result: CommsVolumeResult = {
    ...base,
    n: periods.reduce((a, p) => a + p.count, 0),
    n_undated: undated,
    periods,
  };
  if (opts.groupBy) {
    const rows = await volumeRows(store, f, {
      ...q,
      groupBy: opts.groupBy,
      top: opts.top ?? 10,
      official: opts.channelGroups?.official,
      supporter: opts.channelGroups?.supporter,
    });
    const groups: CommsSeries[] = [];
    for (const { key, total: n, period, count } of rows) {
      let g = groups.at(-1);
      if (!g || g.key !== key) groups.push((g = { key, n, periods: [] }));
      g.periods.push({ period, count });
    }
    result.group_by = opts.groupBy;
    result.groups = groups;
  }
  return result;
}
