/**
 * The monthly tempo chart: bars of counts, the rolling mean as a line, and the regimes as shaded
 * bands, as a Vega-Lite spec rendered to SVG on the server (no browser, no canvas: Vega's
 * headless renderer estimates text widths, so output is byte-stable for the same input).
 *
 * The x axis is the period index (quantitative), so bars, the line and the regime bands share
 * one scale; tick labels come from the period list.
 *
 * The y axis follows what was observed, not the forecast interval: an 80% upper bound of a
 * log-scale model can be several times the busiest month and would flatten every bar. Whiskers
 * past the top are cut there, marked with a triangle and labelled as clipped with their bound.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ForecastResult, RegimeLabel, RegimeResult, TempoResult } from '../model/index.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const REGIME_COLOURS: Record<RegimeLabel, string> = {
  quiet: '#e8eef5',
  rising: '#fdebd0',
  high: '#f9d5d3',
  falling: '#e3f1e1',
};

export const CHART_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: '#ffffff',
  view: { stroke: null },
  axis: { labelFontSize: 10, titleFontSize: 11, grid: false },
  legend: { labelFontSize: 10, titleFontSize: 11 },
};

/** Room above the highest observed bar, mean or forecast point, as a factor of it. */
export const Y_HEADROOM = 1.25;

/** "2019-03" → "Mar 2019"; day/week labels are kept as they are. */
export function periodLabel(p: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : p;
}

/**
 * The Vega-Lite spec of the tempo chart (exported so tests and a gallery can inspect it). With
 * `f`, its forecast points are drawn as open circles with their 80% interval, on the period
 * they forecast: after the last bar, or over a last bar that is a partial period.
 */
export function tempoSpec(
  t: TempoResult,
  r: RegimeResult | null,
  f: ForecastResult | null = null,
): TopLevelSpec {
  const labels = t.periods.map((p) => periodLabel(p.period));
  const index = new Map(t.periods.map((p, i) => [p.period, i]));
  const ahead = (f?.points ?? []).map((p) => {
    let i = index.get(p.period);
    if (i === undefined) {
      i = labels.push(periodLabel(p.period)) - 1;
      index.set(p.period, i);
    }
    return { i, forecast: p.forecast, lo80: p.lo80, hi80: p.hi80 };
  });
  const top = yTop(t, f);
  const whiskers = ahead.map((p) => ({ ...p, hi80: Math.min(p.hi80, top) }));
  const clipped = ahead.filter((p) => p.hi80 > top);
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    scale: { domain: [0, top], nice: false },
  });
  const bars = t.periods.map((p, i) => ({ i, x0: i - 0.4, x1: i + 0.4, count: p.count }));
  const line = t.periods.flatMap((p, i) =>
    p.rolling_mean === null ? [] : [{ i, mean: p.rolling_mean }],
  );
  const bands = (r?.segments ?? []).map((s) => ({
    x0: (index.get(s.start) ?? 0) - 0.5,
    x1: (index.get(s.end) ?? t.periods.length - 1) + 0.5,
    phase: s.label,
  }));
  const step = Math.max(1, Math.ceil(labels.length / 12));
  const ticks = labels.map((_, i) => i).filter((i) => i % step === 0);
  const x = {
    type: 'quantitative' as const,
    title: null,
    scale: { domain: [-0.5, Math.max(0.5, labels.length - 0.5)], nice: false, zero: false },
    axis: {
      values: ticks,
      labelExpr: `${JSON.stringify(labels)}[datum.value]`,
      labelAngle: -45,
    },
  };
  const phases = Object.keys(REGIME_COLOURS) as RegimeLabel[];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 640,
    height: 220,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: bands },
        mark: { type: 'rect', opacity: 1 },
        encoding: {
          x: { field: 'x0', ...x },
          x2: { field: 'x1' },
          color: {
            field: 'phase',
            type: 'nominal',
            title: 'phase',
            scale: { domain: phases, range: phases.map((p) => REGIME_COLOURS[p]) },
          },
        },
      },
      {
        data: { values: bars },
        mark: { type: 'rect', color: '#4a6fa5' },
        encoding: {
          x: { field: 'x0', ...x },
          x2: { field: 'x1' },
          y: { ...y('count'), title: `events per ${t.by}` },
        },
      },
      {
        data: { values: line },
        mark: { type: 'line', color: '#c0392b', strokeWidth: 2 },
        encoding: {
          x: { field: 'i', ...x },
          y: y('mean'),
        },
      },
      ...(ahead.length
        ? [
            {
              data: { values: whiskers },
              mark: { type: 'rule', color: '#333333', strokeWidth: 1.5 },
              encoding: {
                x: { field: 'i', ...x },
                y: y('lo80'),
                y2: { field: 'hi80' },
              },
            },
            {
              data: { values: ahead },
              mark: {
                type: 'point',
                shape: 'circle',
                filled: true,
                fill: '#ffffff',
                stroke: '#333333',
                size: 40,
              },
              encoding: {
                x: { field: 'i', ...x },
                y: y('forecast'),
              },
            },
          ]
        : []),
      ...(clipped.length ? clippedMarks(clipped, top, x, y) : []),
    ],
  } as TopLevelSpec;
}

/**
 * The top of the y axis: the highest bar, rolling mean or forecast point with Y_HEADROOM above
 * it (1 when all are 0). Interval bounds are left out on purpose.
 */
function yTop(t: TempoResult, f: ForecastResult | null): number {
  const observed = t.periods.flatMap((p) =>
    p.rolling_mean === null ? [p.count] : [p.count, p.rolling_mean],
  );
  const max = Math.max(0, ...observed, ...(f?.points ?? []).map((p) => p.forecast));
  return max > 0 ? max * Y_HEADROOM : 1;
}

/**
 * A triangle at the top of each clipped whisker and one label saying the interval is clipped
 * and how high it goes, so the cut never reads as the interval's end.
 */
function clippedMarks(
  clipped: { i: number; hi80: number }[],
  top: number,
  x: Record<string, unknown>,
  y: (field: string) => Record<string, unknown>,
): object[] {
  const hi = Math.max(...clipped.map((p) => p.hi80));
  const label = `80% interval clipped: upper bound up to ${Math.ceil(hi).toLocaleString('en-US')}`;
  return [
    {
      data: { values: clipped.map((p) => ({ i: p.i, top })) },
      mark: { type: 'point', shape: 'triangle-up', filled: true, color: '#333333', size: 50 },
      encoding: { x: { field: 'i', ...x }, y: y('top') },
    },
    {
      data: { values: [{ i: clipped[0]!.i, top, label }] },
      mark: {
        type: 'text',
        align: 'right',
        baseline: 'top',
        dx: -8,
        dy: 2,
        fontSize: 10,
        color: '#333333',
      },
      encoding: {
        x: { field: 'i', ...x },
        y: y('top'),
        text: { field: 'label' },
      },
    },
  ];
}

/** Renders the tempo chart to a standalone SVG document. */
export async function tempoSvg(
  t: TempoResult,
  r: RegimeResult | null,
  f: ForecastResult | null = null,
): Promise<string> {
  const view = new vega.View(vega.parse(compile(tempoSpec(t, r, f)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
