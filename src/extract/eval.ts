/**
 * Evaluation of extraction against GTD-shaped gold pages (labelled/gtd_pages_dev.ndjson):
 * attack type, target type, admin1, casualties, claim and actor. The pages are split by a hash
 * of their id into `dev` (may be read while developing) and `held-out` (only its aggregate row
 * is ever printed), so reported numbers are not tuned on.
 */
import { createHash } from 'node:crypto';
import { AdminLookup } from '../gazetteer/admin-lookup.js';
import type { Iso3 } from '../gazetteer/admin-types.js';
import { canonicalActor, type AttackType, type TargetType } from '../model/index.js';
import {
  CALIBRATED_FIELDS,
  formulaConfidence,
  type CalibratedField,
  type EventFeatures,
} from './confidence.js';
import { extractDetailed } from './extract.js';
import { NUMBER_SOURCE, parseNumber } from './numbers.js';
import { binaryF1, classMetrics, type ClassMetrics } from './metrics.js';
import { reliability, type Reliability } from './reliability.js';
import type { ExtractedEvent } from './types.js';

export type Split = 'dev' | 'held-out';

/** One gold page, as read from a GTD-shaped line. */
export interface GoldPage {
  id: string;
  text: string;
  /** YYYY-MM-DD, or null when the page gives none. */
  date: string | null;
  country: string | null;
  provstate: string | null;
  attack_type: AttackType;
  target_type: TargetType | null;
  fatalities: number | null;
  wounded: number | null;
  claimed: boolean;
  islamicState: boolean;
}

export const GTD_ATTACK: Readonly<Record<string, AttackType>> = {
  'bombing/explosion': 'bombing',
  'armed assault': 'armed_assault',
  assassination: 'assassination',
  'hostage taking (kidnapping)': 'kidnapping',
  'hostage taking (barricade incident)': 'barricade_hostage',
  'facility/infrastructure attack': 'facility_attack',
  hijacking: 'hijacking',
  'unarmed assault': 'unarmed_assault',
  unknown: 'unknown',
};

export const GTD_TARGET: Readonly<Record<string, TargetType>> = {
  military: 'military',
  police: 'police',
  'private citizens & property': 'private_citizens',
  'government (general)': 'government',
  'government (diplomatic)': 'government_diplomatic',
  'religious figures/institutions': 'religious',
  business: 'business',
  utilities: 'utilities',
  'terrorists/non-state militia': 'terrorists_militants',
  'educational institution': 'educational_institution',
  'journalists & media': 'journalists_media',
  transportation: 'transportation',
  telecommunication: 'telecommunication',
  'food or water supply': 'food_water_supply',
  ngo: 'ngo',
  tourists: 'tourists',
  'violent political party': 'violent_political_party',
  'airports & aircraft': 'airports_aircraft',
  maritime: 'maritime',
  other: 'other',
  unknown: 'unknown',
};

/** Parses one gold line; throws with the field named when it is not a usable page. */
export function parseGoldPage(line: string): GoldPage {
  const g = JSON.parse(line) as Record<string, unknown>;
  const id = String(g.gtdid ?? g.id ?? '');
  const text = g.summary ?? g.text;
  if (!id) throw new Error('gtdid: missing');
  if (typeof text !== 'string') throw new Error('summary: missing');
  const types = Array.isArray(g.attack_types) ? (g.attack_types as string[]) : [];
  const attack = GTD_ATTACK[(types[0] ?? 'unknown').toLowerCase()] ?? 'unknown';
  const targets = Array.isArray(g.targets) ? (g.targets as Array<{ type?: string }>) : [];
  const target = targets[0]?.type ? (GTD_TARGET[targets[0].type.toLowerCase()] ?? 'other') : null;
  const groups = Array.isArray(g.groups)
    ? (g.groups as Array<{ name?: string; claimed?: boolean }>)
    : [];
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return {
    id,
    text,
    date: typeof g.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(g.date) ? g.date : null,
    country: typeof g.country === 'string' ? g.country : null,
    provstate: typeof g.provstate === 'string' ? g.provstate : null,
    attack_type: attack,
    target_type: target,
    fatalities: num(g.fatalities),
    wounded: num(g.injured),
    claimed: groups.some((x) => x.claimed === true),
    islamicState: groups.some((x) => canonicalActor(x.name) === 'Islamic State'),
  };
}

/** The split a page belongs to: by the first byte of sha256(id), even → dev. Fixed forever. */
export function splitOf(id: string): Split {
  return (createHash('sha256').update(id).digest()[0]! & 1) === 0 ? 'dev' : 'held-out';
}

export interface DocResult {
  page: GoldPage;
  events: ExtractedEvent[];
  /** The event scored against the page: the first one (a GTD page is one incident). */
  predicted: ExtractedEvent | null;
  /** The confidence features of `predicted`. */
  features: EventFeatures | null;
  admin1Gold: string | null;
}

export type ReliabilityField = 'event' | CalibratedField;

/** Reliability of one field's confidence: the 0.1 formula (before) and the calibrated map (after). */
export interface FieldReliability {
  before: Reliability;
  after: Reliability;
}

/** Event-level matching: an extracted event matches the page's incident (see eventMatches). */
export interface EventLevel {
  extracted: number;
  gold: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SplitResult {
  split: Split;
  n: number;
  noEvent: number;
  manyEvents: number;
  attack: ClassMetrics;
  target: ClassMetrics;
  admin1: { hits: number; n: number };
  fatalities: CountExact;
  wounded: CountExact;
  claimed: { accuracy: number; f1: number };
  actorIS: { f1: number };
  events: EventLevel;
  reliability: Record<ReliabilityField, FieldReliability>;
  docs: DocResult[];
}

/** Exact matches of a count, and how many of the misses no text could have given. */
export interface CountExact {
  hits: number;
  n: number;
  /** Misses whose gold count is not written anywhere in the page's text (as digits or words). */
  unwritten: number;
}

/** Whether `text` writes the number `n` (digits or number words, English or Arabic). */
export function writesNumber(text: string, n: number): boolean {
  const re = new RegExp(NUMBER_SOURCE, 'giu');
  for (const m of text.matchAll(re)) if (parseNumber(m[0]) === n) return true;
  return false;
}

/** Runs the extractor on each page and scores it. */
export function evaluateExtraction(pages: readonly GoldPage[], split: Split): SplitResult {
  const lookup = AdminLookup.load();
  const docs: DocResult[] = pages.map((page) => {
    const found = extractDetailed({ id: page.id, text: page.text });
    const c = iso3(page.country);
    const gold = page.provstate ? lookup.resolveName(c, page.provstate) : null;
    return {
      page,
      events: found.map((f) => f.event),
      predicted: found[0]?.event ?? null,
      features: found[0]?.features ?? null,
      admin1Gold: gold?.admin1_code ?? null,
    };
  });
  const matched = docs.filter((d) => d.events.some((e) => eventMatches(e, d))).length;
  const extracted = docs.reduce((s, d) => s + d.events.length, 0);
  const precision = extracted ? matched / extracted : 0;
  const recall = docs.length ? matched / docs.length : 0;
  const exact = (field: 'fatalities' | 'wounded'): CountExact => {
    const scored = docs.filter((d) => d.page[field] !== null);
    const misses = scored.filter((d) => predictedCount(d.predicted, field) !== d.page[field]);
    return {
      hits: scored.length - misses.length,
      n: scored.length,
      // A page whose count the text never writes ("a total of 29 … in both attacks" coded as
      // 14 for one of them) is a miss no reading of the text could avoid.
      unwritten: misses.filter((d) => !writesNumber(d.page.text, d.page[field]!)).length,
    };
  };
  const withAdmin = docs.filter((d) => d.admin1Gold !== null);
  // claimed: null (the text does not say) scores as "not claimed", as GTD codes it.
  const claimedPairs = docs.map((d) => [d.page.claimed, d.predicted?.claimed === true] as const);
  return {
    split,
    n: docs.length,
    noEvent: docs.filter((d) => d.events.length === 0).length,
    manyEvents: docs.filter((d) => d.events.length > 1).length,
    attack: classMetrics(docs.map((d) => [d.page.attack_type, d.predicted?.attack_type ?? 'none'])),
    target: classMetrics(
      docs
        .filter((d) => d.page.target_type !== null)
        .map((d) => [d.page.target_type!, d.predicted?.target_type ?? 'none']),
    ),
    admin1: {
      hits: withAdmin.filter((d) => d.predicted?.admin1_code === d.admin1Gold).length,
      n: withAdmin.length,
    },
    fatalities: exact('fatalities'),
    wounded: exact('wounded'),
    claimed: {
      accuracy: claimedPairs.filter(([g, p]) => g === p).length / Math.max(1, docs.length),
      f1: binaryF1(claimedPairs),
    },
    actorIS: {
      f1: binaryF1(
        docs.map((d) => [d.page.islamicState, d.predicted?.actor1 === 'Islamic State'] as const),
      ),
    },
    events: {
      extracted,
      gold: docs.length,
      matched,
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    },
    reliability: fieldReliability(docs),
    docs,
  };
}

/** Days a date of each precision may be off: exact day, within a week, within a month. */
const SLACK_DAYS = { 1: 0, 2: 7, 3: 31 } as const;

/**
 * An extracted event is the page's incident when its date is within its precision of the gold
 * day (either side unknown passes), its admin1 is the gold one (when coded), and its attack type
 * is compatible (equal, or the gold says unknown).
 */
export function eventMatches(
  e: ExtractedEvent,
  d: Pick<DocResult, 'page' | 'admin1Gold'>,
): boolean {
  if (d.admin1Gold !== null && e.admin1_code !== d.admin1Gold) return false;
  if (d.page.attack_type !== 'unknown' && e.attack_type !== d.page.attack_type) return false;
  if (e.date && d.page.date) {
    const days = Math.abs(Date.parse(e.date) - Date.parse(d.page.date)) / 86_400_000;
    if (days > SLACK_DAYS[e.date_precision ?? 3]) return false;
  }
  return true;
}

/** [confidence, right] pairs per field for the scored event of each page, before and after. */
function fieldReliability(docs: readonly DocResult[]): Record<ReliabilityField, FieldReliability> {
  const right = (d: DocResult, f: ReliabilityField): boolean | undefined => {
    const e = d.predicted!;
    switch (f) {
      case 'event':
        return eventMatches(e, d);
      case 'admin1':
        return d.admin1Gold === null ? undefined : e.admin1_code === d.admin1Gold;
      case 'attack_type':
        return e.attack_type === d.page.attack_type;
      case 'target_type':
        return d.page.target_type === null ? undefined : e.target_type === d.page.target_type;
      case 'fatalities': {
        // As in training: a count is judged only where one was read.
        const count = predictedCount(e, 'fatalities');
        return d.page.fatalities === null || count === null
          ? undefined
          : count === d.page.fatalities;
      }
    }
  };
  const fields: ReliabilityField[] = ['event', ...CALIBRATED_FIELDS];
  const scored = docs.filter((d) => d.predicted && d.features);
  return Object.fromEntries(
    fields.map((f) => {
      const before: Array<[number, boolean]> = [];
      const after: Array<[number, boolean]> = [];
      for (const d of scored) {
        const y = right(d, f);
        if (y === undefined) continue;
        const e = d.predicted!;
        before.push([formulaConfidence(d.features!), y]);
        after.push([f === 'event' ? e.confidence : (e.field_confidence?.[f] ?? e.confidence), y]);
      }
      return [f, { before: reliability(before), after: reliability(after) }];
    }),
  ) as Record<ReliabilityField, FieldReliability>;
}

/** GTD's nkill counts perpetrators too: compare it with victims + attackers killed. */
export function predictedCount(
  e: ExtractedEvent | null,
  field: 'fatalities' | 'wounded',
): number | null {
  if (!e) return null;
  if (field === 'wounded') return e.wounded;
  if (e.fatalities === null) return e.attackers_killed > 0 ? e.attackers_killed : null;
  return e.fatalities + e.attackers_killed;
}

function iso3(country: string | null): Iso3 | null {
  const c = country?.trim().toLowerCase();
  return c === 'iraq' ? 'IRQ' : c === 'syria' ? 'SYR' : null;
}
