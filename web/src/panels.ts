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
