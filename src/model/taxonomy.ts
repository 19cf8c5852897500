/**
 * Controlled vocabularies shared by every stage. Attack and target types follow the Global
 * Terrorism Database codebook (snake_case), so analysts can compare Sitrep output with GTD;
 * precision codes follow ACLED/UCDP so imported and extracted events mean the same thing.
 */
import { z } from 'zod';

/** GTD `attacktype1` categories. */
export const ATTACK_TYPES = [
  'bombing',
  'armed_assault',
  'assassination',
  'kidnapping',
  'barricade_hostage',
  'facility_attack',
  'hijacking',
  'unarmed_assault',
  'unknown',
] as const;
export const AttackType = z.enum(ATTACK_TYPES);
export type AttackType = z.infer<typeof AttackType>;

/** GTD `targtype1` categories. */
export const TARGET_TYPES = [
  'business',
  'government',
  'police',
  'military',
  'abortion_related',
  'airports_aircraft',
  'government_diplomatic',
  'educational_institution',
  'food_water_supply',
  'journalists_media',
  'maritime',
  'ngo',
  'other',
  'private_citizens',
  'religious',
  'telecommunication',
  'terrorists_militants',
  'tourists',
  'transportation',
  'unknown',
  'utilities',
  'violent_political_party',
  'tribal',
] as const;
export const TargetType = z.enum(TARGET_TYPES);
export type TargetType = z.infer<typeof TargetType>;

/** Finer tactic tags; an event may carry several (a suicide VBIED is both). */
export const TACTICS = [
  'suicide',
  'ied',
  'vbied',
  'ambush',
  'sniper',
  'indirect_fire',
  'airstrike',
  'beheading',
  'arson',
  'assassination',
  'kidnapping',
  'execution',
  'landmine',
  'shelling',
  'raid',
  'clash',
] as const;
export const Tactic = z.enum(TACTICS);
export type Tactic = z.infer<typeof Tactic>;

/** 1 = exact day, 2 = within a week, 3 = within a month or vaguer (ACLED time_precision). */
export const DatePrecision = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type DatePrecision = z.infer<typeof DatePrecision>;

/** 1 = the named place, 2 = near a place / district, 3 = province centroid (ACLED geo_precision). */
export const GeoPrecision = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type GeoPrecision = z.infer<typeof GeoPrecision>;

/** Whether an event came from a dataset row or from reading text. */
export const ORIGINS = ['dataset', 'extracted'] as const;
export const Origin = z.enum(ORIGINS);
export type Origin = z.infer<typeof Origin>;
