/** `sitrep analyze dispersion|hotspots|rivers [filters] [--json]` */
import type { Command } from 'commander';
import { dispersion, hotspots, rivers } from '../analyze/index.js';
import type { SpatialExclusions } from '../model/index.js';
import { withStore, type DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from './filter-options.js';
import { positiveInt } from './parse.js';
import { renderTable, thousands } from './table.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f1 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

interface SpatialFlags extends FilterFlags {
  maxGeoPrecision: string;
  json?: boolean;
}

function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${flag}: "${value}" is not a positive number`);
  return n;
}

function geoPrecision(value: string): number {
  const n = Number(value);
  if (![1, 2, 3].includes(n))
    throw new UsageError(`--max-geo-precision: "${value}" is not 1, 2 or 3`);
  return n;
}

function excludedLine(r: {
  n: number;
  n_used: number;
  n_excluded: number;
  excluded: SpatialExclusions;
}): string {
  const e = r.excluded;
  return (
    `${thousands(r.n_used)} of ${thousands(r.n)} events used; excluded ${thousands(r.n_excluded)} ` +
    `(no coordinates ${thousands(e.no_coordinates)}, precision unknown ${thousands(e.precision_unknown)}, ` +
    `precision too coarse ${thousands(e.precision_too_coarse)})`
  );
}

function spatialCommand(analyze: Command, name: string, description: string): Command {
  return addFilterOptions(
    analyze
      .command(name)
      .description(description)
      .option('--max-geo-precision <1-3>', 'keep events with geo_precision at most this', '2')
      .option('--json', 'print the result object as JSON'),
  );
}

/** Adds `dispersion`, `hotspots` and `rivers` to an existing `analyze` command. */
export function registerSpatialAnalyses(analyze: Command): void {
  spatialCommand(
    analyze,
    'dispersion',
    'nearest-neighbour index, standard distance, ellipse, DBSCAN',
  )
    .option('--eps <km>', 'DBSCAN radius in km', '10')
    .option('--min-points <n>', 'DBSCAN core-point threshold', '5')
    .action(async (flags: SpatialFlags & { eps: string; minPoints: string }, cmd: Command) => {
      const filter = filterFromFlags(flags);
      const options = {
        maxGeoPrecision: geoPrecision(flags.maxGeoPrecision),
        epsKm: positiveNumber(flags.eps, 'eps'),
        minPoints: positiveInt(flags.minPoints, 'min-points'),
      };
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await dispersion(store, filter, options);
        if (flags.json) return void console.log(JSON.stringify(r));
        const nn = r.nearest_neighbour;
        console.log(excludedLine(r));
        console.log(
          `study area: ${r.study_area.countries.join('+') || 'none'} (${r.study_area.source}), ` +
            (r.study_area.area_km2 === null
              ? `no area: ${r.study_area.reason}`
              : `${thousands(Math.round(r.study_area.area_km2))} km²`),
        );
        console.log(
          `nearest-neighbour index R ${f3(nn.index)} (z ${f1(nn.z)}): mean ${f3(nn.mean_km)} km vs ` +
            `${f3(nn.expected_km)} km if random; ${thousands(nn.n_colocated)} co-located events, ` +
            `${thousands(r.distinct_locations)} distinct locations`,
        );
        const loc = r.nearest_neighbour_locations;
        console.log(
          `over ${thousands(loc.m)} distinct locations: R ${f3(loc.index)} (z ${f1(loc.z)}), ` +
            `mean ${f3(loc.mean_km)} km vs ${f3(loc.expected_km)} km`,
        );
        console.log(
          `standard distance ${f1(r.standard_distance_km)} km; ellipse ` +
            (r.ellipse
              ? `${f1(r.ellipse.sigma_major_km)} × ${f1(r.ellipse.sigma_minor_km)} km, major axis ${f1(r.ellipse.rotation_deg)}° from north`
              : 'n/a'),
        );
        console.log(
          `DBSCAN (eps ${r.options.epsKm} km, min ${r.options.minPoints}): ${r.dbscan.n_clusters} clusters, ` +
            `noise ${thousands(r.dbscan.noise)}, largest ${pct(r.dbscan.share_largest)}, ` +
            `largest 3 ${pct(r.dbscan.share_largest3)}\n`,
        );
        console.log(
          renderTable(
            r.dbscan.clusters.slice(0, 20).map((c) => ({
              ...c,
              lat: c.lat.toFixed(3),
              lon: c.lon.toFixed(3),
              share: pct(c.share),
            })),
            ['rank', 'size', 'share', 'lat', 'lon'],
          ),
        );
      });
    });

  spatialCommand(analyze, 'hotspots', 'Getis-Ord Gi* on an H3 grid with FDR-corrected bins')
    .option('--resolution <0-10>', 'H3 resolution (5 ≈ 253 km² hexagons)', '5')
    .option('--fdr <q>', 'Benjamini-Hochberg false discovery rate', '0.05')
    .option('--all', 'list every cell, not only significant ones')
    .action(
      async (
        flags: SpatialFlags & { resolution: string; fdr: string; all?: boolean },
        cmd: Command,
      ) => {
        const filter = filterFromFlags(flags);
        const options = {
          maxGeoPrecision: geoPrecision(flags.maxGeoPrecision),
          resolution: positiveInt(flags.resolution, 'resolution', true),
          fdrQ: positiveNumber(flags.fdr, 'fdr'),
        };
        await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
          const r = await hotspots(store, filter, options);
          if (flags.json) return void console.log(JSON.stringify(r));
          console.log(excludedLine(r));
          console.log(
            `${thousands(r.cells_with_events)} cells with events, ${thousands(r.cells_total)} in the study area; ` +
              `bins ${Object.entries(r.bins)
                .filter(([, c]) => c > 0)
                .map(([b, c]) => `${b}: ${c}`)
                .join(', ')}\n`,
          );
          const rows = flags.all ? r.cells : r.cells.filter((c) => c.bin !== 0);
          console.log(
            renderTable(
              rows.map((c) => ({
                ...c,
                lat: c.lat.toFixed(3),
                lon: c.lon.toFixed(3),
                z: c.z.toFixed(2),
                p: c.p.toExponential(2),
                p_adjusted: c.p_adjusted.toExponential(2),
              })),
              ['h3', 'lat', 'lon', 'count', 'z', 'p', 'p_adjusted', 'bin'],
            ),
          );
        });
      },
    );

  spatialCommand(
    analyze,
    'rivers',
    'distance to the Euphrates and Tigris, bank side, shares within bands',
  )
    .option('--bands <km,...>', 'distance bands in km', '10,25,50')
    .action(async (flags: SpatialFlags & { bands: string }, cmd: Command) => {
      const filter = filterFromFlags(flags);
      const options = {
        maxGeoPrecision: geoPrecision(flags.maxGeoPrecision),
        bandsKm: flags.bands.split(',').map((b) => positiveNumber(b.trim(), 'bands')),
      };
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await rivers(store, filter, options);
        if (flags.json) return void console.log(JSON.stringify(r));
        console.log(excludedLine(r));
        console.log(`rivers: ${r.source}; left bank = east/north-east side facing downstream\n`);
        const bands = r.options.bandsKm.map(String);
        console.log(
          renderTable(
            r.rivers.map((x) => ({
              river: x.river,
              mean_km: f1(x.mean_km),
              median_km: f1(x.median_km),
              ...Object.fromEntries(bands.map((b) => [`≤${b} km`, pct(x.within[b] ?? 0)])),
              [`left ≤${x.near_band_km} km`]: x.left_bank_near,
              [`right ≤${x.near_band_km} km`]: x.right_bank_near,
            })),
            [
              'river',
              'mean_km',
              'median_km',
              ...bands.map((b) => `≤${b} km`),
              `left ≤${r.rivers[0]?.near_band_km ?? ''} km`,
              `right ≤${r.rivers[0]?.near_band_km ?? ''} km`,
            ],
          ),
        );
        console.log(
          `\neither river: ${bands.map((b) => `≤${b} km ${pct(r.within_any[b] ?? 0)}`).join(', ')}`,
        );
      });
    });
}
