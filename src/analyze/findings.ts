/**
 * Key findings: one short numeric sentence per analysis result, the shape briefs and the
 * dashboard quote ("Islamic State: 2,083 events in Syria, Jan 2016–Nov 2019, mean 44.3 per
 * month (95% CI 39.0–49.6)"). Sentences use only what the result carries.
 */
import {
  COUNTRIES,
  canonicalActor,
  type AnalysisWindow,
  type ConcentrationResult,
  type EventFilter,
  type TempoResult,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { concentration } from './concentration.js';
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

/**
 * The key findings for a filter, in reading order: tempo with its interval, where the events
 * concentrate, and the phase the series is in now. Shared by the CLI, `sitrep demo` and (later) briefs and the dashboard.
 */
export async function keyFindings(store: Store, filter: EventFilter): Promise<string[]> {
  const t = await tempo(store, filter);
  if (t.n === 0) return ['no events match this filter'];
  const c = await concentration(store, filter);
  const r = await regimes(store, filter);
  return [tempoFinding(t), concentrationFinding(c), regimeFinding(r)];
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
