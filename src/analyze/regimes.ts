/**
 * Regimes: change points in the count series (PELT, Poisson cost) and each phase labelled
 * quiet, rising, high or falling — the numbers behind "lying low since March 2019".
 */
import {
  RegimeOptionsSchema,
  type EventFilter,
  type RegimeLabel,
  type RegimeOptions,
  type RegimeResult,
  type RegimeSegment,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { parseOptions } from './options.js';
import { pelt } from './pelt.js';
import { meanWithInterval, tempo } from './tempo.js';

/** |slope / se| at or above this (two-sided 1%) makes a segment rising or falling. */
const TREND_T = 2.576;

/**
 * Finds phases in the zero-filled count series of `tempo(store, filter, { by })`.
 *
 * - `by`: `'day' | 'week' | 'month'`, default `'month'`.
 * - `minSegment`: shortest phase in periods, default 2.
 * - `penalty`: cost of one change point, default **2·ln(n)·max(1, φ̂)**: BIC counting two
 *   parameters per change (its position and the new rate), scaled by the overdispersion φ̂ =
 *   Σ(yₜ − yₜ₋₁)² / (2(n − 1)ȳ) as in a quasi-Poisson BIC. φ̂ ≈ 1 for Poisson counts; first
 *   differences keep level shifts from inflating it much. Without the scaling, conflict counts
 *   (variance several times the mean) split into many spurious phases.
 *
 * Segments come from `pelt` (exact). Each gets its rate (mean per period) with tempo's 95%
 * interval, the OLS slope of counts on time with t = slope/se (residual variance floored at
 * the mean, the Poisson variance; null under 4 periods), and a label, with M the median
 * period count over the whole window (the mean when the median is 0):
 *
 * 1. **rising / falling** when |t| ≥ 2.576 (a trend within the phase, two-sided 1%);
 * 2. else **quiet** when rate ≤ M/2 and **high** when rate ≥ 1.5·M;
 * 3. else (between): **rising** if above the previous phase's rate, **falling** if below; the
 *    first phase is **high** when rate ≥ M, else **quiet** (so a flat series is one high phase).
 *
 * @example await regimes(store, { actor: ['Islamic State'], country: ['SYR'] })
 */
export async function regimes(
  store: Store,
  filter: EventFilter,
  options: RegimeOptions = {},
): Promise<RegimeResult> {
  const opts = parseOptions('regimes', RegimeOptionsSchema, options);
  const by = opts.by ?? 'month';
  const minSegment = opts.minSegment ?? 2;
  const t = await tempo(store, filter, { by });
  const counts = t.periods.map((p) => p.count);
  const dispersion = overdispersion(counts);
  const penalty =
    opts.penalty ?? 2 * Math.log(Math.max(counts.length, 2)) * Math.max(1, dispersion ?? 1);
  const base = {
    analysis: 'regimes' as const,
    filter,
    by,
    window: t.window,
    n: t.n,
    penalty,
    dispersion,
    min_segment: minSegment,
  };
  if (counts.length === 0) {
    return { ...base, median: null, segments: [], current: null, summary: 'no periods' };
  }
  const median = medianOf(counts);
  const starts = [0, ...pelt(counts, penalty, minSegment)];
  const bounds = starts.map((s, i) => [s, starts[i + 1] ?? counts.length] as const);
  const segments = labelSegments(
    bounds.map(([a, b]) => segmentStats(t.periods.slice(a, b))),
    median > 0 ? median : t.mean_per_period!,
  );
  return {
    ...base,
    median,
    segments,
    current: segments.at(-1)!,
    summary: summarize(segments, by),
  };
}

/** Σ(yₜ − yₜ₋₁)² / (2(n − 1)ȳ); null under 2 periods or with no events. */
export function overdispersion(counts: readonly number[]): number | null {
  const n = counts.length;
  const mean = counts.reduce((a, b) => a + b, 0) / n;
  if (n < 2 || !(mean > 0)) return null;
  let ss = 0;
  for (let i = 1; i < n; i++) ss += (counts[i]! - counts[i - 1]!) ** 2;
  return ss / (2 * (n - 1) * mean);
}

type Unlabelled = Omit<RegimeSegment, 'label'>;

function segmentStats(periods: readonly { period: string; count: number }[]): Unlabelled {
  const y = periods.map((p) => p.count);
  const m = y.length;
  const { mean_per_period, ci95 } = meanWithInterval(y);
  const rate = mean_per_period!;
  const xBar = (m - 1) / 2;
  let sxx = 0;
  let sxy = 0;
  y.forEach((v, x) => {
    sxx += (x - xBar) ** 2;
    sxy += (x - xBar) * (v - rate);
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  let slopeT: number | null = null;
  if (m >= 4 && rate > 0) {
    const ssr = y.reduce((a, v, x) => a + (v - rate - slope * (x - xBar)) ** 2, 0);
    slopeT = slope / Math.sqrt(Math.max(ssr / (m - 2), rate) / sxx);
  }
  return {
    start: periods[0]!.period,
    end: periods.at(-1)!.period,
    periods: m,
    n: y.reduce((a, b) => a + b, 0),
    rate,
    ci95: ci95!,
    slope,
    slope_t: slopeT,
  };
}

/** Applies the labelling rules of `regimes` with reference level `ref`. */
export function labelSegments(segments: readonly Unlabelled[], ref: number): RegimeSegment[] {
  return segments.map((s, i) => {
    let label: RegimeLabel;
    const prev = segments[i - 1];
    if (s.slope_t !== null && Math.abs(s.slope_t) >= TREND_T) {
      label = s.slope_t > 0 ? 'rising' : 'falling';
    } else if (s.rate <= ref / 2) label = 'quiet';
    else if (s.rate >= 1.5 * ref) label = 'high';
    else if (prev) label = s.rate > prev.rate ? 'rising' : 'falling';
    else label = s.rate >= ref ? 'high' : 'quiet';
    return { ...s, label };
  });
}

function summarize(segments: readonly RegimeSegment[], by: string): string {
  return segments
    .map((s, i) => {
      const rate = `${s.rate.toFixed(1)} per ${by}`;
      return i === segments.length - 1
        ? `${s.label} since ${s.start} (${rate})`
        : `${s.label} ${s.start}–${s.end} (${rate})`;
    })
    .join('; ');
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
