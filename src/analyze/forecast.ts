/**
 * Forecast: counts 1–6 periods ahead with 80% and 95% prediction intervals, and a
 * rolling-origin backtest of the same model against a naive last-value forecast — the way
 * ACLED publishes CAST's predicted-vs-actual.
 */
import {
  BacktestOptionsSchema,
  ForecastOptionsSchema,
  endOf,
  type AnalysisWindow,
  type BacktestOptions,
  type BacktestResult,
  type BacktestRow,
  type EventFilter,
  type ForecastModel,
  type ForecastOptions,
  type ForecastPoint,
  type ForecastResult,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { fitHolt, holtForecast } from './holt.js';
import { parseOptions } from './options.js';
import { tempo } from './tempo.js';

const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;
/** Fewest periods a model is fitted on. */
const MIN_FIT = 6;

type Period = 'week' | 'month';
type Counted = { period: string; count: number };

/**
 * Forecasts the count series of `tempo(store, filter, { by })`.
 *
 * - `horizon`: periods ahead, 1–6, default 6.
 * - `by`: `'week' | 'month'`, default `'month'`.
 *
 * **Model.** Damped-trend Holt smoothing (ETS(A,Ad,N), see `fitHolt`) on log(1 + count),
 * which keeps forecasts non-negative and makes the noise of counts ranging from 2 to 200
 * roughly even. The forecast is expm1 of the log-scale mean — the median count, the value that
 * minimises absolute error — and the intervals are expm1(mean ± z·sdₕ), Gaussian on the log
 * scale with the model's h-step variance, floored at 0. No seasonality: four years of monthly
 * data cannot pin twelve month effects.
 *
 * A last period cut short by the window's end (data up to 12 Nov make November partial) would
 * read as a collapse; it is left out of the fit and named in `dropped_partial`. Set the
 * filter's `to` to a period end to control this. Fewer than 6 full periods: no model, no points.
 *
 * @example await forecast(store, { actor: ['Islamic State'], country: ['SYR'] }, { horizon: 3 })
 */
export async function forecast(
  store: Store,
  filter: EventFilter,
  options: ForecastOptions = {},
): Promise<ForecastResult> {
  const opts = parseOptions('forecast', ForecastOptionsSchema, options);
  const by = opts.by ?? 'month';
  const horizon = opts.horizon ?? 6;
  const { window, n, history, dropped } = await fullPeriods(store, filter, by);
  const base = { analysis: 'forecast' as const, filter, by, window, n, dropped_partial: dropped };
  const counts = history.map((p) => p.count);
  if (counts.length < MIN_FIT) return { ...base, history, model: null, points: [] };
  const { model, points } = forecastCounts(counts, horizon);
  const last = history.at(-1)!.period;
  return {
    ...base,
    history,
    model,
    points: points.map((p) => ({ ...p, period: nextPeriod(last, by, p.h) })),
  };
}

/** One admin1 unit's forecast, as `forecastByAdmin1` returns it. */
export interface UnitForecast {
  /** The admin1 name, as the events spell it. */
  unit: string;
  /** Events of the unit in the window. */
  n: number;
  result: ForecastResult;
}

/**
 * Forecasts each of the `top` admin1 units with the most events (default 3) separately, over
 * the parent filter's window so that every unit forecasts the same periods. A unit is left out
 * when it has fewer than `minEvents` events (default 24: two a month over a year) or too few
 * full periods for a model; so the list may be shorter than `top`, or empty. Events without an
 * admin1 are never a unit. `horizon` and `by` as in `forecast`.
 *
 * @example await forecastByAdmin1(store, { country: ['SYR'] }, { top: 3, horizon: 1 })
 */
export async function forecastByAdmin1(
  store: Store,
  filter: EventFilter,
  options: ForecastOptions & { top?: number; minEvents?: number } = {},
): Promise<UnitForecast[]> {
  const { top = 3, minEvents = 24, ...rest } = options;
  if (!Number.isInteger(top) || top < 1) throw new RangeError(`forecast option top: ${top}`);
  const opts = parseOptions('forecast', ForecastOptionsSchema, rest);
  const t = await tempo(store, filter, { by: opts.by ?? 'month', groupBy: 'admin1' });
  const { from, to } = t.window;
  if (!from || !to) return [];
  const units = (t.groups ?? [])
    .filter((g): g is typeof g & { key: string } => g.key !== null && g.n >= minEvents)
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key))
    .slice(0, top);
  const out: UnitForecast[] = [];
  for (const g of units) {
    const result = await forecast(store, { ...filter, admin1: [g.key], from, to }, opts);
    if (result.model) out.push({ unit: g.key, n: g.n, result });
  }
  return out;
}

/**
 * Scores the model by rolling origin. For each h in 1…`horizon` (default 3) and each of the
 * last `origins` periods (default 12), fits on the periods up to h before the target and
 * forecasts it; `naive` is the last count the fit saw. Targets whose fit would have fewer than
 * 6 periods are skipped. Rows give MAE, the naive MAE and the share of actuals inside the
 * 80% / 95% intervals; `points` holds every forecast next to its actual.
 */
export async function backtest(
  store: Store,
  filter: EventFilter,
  options: BacktestOptions = {},
): Promise<BacktestResult> {
  const opts = parseOptions('backtest', BacktestOptionsSchema, options);
  const by = opts.by ?? 'month';
  const origins = opts.origins ?? 12;
  const horizon = opts.horizon ?? 3;
  const { window, history, dropped } = await fullPeriods(store, filter, by);
  const counts = history.map((p) => p.count);
  const points: BacktestResult['points'] = [];
  const rows: BacktestRow[] = [];
  for (let h = 1; h <= horizon; h++) {
    const scored: BacktestResult['points'] = [];
    for (let j = Math.max(0, counts.length - origins); j < counts.length; j++) {
      const train = counts.slice(0, j - h + 1);
      if (train.length < MIN_FIT) continue;
      const p = forecastCounts(train, h).points[h - 1]!;
      scored.push({ ...p, period: history[j]!.period, actual: counts[j]!, naive: train.at(-1)! });
    }
    points.push(...scored);
    rows.push(score(h, scored));
  }
  return {
    analysis: 'backtest',
    filter,
    by,
    window,
    origins,
    dropped_partial: dropped,
    rows,
    points,
  };
}

/** Fits the model to `counts` and forecasts 1…horizon steps (periods are left blank). */
export function forecastCounts(
  counts: readonly number[],
  horizon: number,
): { model: ForecastModel; points: ForecastPoint[] } {
  const fit = fitHolt(counts.map((c) => Math.log1p(c)));
  const back = (x: number) => Math.max(0, Math.expm1(x));
  return {
    model: {
      method: 'holt-damped-log1p',
      alpha: fit.alpha,
      beta: fit.beta,
      phi: fit.phi,
      sigma: fit.sigma,
      n_fit: counts.length,
    },
    points: holtForecast(fit, horizon).map(({ h, mean, sd }) => ({
      period: '',
      h,
      forecast: back(mean),
      lo80: back(mean - Z80 * sd),
      hi80: back(mean + Z80 * sd),
      lo95: back(mean - Z95 * sd),
      hi95: back(mean + Z95 * sd),
    })),
  };
}

function score(h: number, pts: BacktestResult['points']): BacktestRow {
  const k = pts.length;
  if (k === 0) return { h, n: 0, mae: null, mae_naive: null, coverage80: null, coverage95: null };
  const mean = (f: (p: BacktestResult['points'][number]) => number) =>
    pts.reduce((a, p) => a + f(p), 0) / k;
  return {
    h,
    n: k,
    mae: mean((p) => Math.abs(p.actual - p.forecast)),
    mae_naive: mean((p) => Math.abs(p.actual - p.naive)),
    coverage80: mean((p) => (p.actual >= p.lo80 && p.actual <= p.hi80 ? 1 : 0)),
    coverage95: mean((p) => (p.actual >= p.lo95 && p.actual <= p.hi95 ? 1 : 0)),
  };
}

/** The tempo series without a trailing partial period. */
async function fullPeriods(
  store: Store,
  filter: EventFilter,
  by: Period,
): Promise<{ window: AnalysisWindow; n: number; history: Counted[]; dropped: string | null }> {
  const t = await tempo(store, filter, { by });
  const history = t.periods.map(({ period, count }) => ({ period, count }));
  const last = history.at(-1);
  const partial = last && t.window.to !== null && periodEnd(last.period, by) > t.window.to;
  if (partial) history.pop();
  return {
    window: t.window,
    n: t.n,
    history,
    dropped: partial ? last.period : null,
  };
}

function periodEnd(period: string, by: Period): string {
  return by === 'month' ? endOf(period) : addDays(period, 6);
}

/** The label of the period `h` after `period`. */
export function nextPeriod(period: string, by: Period, h: number): string {
  if (by === 'week') return addDays(period, 7 * h);
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + h, 1));
  return d.toISOString().slice(0, 7);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
