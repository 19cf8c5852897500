/** The side panels: key findings, tempo and concentration of the filtered events. */
import { byId, fmt, h, replace } from './dom.js';
import type { FilterState } from './filter.js';
import type { ConcentrationResult, TempoResult } from './types.js';

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;
const num = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? '—' : x.toFixed(digits);

function stats(host: HTMLElement, rows: [string, string][]): void {
  replace(host, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export function renderFindings(findings: string[]): void {
  replace(
    byId('findings'),
    ...(findings.length
      ? findings.map((f) => h('li', { dir: 'auto' }, f))
      : [h('li', { className: 'muted' }, 'No findings for this filter.')]),
  );
}

export function renderTempo(t: TempoResult): void {
  stats(byId('tempo'), [
    ['Events', fmt.format(t.n)],
    ['Window', `${t.window.from ?? '—'} – ${t.window.to ?? '—'}`],
    ['Mean per month', num(t.mean_per_period)],
    ['95% interval', t.ci95 ? `${num(t.ci95[0])} – ${num(t.ci95[1])}` : '—'],
    ['Variance', num(t.variance)],
    [
      'Year on year',
      t.yoy
        ? `${t.yoy.change >= 0 ? '+' : ''}${fmt.format(t.yoy.change)} (${pct(t.yoy.pct_change)})`
        : '—',
    ],
  ]);
}

/** Ranked governorates, each a button that filters to it; Arabic names beside English. */
export function renderConcentration(
  c: ConcentrationResult,
  state: FilterState,
  arabic: Map<string, string>,
): void {
  stats(byId('concentration-stats'), [
    [`Top ${c.top_k.k} share`, pct(c.top_k.share)],
    ['Gini', num(c.gini, 2)],
    ['HHI (normalised)', num(c.hhi_normalized, 2)],
    ['Without a governorate', fmt.format(c.n_unlocated)],
  ]);
  const units = c.units.filter((u) => u.count > 0).slice(0, 12);
  replace(
    byId('concentration'),
    ...units.map((u) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            className: 'unit',
            attrs: {
              type: 'button',
              'data-unit': u.unit,
              'aria-pressed': String(state.value.admin1 === u.unit),
            },
            on: {
              click: () =>
                state.set({ admin1: state.value.admin1 === u.unit ? undefined : u.unit }),
            },
          },
          h('span', { className: 'name' }, u.unit),
          arabic.get(u.unit)
            ? h(
                'span',
                { className: 'ar', dir: 'auto', attrs: { lang: 'ar' } },
                arabic.get(u.unit)!,
              )
            : null,
          h('span', { className: 'n' }, `${fmt.format(u.count)} · ${pct(u.share)}`),
        ),
      ),
    ),
  );
}

/** The slice of `/api/claims/summary` the panel shows. */
export interface ClaimsView {
  n_incidents: number;
  by_status: Record<'claimed_reported' | 'over_claimed' | 'unclaimed' | 'claim_only', number>;
  claimed_share: number | null;
  claim_lag: { n: number; median_days: number | null };
  casualty_inflation: { n: number; ratio: number | null };
  silent_provinces: { admin1: string }[];
}

export function renderClaims(c: ClaimsView): void {
  if (c.n_incidents === 0) {
    stats(byId('claims'), [['Incidents', 'none linked yet (run `sitrep link`)']]);
    return;
  }
  const s = c.by_status;
  stats(byId('claims'), [
    ['Incidents', fmt.format(c.n_incidents)],
    ['Claimed share of reported', pct(c.claimed_share)],
    ['Claimed and reported', fmt.format(s.claimed_reported + s.over_claimed)],
    ['Over-claimed', fmt.format(s.over_claimed)],
    ['Unclaimed', fmt.format(s.unclaimed)],
    ['Claim only', fmt.format(s.claim_only)],
    ['Median claim lag', c.claim_lag.n ? `${num(c.claim_lag.median_days)} days` : '—'],
    [
      'Casualty inflation',
      c.casualty_inflation.ratio === null ? '—' : `${num(c.casualty_inflation.ratio, 2)}×`,
    ],
    ['Silent provinces', c.silent_provinces.map((p) => p.admin1).join(', ') || '—'],
  ]);
}

/** The slice of `/api/comms/volume` the panel shows. */
export interface CommsView {
  n: number;
  periods: { period: string; count: number }[];
}

export function renderComms(v: CommsView): void {
  const busiest = [...v.periods].sort((a, b) => b.count - a.count)[0];
  const last = v.periods.at(-1);
  stats(byId('comms'), [
    ['Documents', fmt.format(v.n)],
    ['Busiest month', busiest ? `${busiest.period} (${fmt.format(busiest.count)})` : '—'],
    ['Latest month', last ? `${last.period} (${fmt.format(last.count)})` : '—'],
  ]);
}
