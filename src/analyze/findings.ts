/**
 * Key findings: one short numeric sentence per analysis result, the shape briefs and the
 * dashboard quote ("Islamic State: 2,083 events in Syria, Jan 2016–Nov 2019, mean 44.3 per
 * month (95% CI 39.0–49.6)"). Sentences use only what the result carries.
 */
import {
  COUNTRIES,
  canonicalActor,
  type AnalysisWindow,
  type BacktestResult,
  type ConcentrationResult,
  type EventFilter,
  type ForecastResult,
  type RiverResult,
  type TempoResult,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { concentration } from './concentration.js';
import { backtest, forecast, forecastByAdmin1, type UnitForecast } from './forecast.js';
import { regimeFinding } from './regime-finding.js';
import { regimes } from './regimes.js';
import { tempo } from './tempo.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];

/** Rolling-origin targets scored for the forecast finding: the last year of months. */
export const FINDING_BACKTEST_ORIGINS = 12;
/** Governorates forecast separately in the findings. */
export const FINDING_FORECAST_UNITS = 3;

/**
 * The key findings for a filter, in reading order: tempo with its interval, where the events
 * concentrate, the phase the series is in now, the next month's forecast with its backtest,
 * and (with two or more governorates to forecast) the next month per governorate. Shared by
 * the CLI, the API, `sitrep demo` and briefs.
 */
export async function keyFindings(store: Store, filter: EventFilter): Promise<string[]> {
  const t = await tempo(store, filter);
  if (t.n === 0) return ['no events match this filter'];
  const c = await concentration(store, filter);
  const r = await regimes(store, filter);
  return [
    tempoFinding(t),
    concentrationFinding(c),
    regimeFinding(r),
    ...(await forecastFindings(store, filter)),
  ];
}

/**
 * The forecast sentences for a filter: next month overall with its backtest, then per
 * governorate when at least two have enough data (see `forecastByAdmin1`).
 */
export async function forecastFindings(store: Store, filter: EventFilter): Promise<string[]> {
  const f = await forecast(store, filter, { horizon: 1 });
  const b = await backtest(store, filter, { horizon: 1, origins: FINDING_BACKTEST_ORIGINS });
  const out = [forecastFinding(f, b)];
  if (!f.model || filter.admin1?.length === 1) return out;
  const units = await forecastByAdmin1(store, filter, {
    horizon: 1,
    top: FINDING_FORECAST_UNITS,
  });
  if (units.length >= 2) out.push(unitForecastFinding(units));
  return out;
}

/** Months of history the forecast is set against ("in line with the last 6 months"). */
const RECENT = 6;

/**
 * "Islamic State in Syria: expect 24–41 events in Dec 2019 (80% interval), in line with the
 * last 6 months (mean 31.5); backtest MAE 6.3 over 12 months (naive 7.0), 10 of 12 inside the
 * 80% interval". The comparison says "above" or "below" only when the recent mean lies outside
 * the 80% interval. The backtest clause uses the h = 1 row of `b`, when it scored anything,
 * and flags a model that did worse than the naive last-value forecast.
 */
export function forecastFinding(f: ForecastResult, b: BacktestResult | null): string {
  // Without an actor the place alone leads ("Iraq: expect …", not " in Iraq: expect …").
  const who = `${subject(f.filter).replace(/: $/, '')}${place(f.filter)}`.replace(/^ in /, '');
  const head = who ? `${who}: ` : '';
  const p = f.points[0];
  if (!f.model || !p) {
    return `${head}no forecast: ${f.history.length} full ${f.by}s, at least 6 needed`;
  }
  const recent = f.history.slice(-RECENT);
  const mean = recent.reduce((a, h) => a + h.count, 0) / recent.length;
  const vs = mean < p.lo80 ? 'above' : mean > p.hi80 ? 'below' : 'in line with';
  let text =
    `${head}${head ? 'expect' : 'Expect'} ${range(p.lo80, p.hi80)} events in ${periodName(p.period)} (80% interval), ` +
    `${vs} the last ${recent.length} ${f.by}s (mean ${fixed(mean)})`;
  const row = b?.rows.find((r) => r.h === 1);
  if (row && row.n > 0 && row.mae !== null) {
    const inside = Math.round((row.coverage80 ?? 0) * row.n);
    text +=
      `; backtest MAE ${fixed(row.mae)} over ${row.n} ${b!.by}s` +
      `${row.mae_naive === null ? '' : ` (naive ${fixed(row.mae_naive)})`}, ` +
      `${inside} of ${row.n} inside the 80% interval`;
    // A model that lost to "same as last month" in its own backtest should say so where the
    // number is read, not leave the analyst to compare two MAEs.
    if (row.mae_naive !== null && row.mae > row.mae_naive) {
      text += ` — no better than repeating last ${b!.by}'s count here: treat as low confidence`;
    }
  }
  return text;
}

/** "Next month by governorate (80% interval): Deir-ez-Zor 10–19, Ar-Raqqa 3–8, Aleppo 1–4". */
export function unitForecastFinding(units: readonly UnitForecast[]): string {
  const parts = units.map(({ unit, result }) => {
    const p = result.points[0]!;
    return `${unit} ${range(p.lo80, p.hi80)}`;
  });
  const p0 = units[0]?.result.points[0];
  const when = p0 ? periodName(p0.period) : 'the next period';
  return `Forecast for ${when} by governorate (80% interval): ${parts.join(', ')}`;
}

/** Rivers whose bank names are known: both flow south-east, so left is east and right west. */
const SOUTH_EAST_FLOWING = new Set(['Euphrates', 'Tigris']);

/**
 * "41% of 6,146 located events lie within 25 km of the Euphrates: 58% of those on the left
 * (east) bank, 42% on the right (west); 3% within 25 km of the Tigris". The river with the
 * larger share within the middle band leads; bank shares are of the events within that band.
 */
export function riverFinding(r: RiverResult): string {
  const lead = [...r.rivers].sort(
    (a, b) => (b.within[String(b.near_band_km)] ?? 0) - (a.within[String(a.near_band_km)] ?? 0),
  );
  const first = lead[0];
  if (r.n_used === 0 || !first) return 'no located events to measure distances to rivers from';
  const band = first.near_band_km;
  const share = first.within[String(band)] ?? 0;
  let text =
    `${Math.round(share * 100)}% of ${int(r.n_used)} located events lie within ${band} km of ` +
    `the ${first.river}`;
  const near = first.left_bank_near + first.right_bank_near;
  if (near > 0) {
    const known = SOUTH_EAST_FLOWING.has(first.river);
    const left = Math.round((first.left_bank_near / near) * 100);
    text +=
      `: ${left}% of those on the left${known ? ' (east)' : ''} bank, ` +
      `${100 - left}% on the right${known ? ' (west)' : ''}`;
  }
  for (const other of lead.slice(1)) {
    const w = other.within[String(other.near_band_km)] ?? 0;
    text += `; ${Math.round(w * 100)}% within ${other.near_band_km} km of the ${other.river}`;
  }
  return text;
}

/** Whole-number interval of a count: floor of the lower bound, ceiling of the upper. */
function range(lo: number, hi: number): string {
  const [a, b] = [Math.floor(lo), Math.ceil(hi)];
  return a === b ? String(a) : `${int(a)}–${int(b)}`;
}

/** "2019-12" → "Dec 2019"; a week's first day → "the week of 2 Dec 2019". */
function periodName(period: string): string {
  const [y, m, d] = period.split('-').map(Number) as [number, number, number | undefined];
  return d === undefined ? `${MONTHS[m - 1]} ${y}` : `the week of ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "Islamic State: 2,083 events in Syria, Jan 2016–Nov 2019, mean 44.3 per month (95% CI 39.0–49.6)". */
export function tempoFinding(r: TempoResult): string {
  const head = `${subject(r.filter)}${count(r.n)}${place(r.filter)}`;
  const when = formatWindow(r.window, r.by === 'month');
  if (r.mean_per_period === null || r.ci95 === null) return when ? `${head}, ${when}` : head;
  const [lo, hi] = r.ci95;
  return (
    `${head}, ${when}, mean ${fixed(r.mean_per_period)} per ${r.by} ` +
    `(95% CI ${fixed(lo)}–${fixed(hi)})`
  );
}

/** "58% in the top three governorates: Deir-ez-Zor, Ar-Raqqa, Aleppo". */
export function concentrationFinding(r: ConcentrationResult): string {
  const noun = r.level === 'admin1' ? 'governorate' : 'district';
  const named = r.top_k.units;
  if (named.length === 0) return `${subject(r.filter)}no events with a ${noun}`;
  const pct = `${Math.round(r.top_k.share * 100)}%`;
  const top =
    named.length === 1 ? `the top ${noun}` : `the top ${numberWord(named.length)} ${noun}s`;
  const note =
    r.n_unlocated > 0
      ? ` (of ${int(r.n_located)} events with a ${noun}; ${int(r.n_unlocated)} without)`
      : '';
  return `${pct} in ${top}: ${named.join(', ')}${note}`;
}

function subject(filter: EventFilter): string {
  if (!filter.actor?.length) return '';
  return `${filter.actor.map((a) => canonicalActor(a) ?? a).join(' and ')}: `;
}

function place(filter: EventFilter): string {
  const names = filter.admin1?.length
    ? filter.admin1
    : (filter.country ?? []).map((c) => COUNTRIES.find((k) => k.iso3 === c)?.names[0] ?? c);
  return names.length ? ` in ${names.join(' and ')}` : '';
}

function count(n: number): string {
  return n === 0 ? 'no events' : n === 1 ? '1 event' : `${int(n)} events`;
}

/** "Jan 2016–Nov 2019" (months) or "3 Jan 2016–30 Nov 2019" (days); '' when unknown. */
export function formatWindow(w: AnalysisWindow, months = true): string {
  if (!w.from || !w.to) return '';
  const fmt = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return months ? `${MONTHS[m - 1]} ${y}` : `${day} ${MONTHS[m - 1]} ${y}`;
  };
  const [a, b] = [fmt(w.from), fmt(w.to)];
  return a === b ? a : `${a}–${b}`;
}

function numberWord(k: number): string {
  return NUMBER_WORDS[k] ?? String(k);
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

function fixed(x: number): string {
  return x.toFixed(1);
}
