/**
 * The Event: one row of the `events` table, whether imported from a dataset or extracted from
 * text. Column names follow ACLED/UCDP so analysts recognise them (see DESIGN.md).
 */
import { z } from 'zod';
import { AttackType, DatePrecision, GeoPrecision, Origin, Tactic, TargetType } from './taxonomy.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const count = z.number().int().nonnegative().nullable();

export const EventSchema = z
  .object({
    /** `<source>:<external id>` for datasets; a content hash for extracted events. */
    id: z.string().min(3),
    origin: Origin,
    /** The extractor's name and version for extracted events; null for datasets. */
    extractor: z.string().nullable().default(null),
    source_id: z.string().min(1),
    external_id: z.string().nullable(),
    date: isoDate,
    date_end: isoDate.nullable().default(null),
    date_precision: DatePrecision,
    /** ISO 3166-1 alpha-3. */
    country: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO3 country code')
      .nullable(),
    admin1: z.string().nullable().default(null),
    admin1_code: z.string().nullable().default(null),
    admin2: z.string().nullable().default(null),
    admin2_code: z.string().nullable().default(null),
    admin3: z.string().nullable().default(null),
    admin3_code: z.string().nullable().default(null),
    location: z.string().nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
    geo_precision: GeoPrecision.nullable().default(null),
    actor1: z.string().nullable().default(null),
    actor2: z.string().nullable().default(null),
    attack_type: AttackType.nullable().default(null),
    tactics: z.array(Tactic).default([]),
    target_type: TargetType.nullable().default(null),
    /** Best estimate; null when the source does not say (never guessed). */
    fatalities: count.default(null),
    fatalities_low: count.default(null),
    fatalities_high: count.default(null),
    wounded: count.default(null),
    /** true/false when the source says; null when unknown. */
    claimed: z.boolean().nullable().default(null),
    notes: z.string().nullable().default(null),
    /** 0–1 for extracted events; null for dataset rows. */
    confidence: z.number().min(0).max(1).nullable().default(null),
    /** The source's own values, kept verbatim (event_type, side names, free-text fields, …). */
    raw: z.record(z.string(), z.string()).default({}),
  })
  .refine((e) => (e.lat === null) === (e.lon === null), {
    message: 'lat and lon must both be present or both be missing',
    path: ['lat'],
  })
  .refine((e) => e.date_end === null || e.date_end >= e.date, {
    message: 'date_end is before date',
    path: ['date_end'],
  });

export type Event = z.infer<typeof EventSchema>;
/** What an importer produces before defaults are filled in and the schema checks it. */
export type EventInput = z.input<typeof EventSchema>;

/** Column order of the events table and of CSV exports. */
export const EVENT_COLUMNS = [
  'id',
  'origin',
  'extractor',
  'source_id',
  'external_id',
  'date',
  'date_end',
  'date_precision',
  'country',
  'admin1',
  'admin1_code',
  'admin2',
  'admin2_code',
  'admin3',
  'admin3_code',
  'location',
  'lat',
  'lon',
  'geo_precision',
  'actor1',
  'actor2',
  'attack_type',
  'tactics',
  'target_type',
  'fatalities',
  'fatalities_low',
  'fatalities_high',
  'wounded',
  'claimed',
  'notes',
  'confidence',
] as const satisfies readonly (keyof Event)[];
