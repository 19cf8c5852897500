/**
 * Talk vs attacks: weekly communications volume against weekly event counts, with the lagged
 * cross-correlation (lags −L…+L weeks) and the lag where it is strongest.
 */
import {
  CommsVsAttacksOptionsSchema,
  type CommsFilter,
  type CommsVsAttacksOptions,
  type CommsVsAttacksResult,
  type LagCorrelation,
} from '../../model/comms.js';
import type { EventFilter } from '../../model/index.js';
import { volumeRows, weeklyEventRows } from '../../store/comms.js';
import { whereClause, type Store } from '../../store/index.js';
import { parseOptions } from '../options.js';
import { periodOf } from './periods.js';
import { addDays, commsWindow, isOpen, sqlFilter } from './window.js';

const Z95 = 1.959963984540054;

export const VS_ATTACKS_CAUTION =
  'A correlation between talk and attacks is not a forecast: published research finds ' +
  'propaganda volume a weak predictor of attacks, and weekly counts are autocorrelated, so ' +
  'these intervals (which assume independent weeks) are too narrow. Read the lag as a ' +
  'description of this window only.';

/**
 * Correlates weekly documents matching `comms` with weekly events matching `events`.
 *
 * - `maxLag`: weeks each way, default 4. At lag k the documents of week t are paired with the
 *   events of week t + k: a positive best lag means talk leads attacks.
 * - `difference`: correlate week-on-week changes (default true), so that two series that both
 *   trend up do not look related merely because they trend.
 *
 * The window is the comms filter's from/to, else the span of the matching documents; the
 * events are counted over the same weeks. Each r has a Fisher-z 95% interval.
 *
 * @example await commsVsAttacks(store, { from: '2015' }, { country: ['IRQ'] })
 */
export async function commsVsAttacks(
  store: Store,
  comms: CommsFilter,
  events: EventFilter,
  options: CommsVsAttacksOptions = {},
): Promise<CommsVsAttacksResult> {
  const opts = parseOptions('comms vs-attacks', CommsVsAttacksOptionsSchema, options);
  const maxLag = opts.maxLag ?? 4;
  const difference = opts.difference ?? true;
  const { window } = await commsWindow(store, comms);
  const base = {
    analysis: 'comms_vs_attacks' as const,
    comms_filter: comms,
    event_filter: events,
    window,
    difference,
    caution: VS_ATTACKS_CAUTION,
  };
  if (!isOpen(window)) {
    return { ...base, n_documents: 0, n_events: 0, weeks: [], lags: [], best: null };
  }
  const docs = await volumeRows(store, sqlFilter(comms), {
    period: 'week',
    from: window.from,
    to: window.to,
  });
  // Events over whole weeks (the documents' weeks), unless the comms filter cut the window.
  const evFrom = comms.from ? window.from : periodOf(window.from, 'week');
  const evTo = comms.to ? window.to : addDays(periodOf(window.to, 'week'), 6);
  const ev = await weeklyEventRows(store, whereClause(events, 'e'), evFrom, evTo);
  const evByWeek = new Map(ev.map((r) => [r.week, r.count]));
  const weeks = docs.map((d) => ({
    week: d.period,
    documents: d.count,
    events: evByWeek.get(d.period) ?? 0,
  }));
  const x = weeks.map((w) => w.documents);
  const y = weeks.map((w) => w.events);
  const lags = crossCorrelation(difference ? diff(x) : x, difference ? diff(y) : y, maxLag);
  const best = lags.reduce<LagCorrelation | null>(
    (b, l) => (l.r !== null && (b === null || Math.abs(l.r) > Math.abs(b.r!)) ? l : b),
    null,
  );
  return {
    ...base,
    n_documents: x.reduce((a, b) => a + b, 0),
    n_events: y.reduce((a, b) => a + b, 0),
    weeks,
    lags,
    best,
  };
}

function diff(v: readonly number[]): number[] {
  return v.slice(1).map((x, i) => x - v[i]!);
}

/** Pearson r of x[t] with y[t + k] for k = −maxLag…maxLag, each with a Fisher-z interval. */
export function crossCorrelation(
  x: readonly number[],
  y: readonly number[],
  maxLag: number,
): LagCorrelation[] {
  const out: LagCorrelation[] = [];
  for (let k = -maxLag; k <= maxLag; k++) {
    const a: number[] = [];
    const b: number[] = [];
    for (let t = 0; t < x.length; t++) {
      const u = t + k;
      if (u < 0 || u >= y.length) continue;
      a.push(x[t]!);
      b.push(y[u]!);
    }
    const r = pearson(a, b);
    const n = a.length;
    let ci95: [number, number] | null = null;
    if (r !== null && n >= 4) {
      const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, r)));
      const se = 1 / Math.sqrt(n - 3);
      ci95 = [Math.tanh(z - Z95 * se), Math.tanh(z + Z95 * se)];
    }
    out.push({ lag: k, r, n, ci95 });
  }
  return out;
}

export function pearson(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  if (n < 2) return null;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}
