/**
 * Tempo: events per day, week or month over a window, with empty periods as zeros, a trailing
 * rolling mean, the mean per period with a 95% interval, and a year-on-year comparison.
 */
import {
  TempoOptionsSchema,
  type EventFilter,
  type TempoGroup,
  type TempoGroupBy,
  type TempoOptions,
  type TempoPeriod,
  type TempoPoint,
  type TempoResult,
  type TempoYoy,
} from '../model/index.js';
import { countEvents, whereClause, type Params, type Store } from '../store/index.js';
import { resolveWindow, shiftYears } from './window.js';

/** Period → the DuckDB date part and the label format. Only these strings reach the SQL. */
const PERIOD_SQL: Record<TempoPeriod, { part: string; label: string }> = {
  day: { part: 'day', label: '%Y-%m-%d' },
  week: { part: 'week', label: '%Y-%m-%d' },
  month: { part: 'month', label: '%Y-%m' },
};

/** Whitelisted group columns, quoted; `claimed` becomes 'true'/'false'. */
const GROUP_SQL: Record<TempoGroupBy, string> = {
  country: 'e."country"',
  admin1: 'e."admin1"',
  admin2: 'e."admin2"',
  actor1: 'e."actor1"',
  attack_type: 'e."attack_type"',
  target_type: 'e."target_type"',
  origin: 'e."origin"',
  claimed: 'e."claimed"',
};

/** Two-sided 95% normal quantile. */
const Z95 = 1.959963984540054;

/**
 * Counts events matching `filter` per period.
 *
 * - `by`: `'day' | 'week' | 'month'`, default `'month'`. Weeks start on Monday. Periods are the
 *   calendar periods overlapping the window, so the first and last may be partial.
 * - `groupBy`: one of `country, admin1, admin2, actor1, attack_type, target_type, origin,
 *   claimed`; adds one zero-filled series per value (null values form their own group).
 * - `rollingWindow`: trailing rolling mean over this many periods, default 3; null until full.
 *
 * The window is the filter's from/to when given, else the first/last day of matching events.
 * Every period in it appears, empty ones with count 0 (a DuckDB `generate_series` joined to
 * the counts).
 *
 * **Interval.** `ci95` is the normal approximation mean ± 1.96·√(v/k) over the k period counts,
 * with v the sample variance of the counts but never below the mean (the Poisson variance).
 * Conflict counts are overdispersed, so a pure Poisson interval (v = mean) is too narrow; the
 * floor keeps an unusually even series from claiming more precision than Poisson allows. The
 * lower bound is clipped at 0; with one period, v = mean.
 *
 * **Year on year.** `yoy` compares n with the same window one year earlier, present only when
 * the matching events start on or before that earlier window's first day (so the data cover it).
 *
 * @example await tempo(store, { actor: ['Islamic State'], country: ['SYR'] })
 */
export async function tempo(
  store: Store,
  filter: EventFilter,
  options: TempoOptions = {},
): Promise<TempoResult> {
  const opts = parseOptions(options);
  const by = opts.by ?? 'month';
  const k = opts.rollingWindow ?? 3;
  const window = await resolveWindow(store, filter);
  const base = { analysis: 'tempo' as const, filter, by, rolling_window: k, window };
  if (window.from === null || window.to === null || window.from > window.to) {
    return { ...base, n: 0, periods: [], mean_per_period: null, ci95: null, variance: null };
  }
  const { part, label } = PERIOD_SQL[by];
  const w = whereClause(filter, 'e');
  const params = { ...w.params, wfrom: window.from, wto: window.to, k };
  const periodsCte = `periods AS (
      SELECT unnest(generate_series(
        date_trunc('${part}', $wfrom::DATE)::TIMESTAMP,
        date_trunc('${part}', $wto::DATE)::TIMESTAMP,
        INTERVAL 1 ${part}))::DATE AS p)`;
  const rolling = (partition: string) =>
    `CASE WHEN row_number() OVER (${partition} ORDER BY p) >= $k
       THEN avg(count) OVER (${partition} ORDER BY p ROWS BETWEEN ($k - 1) PRECEDING AND CURRENT ROW)
     END`;

  const periods = await store.all<TempoPoint>(
    `WITH ${periodsCte},
     counts AS (
       SELECT date_trunc('${part}', e.date)::DATE AS p, count(*) AS n FROM events e ${w.sql} GROUP BY 1),
     series AS (
       SELECT periods.p, coalesce(counts.n, 0)::INTEGER AS count
       FROM periods LEFT JOIN counts USING (p))
     SELECT strftime(p, '${label}') AS period, count, ${rolling('')}::DOUBLE AS rolling_mean
     FROM series ORDER BY p`,
    params,
  );

  const counts = periods.map((p) => p.count);
  const n = counts.reduce((a, b) => a + b, 0);
  const stats = meanWithInterval(counts);
  const result: TempoResult = { ...base, n, periods, ...stats };
  if (opts.groupBy) {
    result.group_by = opts.groupBy;
    result.groups = await groupSeries(
      store,
      opts.groupBy,
      periodsCte,
      part,
      label,
      rolling,
      w,
      params,
    );
  }
  const yoy = await yearOnYear(store, filter, window.from, window.to, n);
  if (yoy) result.yoy = yoy;
  return result;
}

function parseOptions(options: TempoOptions): TempoOptions {
  const parsed = TempoOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    const value = (options as Record<string, unknown>)[key];
    throw new RangeError(`tempo option ${key}: ${String(value)} (${issue.message})`);
  }
  return parsed.data;
}

/** Mean per period, its 95% interval and the sample variance (see `tempo`). */
export function meanWithInterval(
  counts: readonly number[],
): Pick<TempoResult, 'mean_per_period' | 'ci95' | 'variance'> {
  const k = counts.length;
  if (k === 0) return { mean_per_period: null, ci95: null, variance: null };
  const mean = counts.reduce((a, b) => a + b, 0) / k;
  const variance = k > 1 ? counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (k - 1) : null;
  const half = Z95 * Math.sqrt(Math.max(variance ?? mean, mean) / k);
  return { mean_per_period: mean, ci95: [Math.max(0, mean - half), mean + half], variance };
}

async function groupSeries(
  store: Store,
  groupBy: TempoGroupBy,
  periodsCte: string,
  part: string,
  label: string,
  rolling: (partition: string) => string,
  w: { sql: string },
  params: Params,
): Promise<TempoGroup[]> {
  const rows = await store.all<{ key: string | null; total: number } & TempoPoint>(
    `WITH ${periodsCte},
     counts AS (
       SELECT CAST(${GROUP_SQL[groupBy]} AS VARCHAR) AS key, date_trunc('${part}', e.date)::DATE AS p,
              count(*) AS n
       FROM events e ${w.sql} GROUP BY ALL),
     keys AS (SELECT key, sum(n)::INTEGER AS total FROM counts GROUP BY key),
     series AS (
       SELECT keys.key, keys.total, periods.p, coalesce(counts.n, 0)::INTEGER AS count
       FROM keys CROSS JOIN periods
       LEFT JOIN counts ON counts.p = periods.p AND counts.key IS NOT DISTINCT FROM keys.key)
     SELECT key, total, strftime(p, '${label}') AS period, count,
            ${rolling('PARTITION BY key')}::DOUBLE AS rolling_mean
     FROM series ORDER BY total DESC, key NULLS LAST, p`,
    params,
  );
  const groups: TempoGroup[] = [];
  for (const { key, total, period, count, rolling_mean } of rows) {
    let g = groups.at(-1);
    if (!g || g.key !== key) groups.push((g = { key, n: total, periods: [] }));
    g.periods.push({ period, count, rolling_mean });
  }
  return groups;
}

async function yearOnYear(
  store: Store,
  filter: EventFilter,
  from: string,
  to: string,
  n: number,
): Promise<TempoYoy | undefined> {
  const prev = { from: shiftYears(from, -1), to: shiftYears(to, -1) };
  const undated = { ...filter, from: undefined, to: undefined };
  const w = whereClause(undated, 'e');
  const first = await store.one<{ first: string | null }>(
    `SELECT strftime(min(e.date), '%Y-%m-%d') AS first FROM events e ${w.sql}`,
    w.params,
  );
  if (!first?.first || first.first > prev.from) return undefined;
  const n_previous = await countEvents(store, { ...undated, ...prev });
  return {
    window: prev,
    n_previous,
    change: n - n_previous,
    pct_change: n_previous > 0 ? (n - n_previous) / n_previous : null,
  };
}
