/** Gazetteer entries: named places and administrative units. */
import { z } from 'zod';

export const PLACE_KINDS = [
  'country',
  'governorate',
  'district',
  'subdistrict',
  'city',
  'town',
  'village',
  'neighbourhood',
  /** A named site that is not a settlement: a dam, an airbase, an oil field. */
  'site',
  'river',
  /** An Islamic State province: coarse, mapped to the admin units it covers. */
  'wilaya',
  /** A named area spanning units, such as Eastern Ghouta. */
  'region',
] as const;
export const PlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKind>;

export const PlaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  kind: PlaceKind,
  population: z.number().int().nonnegative().nullable().default(null),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  country: z.string().regex(/^[A-Z]{3}$/),
  admin1: z.string().nullable().default(null),
  admin1_code: z.string().nullable().default(null),
  admin2: z.string().nullable().default(null),
  admin2_code: z.string().nullable().default(null),
  admin3: z.string().nullable().default(null),
  admin3_code: z.string().nullable().default(null),
});
export type Place = z.infer<typeof PlaceSchema>;
