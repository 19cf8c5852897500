/**
 * Alerts: periods whose count is improbably high against the unit's own trailing baseline
 * (negative-binomial or Poisson upper tail), per governorate by default.
 */
import {
  AlertOptionsSchema,
  type Alert,
  type AlertOptions,
  type AlertResult,
  type AlertUnit,
  type EventFilter,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { countUpperTail } from './count-tail.js';
import { parseOptions } from './options.js';
import { tempo } from './tempo.js';

/**
 * Flags periods whose count exceeds its trailing baseline, per unit.
 *
 * - `by`: `'week' | 'month'`, default `'week'` (weeks start on Monday).
 * - `baselineWindow`: the W periods before the tested one, default 8. The first W periods of
 *   the window are not tested.
 * - `alpha`: flag when p < alpha, default 0.01. Per test, not corrected for the number of
 *   units × periods: expect about alpha × `tested` false alarms per unit.
 * - `groupBy`: the unit column (tempo's whitelist), default `'admin1'`; events without one
 *   form the unit null.
 *
 * Series are tempo's zero-filled groups. For each tested period with count x > 0: mean m and
 * sample variance v of the baseline; p = P(X ≥ x) for a negative binomial with mean m and size
 * m²/(v − m) (method of moments) when v > m, else Poisson(m). A baseline of all zeros is taken
 * as 0.5 events over the window (m = 0.5/W) so a first event is judged, not certain. Only
 * x > m can be flagged. The baseline is not cleaned of earlier alerts, so a lasting surge
 * stops alerting once it fills the window.
 *
 * @example await alerts(store, { country: ['SYR'] }, { by: 'month' })
 */
export async function alerts(
  store: Store,
  filter: EventFilter,
  options: AlertOptions = {},
): Promise<AlertResult> {
  const opts = parseOptions('alerts', AlertOptionsSchema, options);
  const by = opts.by ?? 'week';
  const w = opts.baselineWindow ?? 8;
  const alpha = opts.alpha ?? 0.01;
  const groupBy = opts.groupBy ?? 'admin1';
  const t = await tempo(store, filter, { by, groupBy });
  const units: AlertUnit[] = (t.groups ?? []).map((g) => {
    const found = seriesAlerts(g.periods, w, alpha);
    return {
      unit: g.key,
      n: g.n,
      tested: Math.max(0, g.periods.length - w),
      alerts: found.map((a) => ({ unit: g.key, ...a })),
    };
  });
  const all = units
    .flatMap((u) => u.alerts)
    .sort(
      (a, b) =>
        a.p - b.p ||
        b.count - a.count ||
        a.period.localeCompare(b.period) ||
        (a.unit ?? '').localeCompare(b.unit ?? ''),
    );
  return {
    analysis: 'alerts',
    filter,
    by,
    group_by: groupBy,
    baseline_window: w,
    alpha,
    window: t.window,
    n: t.n,
    units,
    alerts: all,
  };
}

/** The alerts of one series (see `alerts`), in period order. */
export function seriesAlerts(
  periods: readonly { period: string; count: number }[],
  baselineWindow: number,
  alpha: number,
): Omit<Alert, 'unit'>[] {
  const out: Omit<Alert, 'unit'>[] = [];
  for (let i = baselineWindow; i < periods.length; i++) {
    const { period, count } = periods[i]!;
    if (count === 0) continue;
    const base = periods.slice(i - baselineWindow, i).map((p) => p.count);
    const sum = base.reduce((a, b) => a + b, 0);
    const mean = Math.max(sum, 0.5) / baselineWindow;
    const variance =
      sum === 0 ? 0 : base.reduce((a, c) => a + (c - mean) ** 2, 0) / (baselineWindow - 1);
    if (count <= mean) continue;
    const { p, method } = countUpperTail(count, mean, variance);
    if (p < alpha) out.push({ period, count, expected: mean, variance, p, method });
  }
  return out;
}
