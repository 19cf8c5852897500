import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { ForecastResult, TempoResult } from '../model/index.js';
import { tempoSpec, tempoSvg, Y_HEADROOM } from './tempo-chart.js';

/** Six months whose busiest has 40 events; rolling means stay below it. */
const tempo: TempoResult = {
  analysis: 'tempo',
  filter: {},
  by: 'month',
  rolling_window: 3,
  window: { from: '2019-01-01', to: '2019-06-30' },
  n: 150,
  periods: [12, 20, 40, 31, 25, 22].map((count, i, all) => ({
    period: `2019-0${i + 1}`,
    count,
    rolling_mean: i < 2 ? null : (all[i - 2]! + all[i - 1]! + count) / 3,
  })),
  mean_per_period: 25,
  ci95: [18, 32],
  variance: 90,
};

const forecast = (hi80: number[]): ForecastResult => ({
  analysis: 'forecast',
  filter: {},
  by: 'month',
  window: tempo.window,
  n: 150,
  dropped_partial: null,
  history: tempo.periods.map(({ period, count }) => ({ period, count })),
  model: null,
  points: hi80.map((hi, i) => ({
    period: `2019-0${7 + i}`,
    h: i + 1,
    forecast: 24,
    lo80: 14,
    hi80: hi,
    lo95: 10,
    hi95: hi * 1.5,
  })),
});

/** The y scale's domain once Vega has run the chart. */
async function yDomain(f: ForecastResult): Promise<number[]> {
  const view = new vega.View(vega.parse(compile(tempoSpec(tempo, null, f)).spec), {
    renderer: 'none',
  });
  try {
    await view.runAsync();
    return view.scale('y').domain() as number[];
  } finally {
    view.finalize();
  }
}

describe('tempo chart y axis', () => {
  it('is set by the observed series, not by an extreme forecast upper bound', async () => {
    // A log-scale model's 80% bound of 5,000 against a busiest month of 40.
    expect(await yDomain(forecast([30, 5000]))).toEqual([0, 40 * Y_HEADROOM]);
  });

  it('cuts whiskers at the top, marks them and says in the chart that they are clipped', async () => {
    const spec = tempoSpec(tempo, null, forecast([30, 5000])) as { layer: { data: unknown }[] };
    const rule = spec.layer.find(
      (l) => (l as { mark?: { type?: string } }).mark?.type === 'rule',
    ) as { data: { values: { hi80: number }[] } };
    expect(rule.data.values.map((p) => p.hi80)).toEqual([30, 50]);
    const svg = await tempoSvg(tempo, null, forecast([30, 5000]));
    expect(svg).toContain('80% interval clipped: upper bound up to 5,000');
    const marker = spec.layer.find(
      (l) => (l as { mark?: { shape?: string } }).mark?.shape === 'triangle-up',
    ) as { data: { values: { i: number; top: number }[] } };
    // Only the clipped whisker (period index 7: Aug 2019) gets the marker, at the axis top.
    expect(marker.data.values).toEqual([{ i: 7, top: 50 }]);
  });

  it('draws intervals that fit whole, with no clipped label', async () => {
    expect(await yDomain(forecast([30, 45]))).toEqual([0, 50]);
    const svg = await tempoSvg(tempo, null, forecast([30, 45]));
    expect(svg).not.toContain('clipped');
  });
});
