/**
 * Stacked bar charts for the brief (attack mix by quarter, documents per month by source), as
 * Vega-Lite specs rendered to SVG on the server like the tempo chart: no browser, byte-stable.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './tempo-chart.js';

/** Colour-blind-safe categorical palette (Okabe–Ito order, then greys for the long tail). */
const PALETTE = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#d55e00',
  '#cc79a7',
  '#56b4e9',
  '#f0e442',
  '#000000',
  '#888888',
  '#bbbbbb',
];

export interface StackedRow {
  /** The bar: a period label. */
  x: string;
  /** The stacked category. */
  key: string;
  n: number;
}

export interface StackedOptions {
  /** Bars in order, including periods without rows (drawn empty). */
  xs: readonly string[];
  /** Categories in stacking and legend order (largest first reads best). */
  keys: readonly string[];
  /** Stack to 100% (shares) instead of counts. */
  normalize?: boolean;
  yTitle: string;
  legendTitle: string;
}

/** The Vega-Lite spec (exported so tests can inspect it). */
export function stackedSpec(rows: readonly StackedRow[], o: StackedOptions): TopLevelSpec {
  const order = new Map(o.keys.map((k, i) => [k, i]));
  const values = rows.map((r) => ({ ...r, order: order.get(r.key) ?? o.keys.length }));
  const step = Math.max(1, Math.ceil(o.xs.length / 24));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 600,
    height: 200,
    config: CHART_CONFIG,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'x',
        type: 'ordinal',
        title: null,
        scale: { domain: [...o.xs] },
        axis: { labelAngle: -45, values: o.xs.filter((_, i) => i % step === 0) },
      },
      y: {
        field: 'n',
        type: 'quantitative',
        title: o.yTitle,
        stack: o.normalize ? 'normalize' : 'zero',
        ...(o.normalize ? { axis: { format: '%' } } : {}),
      },
      color: {
        field: 'key',
        type: 'nominal',
        title: o.legendTitle,
        scale: {
          domain: [...o.keys],
          range: o.keys.map((_, i) => PALETTE[Math.min(i, PALETTE.length - 1)]!),
        },
      },
      order: { field: 'order', type: 'quantitative' },
    },
  } as TopLevelSpec;
}

/** Renders the stacked chart to a standalone SVG document. */
export async function stackedSvg(rows: readonly StackedRow[], o: StackedOptions): Promise<string> {
  const view = new vega.View(vega.parse(compile(stackedSpec(rows, o)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
