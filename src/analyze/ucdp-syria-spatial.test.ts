/**
 * Real data: dispersion, hotspots and river distances of the Islamic State in Syria in the
 * bundled UCDP GED 2016–2019 file. Asserts what must hold on any honest run (counts add up,
 * the pattern is clustered, most events near the Euphrates) and prints the numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../ingest/importer.js';
import {
  DispersionResultSchema,
  HotspotResultSchema,
  RiverResultSchema,
  type EventFilter,
} from '../model/index.js';
import { Store } from '../store/index.js';
import { dispersion } from './dispersion.js';
import { hotspots } from './hotspots.js';
import { rivers } from './rivers.js';

const FILE = 'data/events/ucdp_ged_syria_2016_2019.csv.gz';
const IS_SYRIA: EventFilter = { actor: ['Islamic State'], country: ['SYR'] };
const f1 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
  await importFile(store, FILE);
});
afterAll(() => store.close());

describe('Islamic State in Syria, UCDP GED 2016–2019: where', () => {
  it('is strongly clustered (R far below 1) with the exclusions accounted for', async () => {
    const r = await dispersion(store, IS_SYRIA);
    expect(DispersionResultSchema.parse(r)).toEqual(r);
    const independent = await store.one<{ n: number; used: number }>(
      `SELECT count(*)::INTEGER AS n,
         count(*) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL AND geo_precision <= 2)::INTEGER AS used
       FROM events WHERE (actor1 = 'Islamic State' OR actor2 = 'Islamic State') AND country = 'SYR'`,
    );
    expect(r.n).toBe(independent!.n);
    expect(r.n_used).toBe(independent!.used);
    expect(r.n_used + r.n_excluded).toBe(r.n);
    expect(r.nearest_neighbour.index!).toBeLessThan(0.5);
    expect(r.nearest_neighbour.z!).toBeLessThan(-10);
    const nn = r.nearest_neighbour;
    console.log(
      `dispersion: n=${r.n} used=${r.n_used} excluded=${r.n_excluded} ${JSON.stringify(r.excluded)}\n` +
        `  study area ${r.study_area.countries.join('+')} (${r.study_area.source}) ${f1(r.study_area.area_km2)} km², ` +
        `${r.distinct_locations} distinct locations, ${nn.n_colocated} co-located events\n` +
        `  NNI R=${f3(nn.index)} z=${f1(nn.z)} mean NN ${f3(nn.mean_km)} km vs expected ${f3(nn.expected_km)} km\n` +
        `  over distinct locations: R=${f3(r.nearest_neighbour_locations.index)} z=${f1(r.nearest_neighbour_locations.z)} ` +
        `mean ${f3(r.nearest_neighbour_locations.mean_km)} km vs ${f3(r.nearest_neighbour_locations.expected_km)} km\n` +
        `  mean centre ${f3(r.mean_center!.lat)},${f3(r.mean_center!.lon)} standard distance ${f1(r.standard_distance_km)} km, ` +
        `ellipse ${f1(r.ellipse!.sigma_major_km)} × ${f1(r.ellipse!.sigma_minor_km)} km at ${f1(r.ellipse!.rotation_deg)}°\n` +
        `  DBSCAN eps=${r.options.epsKm} km minPoints=${r.options.minPoints}: ${r.dbscan.n_clusters} clusters, noise ${r.dbscan.noise}, ` +
        `largest ${pct(r.dbscan.share_largest)}, largest 3 ${pct(r.dbscan.share_largest3)}\n` +
        r.dbscan.clusters
          .slice(0, 5)
          .map(
            (c) => `    #${c.rank} ${c.size} events (${pct(c.share)}) at ${f3(c.lat)},${f3(c.lon)}`,
          )
          .join('\n'),
    );
  });

  it('has 99% hotspots after FDR', async () => {
    const r = await hotspots(store, IS_SYRIA);
    expect(HotspotResultSchema.parse(r)).toEqual(r);
    expect(r.cells.reduce((a, c) => a + c.count, 0)).toBe(r.n_used);
    expect(r.bins['3']).toBeGreaterThan(0);
    console.log(
      `hotspots (H3 res ${r.options.resolution}): ${r.cells_with_events} cells with events, ${r.cells_total} in study area, bins ${JSON.stringify(r.bins)}\n` +
        r.cells
          .slice(0, 5)
          .map(
            (c) =>
              `    ${c.h3} ${f3(c.lat)},${f3(c.lon)} count ${c.count} z ${f1(c.z)} bin ${c.bin}`,
          )
          .join('\n'),
    );
  });

  it('lies mostly near the Euphrates', async () => {
    const r = await rivers(store, IS_SYRIA);
    expect(RiverResultSchema.parse(r)).toEqual(r);
    const eu = r.rivers.find((x) => x.river === 'Euphrates')!;
    expect(eu.left_bank + eu.right_bank).toBe(r.n_used);
    expect(eu.within['25']!).toBeGreaterThan(0.5);
    expect(r.rivers.find((x) => x.river === 'Tigris')!.within['50']!).toBeLessThan(0.01); // the Tigris only touches Syria's north-east corner
    console.log(
      `rivers (${r.source}), n_used=${r.n_used}:\n` +
        r.rivers
          .map(
            (x) =>
              `  ${x.river}: mean ${f1(x.mean_km)} km, median ${f1(x.median_km)} km, within ` +
              Object.entries(x.within)
                .map(([b, s]) => `${b} km ${pct(s)}`)
                .join(', ') +
              `; left/east bank ${x.left_bank}, right/west bank ${x.right_bank}; ` +
              `within ${x.near_band_km} km: left ${x.left_bank_near}, right ${x.right_bank_near}`,
          )
          .join('\n') +
        `\n  either river within ${Object.entries(r.within_any)
          .map(([b, s]) => `${b} km ${pct(s)}`)
          .join(', ')}`,
    );
  });
});
