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
