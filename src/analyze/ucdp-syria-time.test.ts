/**
 * Real data: regimes, alerts and the forecast backtest for the Islamic State in Syria on the
 * bundled UCDP GED 2016–2019 file. Prints the numbers for the issue note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../ingest/importer.js';
import {
  AlertResultSchema,
  BacktestResultSchema,
  RegimeResultSchema,
  type EventFilter,
} from '../model/index.js';
import { Store } from '../store/index.js';
import { alerts } from './alerts.js';
import { backtest, forecast } from './forecast.js';
import { regimeFinding } from './regime-finding.js';
import { regimes } from './regimes.js';

const FILE = 'data/events/ucdp_ged_syria_2016_2019.csv.gz';
const IS_SYRIA: EventFilter = { actor: ['Islamic State'], country: ['SYR'] };

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
  await importFile(store, FILE);
});
afterAll(() => store.close());

describe('Islamic State in Syria, UCDP GED 2016–2019: regimes and forecast', () => {
  it('finds phases covering all 47 months and ends in a lower phase than the peak', async () => {
    const r = await regimes(store, { ...IS_SYRIA, from: '2016-01', to: '2019-11' });
    expect(RegimeResultSchema.parse(r)).toEqual(r);
    expect(r.segments[0]!.start).toBe('2016-01');
    expect(r.current!.end).toBe('2019-11');
    expect(r.segments.reduce((a, s) => a + s.periods, 0)).toBe(47);
    expect(r.segments.reduce((a, s) => a + s.n, 0)).toBe(r.n);
    const peak = Math.max(...r.segments.map((s) => s.rate));
    expect(r.current!.rate).toBeLessThan(peak);
    console.log(
      `regimes (penalty ${r.penalty.toFixed(1)}, φ̂ ${r.dispersion?.toFixed(2)}, median ${r.median}):\n` +
        r.segments
          .map(
            (s) =>
              `  ${s.start}…${s.end} ${s.label.padEnd(7)} ${s.rate.toFixed(1)}/month ` +
              `(95% CI ${s.ci95[0].toFixed(1)}–${s.ci95[1].toFixed(1)}), slope t ${s.slope_t?.toFixed(2)}`,
          )
          .join('\n') +
        `\n  ${r.summary}\n  ${regimeFinding(r)}`,
    );
  });

  it('backtests the forecast over the last 12 months against a naive forecast', async () => {
    const b = await backtest(store, IS_SYRIA, { origins: 12, horizon: 3 });
    expect(BacktestResultSchema.parse(b)).toEqual(b);
    expect(b.rows.map((r) => r.n)).toEqual([12, 12, 12]);
    const f = await forecast(store, IS_SYRIA, { horizon: 6 });
    expect(f.points).toHaveLength(6);
    console.log(
      `backtest (dropped partial ${b.dropped_partial}):\n` +
        b.rows
          .map(
            (r) =>
              `  h=${r.h} n=${r.n} MAE ${r.mae!.toFixed(1)} naive ${r.mae_naive!.toFixed(1)} ` +
              `coverage80 ${r.coverage80!.toFixed(2)} coverage95 ${r.coverage95!.toFixed(2)}`,
          )
          .join('\n') +
        `\nforecast (α ${f.model!.alpha}, β ${f.model!.beta}, φ ${f.model!.phi}, σ ${f.model!.sigma.toFixed(3)}):\n` +
        f.points
          .map(
            (p) =>
              `  ${p.period} ${p.forecast.toFixed(1)} (80% ${p.lo80.toFixed(1)}–${p.hi80.toFixed(1)}, ` +
              `95% ${p.lo95.toFixed(1)}–${p.hi95.toFixed(1)})`,
          )
          .join('\n'),
    );
  });

  it('raises monthly alerts per governorate', async () => {
    const r = await alerts(store, IS_SYRIA, { by: 'month' });
    expect(AlertResultSchema.parse(r)).toEqual(r);
    expect(r.units.reduce((a, u) => a + u.n, 0)).toBe(r.n);
    console.log(
      `alerts (monthly, baseline 8, alpha 0.01): ${r.alerts.length}; top 5:\n` +
        r.alerts
          .slice(0, 5)
          .map(
            (a) =>
              `  ${a.unit} ${a.period}: ${a.count} vs ${a.expected.toFixed(1)} (p ${a.p.toExponential(1)}, ${a.method})`,
          )
          .join('\n'),
    );
  });
});
