import { describe, expect, it } from 'vitest';
import {
  BacktestResultSchema,
  ConcentrationResultSchema,
  ForecastResultSchema,
  RiverResultSchema,
  TempoResultSchema,
  type BacktestResult,
  type ConcentrationResult,
  type ForecastResult,
  type RiverResult,
  type TempoResult,
} from '../model/index.js';
import {
  concentrationFinding,
  forecastFinding,
  formatWindow,
  riverFinding,
  tempoFinding,
  unitForecastFinding,
} from './findings.js';

const tempoResult: TempoResult = {
  analysis: 'tempo',
  filter: { actor: ['ISIS'], country: ['SYR'] },
  by: 'month',
  rolling_window: 3,
  window: { from: '2016-01-01', to: '2019-11-30' },
  n: 2083,
  periods: [],
  mean_per_period: 44.31,
  ci95: [38.96, 49.64],
  variance: 120,
};

const concentrationResult: ConcentrationResult = {
  analysis: 'concentration',
  filter: { country: ['SYR'] },
  level: 'admin1',
  window: { from: '2016-01-01', to: '2019-11-30' },
  n: 100,
  n_located: 100,
  n_unlocated: 0,
  universe: 'boundaries',
  units_total: 14,
  units_with_events: 5,
  units: [],
  top_k: { k: 3, units: ['Deir-ez-Zor', 'Ar-Raqqa', 'Aleppo'], share: 0.5816 },
  hhi: 0.2,
  hhi_normalized: 0.14,
  gini: 0.7,
  entropy_normalized: 0.6,
};

describe('tempoFinding', () => {
  it('states actor, count, place, window, mean and interval in one sentence', () => {
    expect(TempoResultSchema.parse(tempoResult)).toEqual(tempoResult);
    expect(tempoFinding(tempoResult)).toBe(
      'Islamic State: 2,083 events in Syria, Jan 2016–Nov 2019, mean 44.3 per month (95% CI 39.0–49.6)',
    );
  });

  it('leaves out the subject without an actor and says so when nothing matched', () => {
    expect(tempoFinding({ ...tempoResult, filter: { country: ['IRQ'] }, by: 'week' })).toBe(
      '2,083 events in Iraq, 1 Jan 2016–30 Nov 2019, mean 44.3 per week (95% CI 39.0–49.6)',
    );
    const empty = {
      ...tempoResult,
      n: 0,
      window: { from: null, to: null },
      mean_per_period: null,
      ci95: null,
    };
    expect(tempoFinding(empty)).toBe('Islamic State: no events in Syria');
  });
});

describe('concentrationFinding', () => {
  it('gives the top-k share and names the units', () => {
    expect(ConcentrationResultSchema.parse(concentrationResult)).toEqual(concentrationResult);
    expect(concentrationFinding(concentrationResult)).toBe(
      '58% in the top three governorates: Deir-ez-Zor, Ar-Raqqa, Aleppo',
    );
  });

  it('says how many events had no unit', () => {
    const r = { ...concentrationResult, n: 105, n_unlocated: 5 };
    expect(concentrationFinding(r)).toBe(
      '58% in the top three governorates: Deir-ez-Zor, Ar-Raqqa, Aleppo (of 100 events with a governorate; 5 without)',
    );
  });

  it('uses the singular for one unit and districts at admin2', () => {
    const r = {
      ...concentrationResult,
      level: 'admin2' as const,
      top_k: { k: 3, units: ['Mosul'], share: 1 },
    };
    expect(concentrationFinding(r)).toBe('100% in the top district: Mosul');
  });
});

describe('formatWindow', () => {
  it('collapses a one-month window', () => {
    expect(formatWindow({ from: '2020-03-01', to: '2020-03-31' })).toBe('Mar 2020');
  });
});

const forecastResult: ForecastResult = {
  analysis: 'forecast',
  filter: { actor: ['ISIS'], country: ['SYR'] },
  by: 'month',
  window: { from: '2019-01-01', to: '2019-06-30' },
  n: 180,
  dropped_partial: null,
  history: [28, 30, 32, 29, 31, 30].map((count, i) => ({ period: `2019-0${i + 1}`, count })),
  model: { method: 'holt-damped-log1p', alpha: 0.3, beta: 0, phi: 0.9, sigma: 0.2, n_fit: 6 },
  points: [{ period: '2019-07', h: 1, forecast: 30, lo80: 23.4, hi80: 38.2, lo95: 20, hi95: 43 }],
};

const backtestResult: BacktestResult = {
  analysis: 'backtest',
  filter: forecastResult.filter,
  by: 'month',
  window: forecastResult.window,
  origins: 12,
  dropped_partial: null,
  rows: [{ h: 1, n: 12, mae: 6.25, mae_naive: 7.04, coverage80: 10 / 12, coverage95: 1 }],
  points: [],
};

describe('forecastFinding', () => {
  it('gives the 80% interval for next month, the recent mean and the backtest', () => {
    expect(ForecastResultSchema.parse(forecastResult)).toEqual(forecastResult);
    expect(BacktestResultSchema.parse(backtestResult)).toEqual(backtestResult);
    expect(forecastFinding(forecastResult, backtestResult)).toBe(
      'Islamic State in Syria: expect 23–39 events in Jul 2019 (80% interval), in line with the last 6 months (mean 30.0); backtest MAE 6.3 over 12 months (naive 7.0), 10 of 12 inside the 80% interval',
    );
  });

  it('says "below" when the recent mean is above the interval, and leaves out an empty backtest', () => {
    const low = {
      ...forecastResult,
      points: [{ ...forecastResult.points[0]!, lo80: 5, hi80: 12.5 }],
    };
    const none = { ...backtestResult, rows: [{ ...backtestResult.rows[0]!, n: 0, mae: null }] };
    expect(forecastFinding(low, none)).toBe(
      'Islamic State in Syria: expect 5–13 events in Jul 2019 (80% interval), below the last 6 months (mean 30.0)',
    );
  });

  it('flags a model that did worse than repeating the last count in its backtest', () => {
    const worse = { ...backtestResult, rows: [{ ...backtestResult.rows[0]!, mae: 9.5 }] };
    expect(forecastFinding(forecastResult, worse)).toBe(
      'Islamic State in Syria: expect 23–39 events in Jul 2019 (80% interval), in line with the last 6 months (mean 30.0); backtest MAE 9.5 over 12 months (naive 7.0), 10 of 12 inside the 80% interval' +
        " — no better than repeating last month's count here: treat as low confidence",
    );
  });

  it('abstains with the reason when there is no model', () => {
    const short = { ...forecastResult, filter: {}, model: null, points: [] };
    expect(forecastFinding(short, null)).toBe('no forecast: 6 full months, at least 6 needed');
  });
});

describe('unitForecastFinding', () => {
  it('lists each governorate’s interval for the same month', () => {
    const unit = (name: string, lo: number, hi: number) => ({
      unit: name,
      n: 100,
      result: { ...forecastResult, points: [{ ...forecastResult.points[0]!, lo80: lo, hi80: hi }] },
    });
    expect(unitForecastFinding([unit('Deir-ez-Zor', 10.2, 18.7), unit('Homs', 0, 2.1)])).toBe(
      'Forecast for Jul 2019 by governorate (80% interval): Deir-ez-Zor 10–19, Homs 0–3',
    );
  });
});

describe('riverFinding', () => {
  const summary = (river: string, within25: number, left: number, right: number) => ({
    river,
    mean_km: 30,
    median_km: 20,
    within: { '10': within25 / 2, '25': within25, '50': within25 },
    left_bank: left,
    right_bank: right,
    near_band_km: 25,
    left_bank_near: left,
    right_bank_near: right,
  });
  const result: RiverResult = {
    analysis: 'rivers',
    filter: { country: ['SYR'] },
    window: { from: '2016-01-01', to: '2019-11-30' },
    n: 6200,
    n_used: 6146,
    n_excluded: 54,
    excluded: { no_coordinates: 0, precision_unknown: 0, precision_too_coarse: 54 },
    options: { maxGeoPrecision: 2, bandsKm: [10, 25, 50] },
    source: 'test',
    rivers: [summary('Tigris', 0.031, 10, 5), summary('Euphrates', 0.414, 1476, 1068)],
    within_any: { '10': 0.2, '25': 0.44, '50': 0.6 },
  };

  it('leads with the nearer river and splits its band by bank', () => {
    expect(RiverResultSchema.parse(result)).toEqual(result);
    expect(riverFinding(result)).toBe(
      '41% of 6,146 located events lie within 25 km of the Euphrates: 58% of those on the left (east) bank, 42% on the right (west); 3% within 25 km of the Tigris',
    );
  });

  it('says when no event could be measured', () => {
    expect(riverFinding({ ...result, n_used: 0 })).toBe(
      'no located events to measure distances to rivers from',
    );
  });
});
