/**
 * The brief's mix-over-time and communications sections: counts from the store, shaped into
 * the brief's rows and drawn as stacked bar charts.
 */
import type { AnalysisWindow, EventFilter } from '../model/index.js';
import type { Store } from '../store/index.js';
import { commsVolume } from '../analyze/comms/volume.js';
import { countsByQuarter } from '../store/brief-queries.js';
import type { Communications, Figure, MixRow, QuarterMixRow } from './brief-types.js';
import { stackedSvg } from './stacked-chart.js';
import { periodLabel } from './tempo-chart.js';

const NOT_RECORDED = 'not recorded';
/** Sources drawn separately in the communications chart; the rest are summed as `(other)`. */
const MAX_SOURCES = 8;

/**
 * Attack types per quarter with each type's share of the quarter, and the chart (shares
 * stacked to 100%, types in the order of `overall`, the whole window's mix). No figure when
 * no event has an attack type.
 */
export async function attackMixSection(
  store: Store,
  filter: EventFilter,
  window: AnalysisWindow,
  overall: readonly MixRow[],
): Promise<{ rows: QuarterMixRow[]; figure: Figure | null }> {
  const counts = await countsByQuarter(store, filter, 'attack_type');
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.quarter, (totals.get(c.quarter) ?? 0) + c.n);
  const rows = counts.map((c) => ({ ...c, share: c.n / totals.get(c.quarter)! }));
  if (!window.from || !window.to || rows.every((r) => r.key === null))
    return { rows, figure: null };
  const svg = await stackedSvg(
    rows.map((r) => ({ x: quarterLabel(r.quarter), key: r.key ?? NOT_RECORDED, n: r.n })),
    {
      xs: quartersBetween(window.from, window.to).map(quarterLabel),
      keys: overall.map((m) => m.key ?? NOT_RECORDED),
      normalize: true,
      yTitle: 'share of events',
      legendTitle: 'attack type',
    },
  );
  return {
    rows,
    figure: {
      name: 'attack-mix',
      caption:
        'Share of each attack type among the events of each calendar quarter (first and last quarters may be partial)',
      svg,
    },
  };
}

/**
 * Stored documents published in `window`, per source and month (the comms volume analysis,
 * grouped by source), with a chart of monthly counts stacked by source from the first to the
 * last month with documents. Null when there are none. Documents carry no country or actor,
 * so this is everything stored for the window, not only documents about the filtered events.
 */
export async function communicationsSection(
  store: Store,
  window: AnalysisWindow,
): Promise<{ communications: Communications; figure: Figure } | null> {
  if (!window.from || !window.to) return null;
  const v = await commsVolume(
    store,
    { from: window.from, to: window.to },
    { by: 'month', groupBy: 'source', top: MAX_SOURCES },
  );
  if (v.n === 0) return null;
  const groups = (v.groups ?? []).map((g) => ({ ...g, key: g.key ?? 'unknown' }));
  const by_source = groups
    .map((g) => ({ source: g.key, n: g.n, share: g.n / v.n }))
    .sort((a, b) => b.n - a.n || a.source.localeCompare(b.source));
  const monthly = groups
    .flatMap((g) =>
      g.periods
        .filter((p) => p.count > 0)
        .map((p) => ({ month: p.period, source: g.key, n: p.count })),
    )
    .sort((a, b) => a.month.localeCompare(b.month) || a.source.localeCompare(b.source));
  const first = monthly[0]!.month;
  const last = monthly.at(-1)!.month;
  const svg = await stackedSvg(
    monthly.map((m) => ({ x: periodLabel(m.month), key: m.source, n: m.n })),
    {
      xs: monthsBetween(first, last).map(periodLabel),
      keys: by_source.map((s) => s.source),
      yTitle: 'documents per month',
      legendTitle: 'source',
    },
  );
  return {
    communications: { window, n: v.n, by_source, monthly },
    figure: {
      name: 'communications',
      caption: `Stored documents per month by source, ${periodLabel(first)}–${periodLabel(last)} (all documents in the window, not only those about the filtered events)`,
      svg,
    },
  };
}

/** "2019-Q1" → "Q1 2019". */
export function quarterLabel(q: string): string {
  const [y, k] = q.split('-');
  return `${k} ${y}`;
}

function quartersBetween(from: string, to: string): string[] {
  const index = (d: string) =>
    Number(d.slice(0, 4)) * 4 + Math.floor((Number(d.slice(5, 7)) - 1) / 3);
  const out: string[] = [];
  for (let i = index(from); i <= index(to); i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

function monthsBetween(from: string, to: string): string[] {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = index(from); i <= index(to); i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
