/**
 * Real data: the bundled UCDP GED Syria 2016–2019 file, Islamic State as either party.
 * Tempo and concentration are cross-checked against plain GROUP BY queries written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../ingest/importer.js';
import { ConcentrationResultSchema, TempoResultSchema, type EventFilter } from '../model/index.js';
import { Store } from '../store/index.js';
import { concentration } from './concentration.js';
import { concentrationFinding, tempoFinding } from './findings.js';
import { tempo } from './tempo.js';

const FILE = 'data/events/ucdp_ged_syria_2016_2019.csv.gz';
const IS_SYRIA: EventFilter = {
  actor: ['Islamic State'],
  country: ['SYR'],
  from: '2016-01',
  to: '2019-11',
};
const IS_WHERE = `(actor1 = 'Islamic State' OR actor2 = 'Islamic State') AND country = 'SYR'`;

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
  await importFile(store, FILE);
});
afterAll(() => store.close());

describe('Islamic State in Syria, UCDP GED 2016–2019', () => {
  it('has 47 months from Jan 2016 to Nov 2019 whose counts match a plain GROUP BY', async () => {
    const r = await tempo(store, IS_SYRIA, { groupBy: 'admin1' });
    expect(TempoResultSchema.parse(r)).toEqual(r);
    expect(r.groups!.reduce((a, g) => a + g.n, 0)).toBe(r.n);
    expect(r.periods).toHaveLength(47);
    expect(r.periods[0]!.period).toBe('2016-01');
    expect(r.periods.at(-1)!.period).toBe('2019-11');

    const independent = await store.all<{ month: string; n: number }>(
      `SELECT strftime(date, '%Y-%m') AS month, count(*)::INTEGER AS n
       FROM events WHERE ${IS_WHERE} GROUP BY month`,
    );
    const byMonth = new Map(independent.map((row) => [row.month, row.n]));
    for (const p of r.periods) expect(p.count, p.period).toBe(byMonth.get(p.period) ?? 0);
    const total = independent.reduce((a, row) => a + row.n, 0);
    expect(r.n).toBe(total);
    expect(r.mean_per_period).toBeCloseTo(total / 47, 12);
    console.log(tempoFinding(r));
    console.log(
      `  n=${r.n} months=${r.periods.length} variance=${r.variance?.toFixed(1)} ` +
        `min=${Math.min(...r.periods.map((p) => p.count))} max=${Math.max(...r.periods.map((p) => p.count))}`,
    );
  });

  it('puts the same top three governorates first as a plain GROUP BY, with the same share', async () => {
    const r = await concentration(store, IS_SYRIA);
    expect(ConcentrationResultSchema.parse(r)).toEqual(r);
    const independent = await store.all<{ admin1: string | null; n: number }>(
      `SELECT admin1, count(*)::INTEGER AS n FROM events WHERE ${IS_WHERE}
       GROUP BY admin1 ORDER BY n DESC, admin1`,
    );
    const located = independent.filter((row) => row.admin1 !== null);
    const top3 = located.slice(0, 3);
    expect(r.top_k.units).toEqual(top3.map((row) => row.admin1));
    const nLocated = located.reduce((a, row) => a + row.n, 0);
    expect(r.n_located).toBe(nLocated);
    expect(r.n_unlocated).toBe(independent.find((row) => row.admin1 === null)?.n ?? 0);
    expect(r.top_k.share).toBeCloseTo(top3.reduce((a, row) => a + row.n, 0) / nLocated, 12);
    expect(r.universe).toBe('boundaries');
    expect(r.units_total).toBe(14);
    console.log(concentrationFinding(r));
    console.log(
      `  HHI=${r.hhi?.toFixed(3)} HHI*=${r.hhi_normalized?.toFixed(3)} Gini=${r.gini?.toFixed(3)} ` +
        `entropy*=${r.entropy_normalized?.toFixed(3)} units with events=${r.units_with_events}/${r.units_total}`,
    );
    console.log(
      r.units
        .map((u) => `  ${u.rank}. ${u.unit} ${u.count} (${(u.share * 100).toFixed(1)}%)`)
        .join('\n'),
    );
  });

  it('compares 2019 with 2018 over the same months', async () => {
    const r = await tempo(store, { ...IS_SYRIA, from: '2019-01', to: '2019-11' });
    const prev = await store.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM events
       WHERE ${IS_WHERE} AND date BETWEEN DATE '2018-01-01' AND DATE '2018-11-30'`,
    );
    expect(r.yoy?.n_previous).toBe(prev?.n);
    console.log(
      `${tempoFinding(r)}; Jan–Nov 2018: ${r.yoy?.n_previous} ` +
        `(${((r.yoy?.pct_change ?? 0) * 100).toFixed(0)}%)`,
    );
  });
});
