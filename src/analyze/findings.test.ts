import { describe, expect, it } from 'vitest';
import {
  ConcentrationResultSchema,
  TempoResultSchema,
  type ConcentrationResult,
  type TempoResult,
} from '../model/index.js';
import { concentrationFinding, formatWindow, tempoFinding } from './findings.js';

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
