/**
 * Analysis options and results. Every result carries its inputs (filter, window, n) so a brief
 * can say "based on 1,836 events, Jan 2020–Sep 2021" without asking how it was computed.
 */
import { z } from 'zod';
import { EventFilterSchema } from './filter.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** The days an analysis covered: the filter's from/to when given, else the data's first/last day. */
export const AnalysisWindowSchema = z.object({
  from: isoDate.nullable(),
  to: isoDate.nullable(),
});
export type AnalysisWindow = z.infer<typeof AnalysisWindowSchema>;

// ---- tempo ---------------------------------------------------------------------------------

export const TEMPO_PERIODS = ['day', 'week', 'month'] as const;
export const TempoPeriod = z.enum(TEMPO_PERIODS);
export type TempoPeriod = z.infer<typeof TempoPeriod>;

/** Event columns a tempo series may be split by (the only identifiers spliced into its SQL). */
export const TEMPO_GROUP_COLUMNS = [
  'country',
  'admin1',
  'admin2',
  'actor1',
  'attack_type',
  'target_type',
  'origin',
  'claimed',
] as const;
export const TempoGroupBy = z.enum(TEMPO_GROUP_COLUMNS);
export type TempoGroupBy = z.infer<typeof TempoGroupBy>;

export const TempoOptionsSchema = z.object({
  /** Period length; default `month`. */
  by: TempoPeriod.optional(),
  /** Also return one series per value of this column. */
  groupBy: TempoGroupBy.optional(),
  /** Trailing rolling-mean window in periods; default 3. */
  rollingWindow: z.number().int().min(1).max(366).optional(),
});
export type TempoOptions = z.infer<typeof TempoOptionsSchema>;

export const TempoPointSchema = z.object({
  /** `YYYY-MM` for months; the first day (`YYYY-MM-DD`, Monday for weeks) otherwise. */
  period: z.string(),
  count: z.number().int().nonnegative(),
  /** Mean of this and the previous rollingWindow-1 periods; null until the window is full. */
  rolling_mean: z.number().nullable(),
});
export type TempoPoint = z.infer<typeof TempoPointSchema>;

export const TempoGroupSchema = z.object({
  /** The column's value as text (`true`/`false` for claimed); null for events without one. */
  key: z.string().nullable(),
  n: z.number().int().nonnegative(),
  periods: z.array(TempoPointSchema),
});
export type TempoGroup = z.infer<typeof TempoGroupSchema>;

export const TempoYoySchema = z.object({
  /** The same window shifted back one year. */
  window: AnalysisWindowSchema,
  n_previous: z.number().int().nonnegative(),
  change: z.number().int(),
  /** Relative change; null when the earlier window had no events. */
  pct_change: z.number().nullable(),
});
export type TempoYoy = z.infer<typeof TempoYoySchema>;

export const TempoResultSchema = z.object({
  analysis: z.literal('tempo'),
  filter: EventFilterSchema,
  by: TempoPeriod,
  rolling_window: z.number().int().positive(),
  window: AnalysisWindowSchema,
  n: z.number().int().nonnegative(),
  periods: z.array(TempoPointSchema),
  groups: z.array(TempoGroupSchema).optional(),
  group_by: TempoGroupBy.optional(),
  /** n / number of periods; null when the window is empty. */
  mean_per_period: z.number().nullable(),
  /** 95% interval for the mean per period (see `tempo` for the method); null when empty. */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  /** Sample variance of the period counts (overdispersion shows as variance > mean). */
  variance: z.number().nullable(),
  yoy: TempoYoySchema.optional(),
});
export type TempoResult = z.infer<typeof TempoResultSchema>;

// ---- concentration ---------------------------------------------------------------------------

export const CONCENTRATION_LEVELS = ['admin1', 'admin2'] as const;
export const ConcentrationLevel = z.enum(CONCENTRATION_LEVELS);
export type ConcentrationLevel = z.infer<typeof ConcentrationLevel>;

export const ConcentrationOptionsSchema = z.object({
  /** Admin level of the units; default `admin1`. */
  level: ConcentrationLevel.optional(),
  /** How many leading units the top-k share sums; default 3. */
  topK: z.number().int().min(1).optional(),
});
export type ConcentrationOptions = z.infer<typeof ConcentrationOptionsSchema>;

export const ConcentrationUnitSchema = z.object({
  rank: z.number().int().positive(),
  unit: z.string(),
  code: z.string().nullable(),
  /** The enclosing admin1 for admin2 units (districts are named within a governorate). */
  parent: z.string().nullable(),
  count: z.number().int().nonnegative(),
  /** count / n_located. */
  share: z.number(),
  cumulative_share: z.number(),
});
export type ConcentrationUnit = z.infer<typeof ConcentrationUnitSchema>;

export const ConcentrationResultSchema = z.object({
  analysis: z.literal('concentration'),
  filter: EventFilterSchema,
  level: ConcentrationLevel,
  window: AnalysisWindowSchema,
  /** All events matching the filter. */
  n: z.number().int().nonnegative(),
  /** Events with a unit at this level; shares are of this number. */
  n_located: z.number().int().nonnegative(),
  /** Events with no unit at this level: reported, not silently dropped. */
  n_unlocated: z.number().int().nonnegative(),
  /**
   * `boundaries`: the units are every unit of the filtered country in the bundled boundaries,
   * zero-event units included; `observed`: only units that have events.
   */
  universe: z.enum(['boundaries', 'observed']),
  units_total: z.number().int().nonnegative(),
  units_with_events: z.number().int().nonnegative(),
  /** Ranked by count (then name), zero-event units last. */
  units: z.array(ConcentrationUnitSchema),
  top_k: z.object({
    k: z.number().int().positive(),
    units: z.array(z.string()),
    share: z.number(),
  }),
  /** Herfindahl-Hirschman index, sum of squared shares, 1/N–1. */
  hhi: z.number().nullable(),
  /** (HHI − 1/N) / (1 − 1/N), 0–1; null when N < 2. */
  hhi_normalized: z.number().nullable(),
  /** Gini coefficient of counts across the N units, 0–(N−1)/N; null when no events. */
  gini: z.number().nullable(),
  /** Shannon entropy of the shares divided by ln N, 0–1; null when N < 2 or no events. */
  entropy_normalized: z.number().nullable(),
});
export type ConcentrationResult = z.infer<typeof ConcentrationResultSchema>;

// ---- spatial: shared ---------------------------------------------------------------------

/** Why located analyses left events out; `n_excluded` is their sum. */
export const SpatialExclusionsSchema = z.object({
  /** lat or lon missing. */
  no_coordinates: z.number().int().nonnegative(),
  /** geo_precision NULL (unknown how precise the point is). */
  precision_unknown: z.number().int().nonnegative(),
  /** geo_precision above the `maxGeoPrecision` option (e.g. 3 = province centroid). */
  precision_too_coarse: z.number().int().nonnegative(),
});
export type SpatialExclusions = z.infer<typeof SpatialExclusionsSchema>;

const spatialBase = {
  filter: EventFilterSchema,
  window: AnalysisWindowSchema,
  /** All events matching the filter. */
  n: z.number().int().nonnegative(),
  /** Events the statistics are computed on (n − n_excluded). */
  n_used: z.number().int().nonnegative(),
  n_excluded: z.number().int().nonnegative(),
  excluded: SpatialExclusionsSchema,
};

const maxGeoPrecision = z.number().int().min(1).max(3);

// ---- dispersion --------------------------------------------------------------------------

export const DispersionOptionsSchema = z.object({
  /** Keep events with geo_precision ≤ this; default 2. */
  maxGeoPrecision: maxGeoPrecision.optional(),
  /** DBSCAN neighbourhood radius, km; default 10. */
  epsKm: z.number().positive().max(1000).optional(),
  /** DBSCAN core-point threshold (the point itself included); default 5. */
  minPoints: z.number().int().min(1).optional(),
});
export type DispersionOptions = z.infer<typeof DispersionOptionsSchema>;

export const DbscanClusterSchema = z.object({
  rank: z.number().int().positive(),
  size: z.number().int().positive(),
  /** Mean position of the cluster's events. */
  lat: z.number(),
  lon: z.number(),
  share: z.number(),
});
export type DbscanCluster = z.infer<typeof DbscanClusterSchema>;

export const StudyAreaSchema = z.object({
  /** Countries whose adm0 polygons form the area. */
  countries: z.array(z.string()),
  /** `filter`: the filter's country list; `inferred`: the countries of the events used. */
  source: z.enum(['filter', 'inferred']),
  /** Geodesic area of the polygons (@turf/area), km²; null when a country has no boundary. */
  area_km2: z.number().nullable(),
  /** Why area_km2 is null. */
  reason: z.string().nullable(),
});
export type StudyArea = z.infer<typeof StudyAreaSchema>;

export const DispersionResultSchema = z.object({
  analysis: z.literal('dispersion'),
  ...spatialBase,
  options: z.object({
    maxGeoPrecision: maxGeoPrecision,
    epsKm: z.number(),
    minPoints: z.number().int(),
  }),
  study_area: StudyAreaSchema,
  /** Distinct coordinate pairs among the events used (co-located events share one). */
  distinct_locations: z.number().int().nonnegative(),
  /** Mean centre of the events used; null when none. */
  mean_center: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  nearest_neighbour: z.object({
    /** Mean great-circle distance to the nearest other event, km (0 for co-located events). */
    mean_km: z.number().nullable(),
    /** Expected mean under complete spatial randomness, 0.5·sqrt(A/n), km. */
    expected_km: z.number().nullable(),
    /** Clark-Evans R = mean / expected: < 1 clustered, ≈ 1 random, > 1 dispersed. */
    index: z.number().nullable(),
    /** (mean − expected) / (0.26136 / sqrt(n²/A)). */
    z: z.number().nullable(),
    /** Events whose nearest neighbour is at the same coordinates. */
    n_colocated: z.number().int().nonnegative(),
  }),
  /**
   * The same index over distinct locations, each counted once: separates "events pile up on
   * the same towns" (co-location, often geocoding to a place centroid) from "the places
   * themselves are clustered".
   */
  nearest_neighbour_locations: z.object({
    m: z.number().int().nonnegative(),
    mean_km: z.number().nullable(),
    expected_km: z.number().nullable(),
    index: z.number().nullable(),
    z: z.number().nullable(),
  }),
  /** sqrt of the mean squared distance from the mean centre, km. */
  standard_distance_km: z.number().nullable(),
  /** One-standard-deviation ellipse (principal axes of the covariance; ArcGIS draws √2 ×). */
  ellipse: z
    .object({
      sigma_major_km: z.number(),
      sigma_minor_km: z.number(),
      /** Azimuth of the major axis, degrees clockwise from north, 0–180. */
      rotation_deg: z.number(),
    })
    .nullable(),
  dbscan: z.object({
    clusters: z.array(DbscanClusterSchema),
    n_clusters: z.number().int().nonnegative(),
    noise: z.number().int().nonnegative(),
    share_largest: z.number(),
    share_largest3: z.number(),
  }),
});
export type DispersionResult = z.infer<typeof DispersionResultSchema>;

// ---- hotspots ----------------------------------------------------------------------------

export const HotspotOptionsSchema = z.object({
  /** Keep events with geo_precision ≤ this; default 2. */
  maxGeoPrecision: maxGeoPrecision.optional(),
  /** H3 resolution; default 5 (hexagons of ~253 km², ~9 km edge). */
  resolution: z.number().int().min(0).max(10).optional(),
  /** Benjamini-Hochberg false discovery rate for `significant`; default 0.05. */
  fdrQ: z.number().gt(0).lt(1).optional(),
});
export type HotspotOptions = z.infer<typeof HotspotOptionsSchema>;

export const HotspotCellSchema = z.object({
  h3: z.string(),
  lat: z.number(),
  lon: z.number(),
  count: z.number().int().nonnegative(),
  /** Gi* z-score. */
  z: z.number(),
  /** Two-sided p-value of z. */
  p: z.number(),
  /** Benjamini-Hochberg adjusted p-value (q-value) over all cells of the study area. */
  p_adjusted: z.number(),
  /** p_adjusted ≤ fdrQ. */
  significant: z.boolean(),
  /** ±3 = 99%, ±2 = 95%, ±1 = 90% confidence hot (+) or cold (−) after FDR; 0 otherwise. */
  bin: z.number().int().min(-3).max(3),
});
export type HotspotCell = z.infer<typeof HotspotCellSchema>;

export const HotspotResultSchema = z.object({
  analysis: z.literal('hotspots'),
  ...spatialBase,
  options: z.object({
    maxGeoPrecision: maxGeoPrecision,
    resolution: z.number().int(),
    fdrQ: z.number(),
  }),
  /** Cells with events plus their zero-count ring-1 neighbours. */
  cells_total: z.number().int().nonnegative(),
  cells_with_events: z.number().int().nonnegative(),
  /** Cells by bin counts: "3" → number of 99% hot cells, … */
  bins: z.record(z.string(), z.number().int().nonnegative()),
  /** Every cell of the study area, by z descending. */
  cells: z.array(HotspotCellSchema),
});
export type HotspotResult = z.infer<typeof HotspotResultSchema>;

// ---- rivers ------------------------------------------------------------------------------

export const RiverOptionsSchema = z.object({
  /** Keep events with geo_precision ≤ this; default 2. */
  maxGeoPrecision: maxGeoPrecision.optional(),
  /** Distance bands for the within-shares, km; default [10, 25, 50]. */
  bandsKm: z.array(z.number().positive()).min(1).max(10).optional(),
});
export type RiverOptions = z.infer<typeof RiverOptionsSchema>;

export const RiverSummarySchema = z.object({
  river: z.string(),
  mean_km: z.number().nullable(),
  median_km: z.number().nullable(),
  /** Share of the events used within each band: "10" → share within 10 km. */
  within: z.record(z.string(), z.number()),
  /** Left bank facing downstream: the east/north-east side for the SE-flowing Euphrates and Tigris. */
  left_bank: z.number().int().nonnegative(),
  /** Right bank facing downstream: the west/south-west side. */
  right_bank: z.number().int().nonnegative(),
  /** Bank counts among events within the middle band (default 25 km). */
  near_band_km: z.number(),
  left_bank_near: z.number().int().nonnegative(),
  right_bank_near: z.number().int().nonnegative(),
});
export type RiverSummary = z.infer<typeof RiverSummarySchema>;

export const RiverResultSchema = z.object({
  analysis: z.literal('rivers'),
  ...spatialBase,
  options: z.object({ maxGeoPrecision: maxGeoPrecision, bandsKm: z.array(z.number()) }),
  /** Where the river lines came from. */
  source: z.string(),
  rivers: z.array(RiverSummarySchema),
  /** Share of events within each band of either river. */
  within_any: z.record(z.string(), z.number()),
});
export type RiverResult = z.infer<typeof RiverResultSchema>;

// ---- regimes -----------------------------------------------------------------------------

export const REGIME_LABELS = ['quiet', 'rising', 'high', 'falling'] as const;
export const RegimeLabel = z.enum(REGIME_LABELS);
export type RegimeLabel = z.infer<typeof RegimeLabel>;

export const RegimeOptionsSchema = z.object({
  /** Period length; default `month`. */
  by: TempoPeriod.optional(),
  /** PELT penalty per change point; default quasi-Poisson BIC, 2·ln(n)·max(1, φ̂) (see `regimes`). */
  penalty: z.number().nonnegative().optional(),
  /** Shortest segment in periods; default 2. */
  minSegment: z.number().int().min(1).max(1000).optional(),
});
export type RegimeOptions = z.infer<typeof RegimeOptionsSchema>;

export const RegimeSegmentSchema = z.object({
  /** First and last period of the segment (tempo labels, `YYYY-MM` for months). */
  start: z.string(),
  end: z.string(),
  periods: z.number().int().positive(),
  n: z.number().int().nonnegative(),
  /** Mean events per period (the segment's Poisson MLE rate). */
  rate: z.number(),
  /** 95% interval for the rate, as tempo's `ci95` over the segment's counts. */
  ci95: z.tuple([z.number(), z.number()]),
  /** OLS slope of the counts on the period index, events per period per period. */
  slope: z.number(),
  /** slope / its standard error; null for segments under 4 periods or with no residual variance. */
  slope_t: z.number().nullable(),
  label: RegimeLabel,
});
export type RegimeSegment = z.infer<typeof RegimeSegmentSchema>;

export const RegimeResultSchema = z.object({
  analysis: z.literal('regimes'),
  filter: EventFilterSchema,
  by: TempoPeriod,
  window: AnalysisWindowSchema,
  n: z.number().int().nonnegative(),
  /** The penalty used and the overdispersion factor φ̂ behind the default. */
  penalty: z.number(),
  dispersion: z.number().nullable(),
  min_segment: z.number().int().positive(),
  /** Median period count over the whole window: the reference for quiet (≤ ½) and high (≥ 1½). */
  median: z.number().nullable(),
  segments: z.array(RegimeSegmentSchema),
  /** The last segment; null when the window is empty. */
  current: RegimeSegmentSchema.nullable(),
  summary: z.string(),
});
export type RegimeResult = z.infer<typeof RegimeResultSchema>;

// ---- alerts ------------------------------------------------------------------------------

export const AlertOptionsSchema = z.object({
  /** Period length; default `week`. */
  by: z.enum(['week', 'month']).optional(),
  /** Trailing baseline length in periods; default 8. */
  baselineWindow: z.number().int().min(2).max(104).optional(),
  /** Flag a period when P(X ≥ count) < alpha; default 0.01 (per test, not corrected). */
  alpha: z.number().gt(0).lt(1).optional(),
  /** Unit column; default `admin1`. */
  groupBy: TempoGroupBy.optional(),
});
export type AlertOptions = z.infer<typeof AlertOptionsSchema>;

export const AlertSchema = z.object({
  /** The unit (e.g. governorate); null for events without one. */
  unit: z.string().nullable(),
  period: z.string(),
  count: z.number().int().nonnegative(),
  /** Mean of the baseline window. */
  expected: z.number(),
  /** Sample variance of the baseline window. */
  variance: z.number(),
  /** Upper tail probability P(X ≥ count) under the baseline distribution. */
  p: z.number(),
  method: z.enum(['negbin', 'poisson']),
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertUnitSchema = z.object({
  unit: z.string().nullable(),
  n: z.number().int().nonnegative(),
  /** Periods with a full baseline, i.e. tested. */
  tested: z.number().int().nonnegative(),
  alerts: z.array(AlertSchema),
});
export type AlertUnit = z.infer<typeof AlertUnitSchema>;

export const AlertResultSchema = z.object({
  analysis: z.literal('alerts'),
  filter: EventFilterSchema,
  by: z.enum(['week', 'month']),
  group_by: TempoGroupBy,
  baseline_window: z.number().int(),
  alpha: z.number(),
  window: AnalysisWindowSchema,
  n: z.number().int().nonnegative(),
  units: z.array(AlertUnitSchema),
  /** Every alert, most surprising (smallest p) first. */
  alerts: z.array(AlertSchema),
});
export type AlertResult = z.infer<typeof AlertResultSchema>;

// ---- forecast ----------------------------------------------------------------------------

export const ForecastOptionsSchema = z.object({
  /** Periods ahead, 1–6; default 6. */
  horizon: z.number().int().min(1).max(6).optional(),
  /** Period length; default `month`. */
  by: z.enum(['week', 'month']).optional(),
});
export type ForecastOptions = z.infer<typeof ForecastOptionsSchema>;

export const ForecastPointSchema = z.object({
  period: z.string(),
  h: z.number().int().positive(),
  /** Median forecast of the count. */
  forecast: z.number(),
  lo80: z.number(),
  hi80: z.number(),
  lo95: z.number(),
  hi95: z.number(),
});
export type ForecastPoint = z.infer<typeof ForecastPointSchema>;

export const ForecastModelSchema = z.object({
  /** Damped-trend Holt smoothing on log(1 + count), ETS(A,Ad,N). */
  method: z.literal('holt-damped-log1p'),
  alpha: z.number(),
  beta: z.number(),
  phi: z.number(),
  /** Residual standard deviation of one-step errors on the log(1 + count) scale. */
  sigma: z.number(),
  /** Periods the model was fitted on. */
  n_fit: z.number().int().nonnegative(),
});
export type ForecastModel = z.infer<typeof ForecastModelSchema>;

export const ForecastResultSchema = z.object({
  analysis: z.literal('forecast'),
  filter: EventFilterSchema,
  by: z.enum(['week', 'month']),
  window: AnalysisWindowSchema,
  n: z.number().int().nonnegative(),
  /** The last period was cut short by the window's end and left out of the fit. */
  dropped_partial: z.string().nullable(),
  /** The fitted series (period, count). */
  history: z.array(z.object({ period: z.string(), count: z.number().int().nonnegative() })),
  /** Null when fewer than 4 periods. */
  model: ForecastModelSchema.nullable(),
  points: z.array(ForecastPointSchema),
});
export type ForecastResult = z.infer<typeof ForecastResultSchema>;

export const BacktestOptionsSchema = z.object({
  /** Target periods scored, the last ones of the series; default 12. */
  origins: z.number().int().min(1).max(120).optional(),
  /** Horizons 1..horizon are scored; default 3 (at most 6). */
  horizon: z.number().int().min(1).max(6).optional(),
  by: z.enum(['week', 'month']).optional(),
});
export type BacktestOptions = z.infer<typeof BacktestOptionsSchema>;

export const BacktestRowSchema = z.object({
  h: z.number().int().positive(),
  /** Forecasts scored at this horizon. */
  n: z.number().int().nonnegative(),
  mae: z.number().nullable(),
  /** MAE of the naive forecast: the last observed count at the origin. */
  mae_naive: z.number().nullable(),
  /** Share of actual counts inside the 80% / 95% intervals. */
  coverage80: z.number().nullable(),
  coverage95: z.number().nullable(),
});
export type BacktestRow = z.infer<typeof BacktestRowSchema>;

export const BacktestResultSchema = z.object({
  analysis: z.literal('backtest'),
  filter: EventFilterSchema,
  by: z.enum(['week', 'month']),
  window: AnalysisWindowSchema,
  origins: z.number().int().positive(),
  dropped_partial: z.string().nullable(),
  rows: z.array(BacktestRowSchema),
  /** Every scored forecast: predicted vs actual. */
  points: z.array(
    ForecastPointSchema.extend({ actual: z.number().int().nonnegative(), naive: z.number() }),
  ),
});
export type BacktestResult = z.infer<typeof BacktestResultSchema>;
