/**
 * `buildBrief`: the analytic brief for a filter, as a typed object. Every number in it comes from
 * an analysis result (tempo, concentration, regimes, dispersion) or a listing of the events
 * themselves (deadliest incidents, map points); nothing is computed twice or written by hand.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  bundledRivers,
  concentration,
  concentrationFinding,
  dispersion,
  forecast,
  formatWindow,
  regimeFinding,
  regimes,
  rivers,
  tempo,
  tempoFinding,
} from '../analyze/index.js';
import { forecastFindings, riverFinding } from '../analyze/findings.js';
import { defaultBoundaryDir, readBoundaryFile } from '../gazetteer/boundary-files.js';
import {
  COUNTRIES,
  canonicalActor,
  endOf,
  startOf,
  type ConcentrationResult,
  type EventFilter,
  type TempoResult,
} from '../model/index.js';
import { claimsSummary } from '../link/index.js';
import { countIncidents, type Store } from '../store/index.js';
import type { Brief, DataSource, Figure, MixRow } from './brief-types.js';
import { dispersionComparison } from './dispersion-finding.js';
import { scanEvents, type EventScan } from './event-scan.js';
import { mapSvg, type MapUnit } from './map-svg.js';
import { attackMixSection, communicationsSection } from './brief-sections.js';
import { BOUNDARY_SOURCE, RIVER_SOURCE, documentSource, eventSource } from './sources.js';
import { tempoSvg } from './tempo-chart.js';

export interface BriefOptions {
  /** ISO3 of a country to compare dispersion with; needs exactly one country in the filter. */
  compare?: string;
  /** Default: "<actors> in <countries>, <window>". */
  title?: string;
  /** The generation time written into the brief; default now. Pass it for reproducible output. */
  now?: Date;
  /** Boundary files directory; default the bundled data/boundaries. */
  boundaryDir?: string;
}

/** A malformed brief request (bad compare code, from after to). */
export class BriefError extends Error {
  override name = 'BriefError';
}

/**
 * Builds the brief for `filter`. A filter that matches no events (unknown country, empty
 * window) gives a brief whose `nothing_to_report` says so and which has no figures or tables.
 *
 * @example await buildBrief(store, { actor: ['Islamic State'], country: ['SYR'] }, { compare: 'IRQ' })
 */
export async function buildBrief(
  store: Store,
  filter: EventFilter,
  options: BriefOptions = {},
): Promise<Brief> {
  const compare = checkRequest(filter, options.compare);
  const generated_at = (options.now ?? new Date()).toISOString();
  const t = await tempo(store, filter);
  const title = options.title ?? defaultTitle(filter, t);
  const unknown = (filter.country ?? []).filter((c) => !COUNTRIES.some((k) => k.iso3 === c));
  const base = {
    title,
    generated_at,
    inputs: { filter, compare, window: t.window, n: t.n, sources: [] as string[] },
    judgments: [] as string[],
    figures: [] as Figure[],
    mix: { attack_type: [] as MixRow[], target_type: [] as MixRow[] },
    mix_over_time: [],
    communications: null,
    claims: null,
    incidents: [],
  };
  if (t.n === 0) {
    const reason = unknown.length
      ? `unknown country: ${unknown.join(', ')}`
      : 'no events match this filter';
    return {
      ...base,
      nothing_to_report: `Nothing to report: ${reason}.`,
      method: {
        data_sources: [],
        n_excluded: 0,
        excluded: { no_coordinates: 0, precision_unknown: 0, precision_too_coarse: 0 },
        n_unlocated: 0,
        notes: [],
      },
    };
  }

  const c = await concentration(store, filter);
  const r = await regimes(store, filter);
  const d = await dispersion(store, filter);
  const scan = await scanEvents(store, filter);
  const judgments = [tempoFinding(t), concentrationFinding(c), regimeFinding(r)];
  if (compare) {
    const other = await dispersion(store, { ...filter, country: [compare] });
    judgments.push(dispersionComparison(d, other));
  }
  judgments.push(...(await forecastFindings(store, filter)));
  judgments.push(riverFinding(await rivers(store, filter)));

  const f = await forecast(store, filter, { horizon: 3 });
  const ahead = f.points.length
    ? `; forecast for the next ${f.points.length} ${f.by}s (circles) with 80% intervals`
    : '';
  const figures: Figure[] = [
    {
      name: 'tempo',
      caption: `Events per ${t.by} (bars), ${t.rolling_window}-${t.by} rolling mean (line), phases shaded${ahead}`,
      svg: await tempoSvg(t, r, f),
    },
  ];
  const countries = filter.country ?? d.study_area.countries;
  const map = mapFigure(countries, c, scan, options.boundaryDir ?? defaultBoundaryDir());
  if (map) figures.push(map);

  const mixes = {
    attack_type: mix(await tempo(store, filter, { groupBy: 'attack_type' })),
    target_type: mix(await tempo(store, filter, { groupBy: 'target_type' })),
  };
  const attackMix = await attackMixSection(store, filter, t.window, mixes.attack_type);
  if (attackMix.figure) figures.push(attackMix.figure);
  const comms = await communicationsSection(store, t.window);
  if (comms) figures.push(comms.figure);

  // Claims vs attacks only when incidents are linked: without `sitrep link` every attack
  // would read as unclaimed.
  const linked = (await countIncidents(store)).incidents > 0;
  const claims = linked
    ? await claimsSummary(store, {
        ...filter,
        from: t.window.from ?? undefined,
        to: t.window.to ?? undefined,
      })
    : null;

  const data_sources: DataSource[] = scan.sources.map(eventSource);
  if (map) data_sources.push(BOUNDARY_SOURCE, RIVER_SOURCE);
  if (comms)
    data_sources.push(...comms.communications.by_source.map((s) => documentSource(s.source)));
  return {
    ...base,
    inputs: { ...base.inputs, sources: scan.sources },
    nothing_to_report: null,
    judgments,
    figures,
    mix: mixes,
    mix_over_time: attackMix.rows,
    communications: comms?.communications ?? null,
    claims: claims && claims.n_incidents > 0 ? claims : null,
    incidents: scan.incidents,
    method: {
      data_sources,
      n_excluded: d.n_excluded,
      excluded: d.excluded,
      n_unlocated: c.n_unlocated,
      notes: [
        `Spatial statistics and map points use ${d.n_used} of ${d.n} events: ${d.excluded.no_coordinates} without coordinates, ${d.excluded.precision_unknown} of unknown precision and ${d.excluded.precision_too_coarse} located more coarsely than precision ${d.options.maxGeoPrecision} were left out.`,
        `Governorate shares are of the ${c.n_located} events with a governorate; ${c.n_unlocated} had none.`,
        `The 95% interval of the mean per ${t.by} is a normal approximation with the variance of the ${t.by}ly counts, floored at the Poisson variance; a first or last ${t.by} cut by the window is partial.`,
        `Phases are change points in the ${r.by}ly counts (PELT, Poisson cost, penalty ${r.penalty.toFixed(1)}), labelled against the median ${r.by} (${r.median ?? 'n/a'} events).`,
        `Forecasts: damped-trend Holt smoothing on log(1 + monthly count), fitted on full months only (a month cut short by the window's end is left out); intervals are the model's 80% prediction intervals. The backtest refits at each of the last 12 months and scores the one-month-ahead forecast against the actual count and against a naive forecast (the previous month's count).`,
        'River distances are to the Natural Earth centre lines of the Euphrates and Tigris; banks are left or right facing downstream (east and west for these south-east-flowing rivers), counted among the events within the middle distance band, over the same located events as the spatial statistics.',
        `Dispersion: DBSCAN with a ${d.options.epsKm} km radius and ${d.options.minPoints} events per core; the nearest-neighbour index (Clark-Evans) over distinct locations counts each place once and has no edge correction.`,
        `Notable incidents are the deadliest events dated to the day or week; ${scan.vague_dates} events dated only to the month or vaguer (often period totals) were left out of that table.`,
        'Counts are events as the sources coded them; they reflect reporting as well as violence.',
      ],
    },
  };
}

function checkRequest(filter: EventFilter, compare: string | undefined): string | null {
  if (filter.from && filter.to && startOf(filter.from) > endOf(filter.to)) {
    throw new BriefError(`filter: from ${filter.from} is after to ${filter.to}`);
  }
  if (compare === undefined) return null;
  if (!/^[A-Z]{3}$/.test(compare)) throw new BriefError(`compare: ${compare} (expected ISO3)`);
  if (filter.country?.length !== 1) {
    throw new BriefError(`compare: ${compare} needs exactly one country in the filter`);
  }
  if (filter.country[0] === compare) {
    throw new BriefError(`compare: ${compare} is the filtered country`);
  }
  return compare;
}

function defaultTitle(filter: EventFilter, t: TempoResult): string {
  const actors = (filter.actor ?? []).map((a) => canonicalActor(a) ?? a);
  const places = (filter.admin1?.length ? filter.admin1 : (filter.country ?? [])).map(
    (c) => COUNTRIES.find((k) => k.iso3 === c)?.names[0] ?? c,
  );
  const who = actors.length ? actors.join(' and ') : 'Events';
  const where = places.length ? ` in ${places.join(' and ')}` : '';
  const when = formatWindow(t.window, true);
  return `${who}${where}${when ? `, ${when}` : ''}`;
}

function mix(t: TempoResult): MixRow[] {
  return (t.groups ?? [])
    .map((g) => ({ key: g.key, n: g.n, share: t.n ? g.n / t.n : 0 }))
    .sort((a, b) => b.n - a.n || String(a.key).localeCompare(String(b.key)));
}

/** The map, when every country has bundled governorate boundaries; else null. */
function mapFigure(
  countries: readonly string[],
  c: ConcentrationResult,
  scan: EventScan,
  dir: string,
): Figure | null {
  const files = countries.map((iso3) => join(dir, `${iso3.toLowerCase()}_adm1.geojson`));
  if (files.length === 0 || !files.every((f) => existsSync(f))) return null;
  const byCode = new Map(c.units.flatMap((u) => (u.code ? [[u.code, u.count] as const] : [])));
  const byName = new Map(c.units.map((u) => [u.unit, u.count] as const));
  const units: MapUnit[] = files.flatMap(readBoundaryFile).map((feature) => ({
    feature,
    count: byCode.get(feature.properties.code) ?? byName.get(feature.properties.name) ?? 0,
  }));
  const rivers = bundledRivers().rivers.map((r) => ({ name: r.name, parts: r.parts }));
  return {
    name: 'map',
    caption: 'Events per governorate (shading), event locations (circles), Euphrates and Tigris',
    svg: mapSvg({ units, points: scan.points, rivers }),
  };
}
