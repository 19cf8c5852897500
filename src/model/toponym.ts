/**
 * A place name found in text and what it was resolved to: the geoparser's result, used by
 * extraction, the `geoparse` command and its evaluation.
 */
import { z } from 'zod';
import { GeoPrecision } from './taxonomy.js';
import { PlaceKind } from './place.js';

const Iso3Covered = z.enum(['IRQ', 'SYR']);

/** A place considered for a toponym, with the score it got. */
export const ToponymCandidateSchema = z.object({
  place_id: z.string(),
  name: z.string(),
  kind: PlaceKind,
  admin1: z.string().nullable(),
  population: z.number().nullable(),
  score: z.number(),
});
export type ToponymCandidate = z.infer<typeof ToponymCandidateSchema>;

/**
 * `place_id` is null when no candidate fits well enough or two fit equally (`reason` says
 * which; `candidates` stay for review) and for names the gazetteer lacks that context types as
 * places ("the village of X"). geo_precision: 1 = the named place, 2 = near a place / a
 * district or subdistrict, 3 = a governorate or wider. Offsets are UTF-16 indices into the
 * input: `text.slice(start, end)`.
 */
export const ToponymSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  place_id: z.string().nullable(),
  name: z.string(),
  kind: PlaceKind,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  country: Iso3Covered.nullable(),
  admin1: z.string().nullable(),
  admin1_code: z.string().nullable(),
  admin2: z.string().nullable(),
  admin2_code: z.string().nullable(),
  admin3: z.string().nullable(),
  admin3_code: z.string().nullable(),
  geo_precision: GeoPrecision,
  score: z.number(),
  candidates: z.array(ToponymCandidateSchema),
  reason: z.string(),
  relative: z
    .object({
      distance_km: z.number().optional(),
      direction: z.string().optional(),
      anchor_place_id: z.string(),
    })
    .optional(),
});
export type Toponym = z.infer<typeof ToponymSchema>;

/** Options of `geoparse`. */
export interface GeoparseOptions {
  /** Country the text is about, when known from its source: favours that country's places. */
  countryHint?: z.infer<typeof Iso3Covered>;
  /**
   * The text is a dataset's location field ("Hit, Center of town", "Al-Wihda, Jalawla"), not
   * prose: a name that opens the field or a comma-separated part of it names a place, as if
   * "in" stood before it. In prose a bare capitalised "Hit" or a subdistrict-only name is
   * too weak to accept; in a place column it is what the column is for.
   */
  field?: boolean;
}
