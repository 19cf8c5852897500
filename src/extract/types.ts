/**
 * The pipe-mode output of extraction: one ExtractedEvent per event found in a document, every
 * field with the character span that justifies it. (The lead will move the schema to src/model.)
 */
import { z } from 'zod';
import { AttackType, DatePrecision, GeoPrecision, Tactic, TargetType } from '../model/index.js';

/** A half-open UTF-16 span `[start, end)` in the document text: `text.slice(start, end)`. */
export type Span = readonly [number, number];

const count = z.number().int().nonnegative().nullable();

/** The extractor's identity, written on every event it produces. */
export const EXTRACTOR = { name: 'sitrep-rules', version: '0.3.0' } as const;

export const ExtractedEventSchema = z.object({
  doc_id: z.string(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  date_precision: DatePrecision.nullable(),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
  admin1: z.string().nullable(),
  admin1_code: z.string().nullable(),
  admin2: z.string().nullable(),
  admin2_code: z.string().nullable(),
  location: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  geo_precision: GeoPrecision.nullable(),
  actor1: z.string().nullable(),
  attack_type: AttackType,
  tactics: z.array(Tactic),
  target_type: TargetType.nullable(),
  fatalities: count,
  wounded: count,
  /** Attackers reported dead (suicide bombers, assailants); never counted in `fatalities`. */
  attackers_killed: z.number().int().nonnegative(),
  claimed: z.boolean().nullable(),
  /** P(the event is real, in the right admin1, of the right type): calibrated (confidence.ts). */
  confidence: z.number().min(0).max(1),
  /** Calibrated P(field right) for admin1, attack_type, target_type, fatalities. */
  field_confidence: z.record(z.string(), z.number().min(0).max(1)).optional(),
  /** Remarks a number cannot carry ("dozens killed": fatalities null, at least 24). */
  notes: z.array(z.string()),
  evidence: z.record(z.string(), z.tuple([z.number().int(), z.number().int()])),
  extractor: z.object({ name: z.string(), version: z.string() }),
});
export type ExtractedEvent = z.infer<typeof ExtractedEventSchema>;

/** One input document of `extract` (a line of the pipe's NDJSON input). */
export const ExtractDocSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  /** `YYYY-MM-DD` or an ISO instant; dates in the text are resolved relative to it. */
  published: z.string().nullish(),
  lang: z.string().nullish(),
  source: z.string().nullish(),
});
export type ExtractDoc = z.input<typeof ExtractDocSchema>;
