/**
 * The brief as a typed object: everything a renderer (Markdown, HTML, later PDF) needs, computed
 * once by `buildBrief`. Renderers only format; they never query or compute.
 */
import { z } from 'zod';
import {
  AnalysisWindowSchema,
  ClaimsSummarySchema,
  EventFilterSchema,
  SpatialExclusionsSchema,
} from '../model/index.js';

/** One row of a mix table: a category's events and share of all events in the filter. */
export const MixRowSchema = z.object({
  key: z.string().nullable(),
  n: z.number().int().nonnegative(),
  share: z.number(),
});
export type MixRow = z.infer<typeof MixRowSchema>;

/** One category's events in one calendar quarter, and its share of that quarter's events. */
export const QuarterMixRowSchema = z.object({
  /** `2019-Q1`. */
  quarter: z.string(),
  key: z.string().nullable(),
  n: z.number().int().nonnegative(),
  share: z.number(),
});
export type QuarterMixRow = z.infer<typeof QuarterMixRowSchema>;

/** Stored documents (communications) published in the brief's window. */
export const CommunicationsSchema = z.object({
  window: AnalysisWindowSchema,
  n: z.number().int().nonnegative(),
  /** Per source, most documents first; share of `n`. */
  by_source: z.array(
    z.object({ source: z.string(), n: z.number().int().nonnegative(), share: z.number() }),
  ),
  /** Per UTC month (`YYYY-MM`) and source; months without documents are absent. */
  monthly: z.array(
    z.object({ month: z.string(), source: z.string(), n: z.number().int().nonnegative() }),
  ),
});
export type Communications = z.infer<typeof CommunicationsSchema>;

/** A notable incident: one event row, as shown in the table. */
export const IncidentSchema = z.object({
  id: z.string(),
  date: z.string(),
  place: z.string(),
  fatalities: z.number().int().nonnegative(),
  source_id: z.string(),
  /** Untrusted free text (event notes), clipped; renderers must escape it. */
  notes: z.string().nullable(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const DataSourceSchema = z.object({
  name: z.string(),
  licence: z.string(),
  used_for: z.string(),
});
export type DataSource = z.infer<typeof DataSourceSchema>;

export const FigureSchema = z.object({
  /**
   * File stem for renderers that write figures next to the document, and which section shows
   * it: `tempo`, `map`, `attack-mix`, `communications`.
   */
  name: z.string(),
  caption: z.string(),
  /** A standalone SVG document. */
  svg: z.string(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const BriefSchema = z.object({
  title: z.string(),
  /** ISO timestamp; the only part of a brief that changes between runs on the same data. */
  generated_at: z.string(),
  inputs: z.object({
    filter: EventFilterSchema,
    compare: z.string().nullable(),
    window: AnalysisWindowSchema,
    n: z.number().int().nonnegative(),
    /** Distinct source ids of the events, sorted. */
    sources: z.array(z.string()),
  }),
  /** Set when there is nothing to report (no events, unknown country): no sections follow. */
  nothing_to_report: z.string().nullable(),
  judgments: z.array(z.string()),
  figures: z.array(FigureSchema),
  mix: z.object({ attack_type: z.array(MixRowSchema), target_type: z.array(MixRowSchema) }),
  /** Attack types per calendar quarter (the `attack-mix` figure). */
  mix_over_time: z.array(QuarterMixRowSchema),
  /** Null when no stored document falls in the window (no section is drawn). */
  communications: CommunicationsSchema.nullable(),
  /** Claims vs reported attacks over linked incidents; null when nothing is linked. */
  claims: ClaimsSummarySchema.nullable(),
  incidents: z.array(IncidentSchema),
  method: z.object({
    data_sources: z.array(DataSourceSchema),
    /** Events left out of the spatial statistics and the map points, by reason. */
    n_excluded: z.number().int().nonnegative(),
    excluded: SpatialExclusionsSchema,
    /** Events without a governorate (left out of the concentration shares). */
    n_unlocated: z.number().int().nonnegative(),
    notes: z.array(z.string()),
  }),
});
export type Brief = z.infer<typeof BriefSchema>;
