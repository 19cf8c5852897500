/**
 * Pair scoring: do two events report the same happening? A Fellegi–Sunter style sum of signed
 * log-odds weights, one per piece of evidence, on top of a prior that most candidate pairs (same
 * area, same week) are different events. Each weight comes with its reason so an analyst can see
 * why two reports were merged or kept apart.
 *
 * Thresholds: score ≥ MATCH merges, score < ABSTAIN keeps apart, anything between is an explicit
 * abstention (kept apart, recorded with its reasons for review). The weights (weights.ts) are the
 * hand-set ones or a logistic regression over the same features fitted on the development half
 * of the gold sets; rows of one dataset, events of one document and events in different
 * countries are ruled out by fixed weights that no fit can soften.
 */
import type { LinkDecision, LinkRecord, PairScore } from '../model/index.js';
import { haversineKm } from '../gazetteer/distance.js';
import { RADIUS_KM } from '../store/index.js';
import { F, FEATURES, linkWeights, type Feature } from './weights.js';

export const MATCH = 2;
export const ABSTAIN = 0;

/**
 * What the scorer reads about an event: the linking record, the second actor where a source
 * codes a dyad, and its rare place words (optional, so that bare LinkRecords still fit).
 */
export type ScoreRecord = LinkRecord & {
  actor2?: string | null;
  /** The place words few events of the linked set share (see weighWords). */
  rare?: Uint32Array;
  /** Each of `tokens`' rarity in the linked set, and their sum (see weighWords). */
  weights?: Float32Array;
  weight?: number;
};

/**
 * Attack-type pairs that one source may code differently for the same happening (a complex
 * attack coded as a bombing by one and an armed assault by another).
 */
const COMPATIBLE_TYPES = new Set([
  'armed_assault|bombing',
  'armed_assault|assassination',
  'assassination|bombing',
  'armed_assault|hostage_taking_kidnapping',
  'armed_assault|facility_infrastructure_attack',
  'bombing|facility_infrastructure_attack',
]);

/** Target types one source may code differently for the same target. */
const COMPATIBLE_TARGETS = new Set([
  'military|police',
  'business|private_citizens',
  'private_citizens|transportation',
  'government|police',
]);

/** Tactics specific enough that sharing one is evidence. */
const TELLING_TACTICS = new Set(['suicide', 'vbied', 'beheading', 'sniper', 'kidnapping']);
/**
 * Tactics that exclude each other when both reports name one of the pair, but that early
 * reports confuse (a suicide bomber or a planted bomb; a sniper or a suicide attacker).
 */
const CLASHING_TACTICS = new Set(['ied|suicide', 'sniper|suicide']);
/** Fired from afar (mortars, rockets, shelling, aircraft)… */
const REMOTE_TACTICS = new Set(['indirect_fire', 'shelling', 'airstrike']);
/** …or brought to the target: a mortar strike and a car bomb are two happenings. */
const PLACED_TACTICS = new Set(['ied', 'suicide', 'vbied']);

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * How much of two records' words they share: the weight of the shared words over the weight
 * of all their words (a weighted Jaccard), each word weighed by its rarity in the linked set
 * (weighWords), so that "Chalabi" or "motorcycle" counts for more than "police" or "bomb".
 * Words weigh 1 each when the records were not weighed (a plain Jaccard).
 */
export function wordOverlap(a: ScoreRecord, b: ScoreRecord): number {
  const ta = a.tokens;
  const tb = b.tokens;
  if (!ta.length || !tb.length) return 0;
  const weighed = a.weights?.length === ta.length && b.weights?.length === tb.length;
  const shared = sharedWeight(ta, tb, weighed ? a.weights : undefined);
  const total = weighed ? a.weight! + b.weight! - shared : ta.length + tb.length - shared;
  return total > 0 ? shared / total : 0;
}

/** How many tokens two sorted, de-duplicated token arrays share. */
const sharedCount = (a: Uint32Array, b: Uint32Array) => sharedWeight(a, b);

/** The summed weights (`wa`, aligned with `a`; 1 each without) of the tokens `a` and `b` share. */
function sharedWeight(a: Uint32Array, b: Uint32Array, wa?: Float32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared += wa ? wa[i]! : 1;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

const isFine = (r: LinkRecord) =>
  r.lat !== null && r.geo_precision !== null && r.geo_precision <= 2;

export function decide(score: number): LinkDecision {
  return score >= MATCH ? 'match' : score >= ABSTAIN ? 'abstain' : 'distinct';
}

/** Scores one candidate pair. Pure: the same two records always give the same score. */
export function scorePair(a: ScoreRecord, b: ScoreRecord): PairScore {
  const reasons: string[] = [];
  const score = pairScore(a, b, reasons);
  return { score, decision: decide(score), reasons };
}

/**
 * The score alone, and the reasons only when `reasons` is given: the linker scores millions of
 * candidates and keeps a few, so it builds the explanation only for those it keeps.
 */
export function pairScore(a: ScoreRecord, b: ScoreRecord, reasons: string[] | null = null): number {
  return Math.round(evidence(a, b, linkWeights(), reasons, null) * 100) / 100;
}

/**
 * The features a pair shows (0/1 per FEATURES entry) and the fixed part of its score (the
 * rules no fit may soften): what the training script fits the weights on.
 */
export function pairFeatures(a: ScoreRecord, b: ScoreRecord): { fixed: number; x: number[] } {
  const x = new Array<number>(FEATURES.length + 1).fill(0);
  const zero = new Float64Array(FEATURES.length + 1);
  const fixed = evidence(a, b, zero, null, x);
  return { fixed, x: x.slice(1) };
}

const shown = (w: number) => {
  const r = Math.round(w * 100) / 100;
  return `${r > 0 ? '+' : ''}${r}`;
};

// The walk's running state lives at module level, not in closures made per pair: the linker
// scores millions of pairs, and two closures a pair showed in its profile. `evidence` is not
// re-entrant (nothing it calls scores another pair).
let score = 0;
let W: Float64Array = new Float64Array(0);
let reasons: string[] | null = null;
let x: number[] | null = null;

function fixed(w: number, why: string | (() => string)): void {
  score += w;
  if (reasons) reasons.push(`${shown(w)} ${typeof why === 'string' ? why : why()}`);
}

function add(f: Feature, why: string | (() => string)): void {
  const k = F[f];
  if (x) x[k] = 1;
  fixed(W[k]!, why);
}

/** Walks the evidence of a pair: adds each feature's weight in `weights`, noting it in `why`/`xs`. */
function evidence(
  a: ScoreRecord,
  b: ScoreRecord,
  weights: Float64Array,
  why: string[] | null,
  xs: number[] | null,
): number {
  W = weights;
  reasons = why;
  x = xs;
  score = W[0]!;

  // The same dataset lists its rows as distinct events, and one document's events are distinct
  // by construction: never merge those, whatever else agrees.
  if (a.origin === 'dataset' && b.origin === 'dataset' && a.source_id === b.source_id) {
    fixed(-8, () => `both rows of ${a.source_id}, which lists them as separate events`);
  }
  if (a.doc !== null && a.doc === b.doc)
    fixed(-8, 'read from the same document as separate events');

  // Date: overlap of the spans each precision allows; a wide span agrees with anything in it,
  // so its agreement is weaker evidence.
  const gap = Math.max(0, Math.max(a.lo, b.lo) - Math.min(a.hi, b.hi));
  const width = Math.max(a.hi - a.lo, b.hi - b.lo) + 1;
  if (gap === 0) {
    if (width <= 1) add('same_day', 'same day');
    else if (width <= 8) add('dates_overlap_week', 'dates overlap (within a week)');
    else add('dates_overlap_month', 'dates overlap (month precision)');
    // A week-precise date is still a stated day (a news item dated by its publication): a
    // precise date on it or the day before (reports follow events) agrees more than one at the
    // span's edge.
    if (width > 1 && width <= 8) {
      const wide = a.hi - a.lo > b.hi - b.lo ? a : b;
      const day = wide === a ? b : a;
      const offset = day.lo - (wide.lo + wide.hi) / 2;
      if (day.hi === day.lo && offset >= -1 && offset <= 0) {
        add('near_stated_day', 'on or a day before the week-precise date');
      }
    }
  } else if (gap === 1) add('dates_one_day_apart', 'dates one day apart');
  else if (gap <= 3) add('dates_2_3_days_apart', `dates ${gap} days apart`);
  else add('dates_far_apart', `dates ${gap} days apart`);

  // Place: distance within what the two precisions allow, else shared admin units.
  if (isFine(a) && isFine(b)) {
    const km = haversineKm(a.lat!, a.lon!, b.lat!, b.lon!);
    const r = Math.max(RADIUS_KM[a.geo_precision as 1 | 2], RADIUS_KM[b.geo_precision as 1 | 2]);
    const d = () => (km < 10 ? km.toFixed(1) : String(Math.round(km)));
    if (km <= 2) add('same_place', 'same place');
    // A "near X" location (50 km) is good evidence in its inner half, weak at its edge.
    else if (km <= (r > 10 ? r / 2 : r))
      add('within_precision', () => `${d()} km apart, within ${r} km precision`);
    else if (km <= r)
      add('edge_of_precision', () => `${d()} km apart, at the edge of ${r} km precision`);
    else if (km <= 2 * r) add('within_twice_precision', () => `${d()} km apart`);
    else add('far_apart', () => `${d()} km apart`);
  } else if (a.admin2_code && b.admin2_code) {
    if (a.admin2_code === b.admin2_code) add('same_district', 'same district');
    else add('different_districts', 'different districts');
  } else if (a.admin1_code && b.admin1_code) {
    if (a.admin1_code === b.admin1_code) add('same_governorate', 'same governorate');
    else add('different_governorates', 'different governorates');
  } else if (a.country && b.country && a.country !== b.country) {
    fixed(-6, 'different countries');
  }
  // Without coordinates on both sides, the place names are the evidence left (an IBC "Camp
  // Sara, east Baghdad" against a CPOST "Baghdad, Eastern Baghdad").
  if (!(isFine(a) && isFine(b)) && a.place.length && b.place.length) {
    const shared = sharedCount(a.place, b.place);
    if (shared >= 2) add('place_names_agree', 'place names agree');
    else if (shared === 1) add('place_names_share_word', 'place names share a word');
    else add('place_names_differ', 'place names differ');
  }

  // Coordinates at a city's centre say little about which of its bombings it was; a
  // neighbourhood named by both does, whatever the coordinates.
  if (a.rare?.length && b.rare?.length && sharedCount(a.rare, b.rare) > 0) {
    add('rare_place_names_agree', 'both name a place few reports name');
  }

  // 'unknown' is a code for no information, not a type two reports can agree on.
  if (
    a.attack_type &&
    b.attack_type &&
    a.attack_type !== 'unknown' &&
    b.attack_type !== 'unknown'
  ) {
    if (a.attack_type === b.attack_type) add('same_attack_type', `both ${a.attack_type}`);
    else if (COMPATIBLE_TYPES.has(key(a.attack_type, b.attack_type)))
      add('attack_types_compatible', 'attack types differ');
    else add('attack_types_clash', `${a.attack_type} vs ${b.attack_type}`);
  }
  if (a.tactics.length && b.tactics.length) {
    const shared = a.tactics.filter((t) => TELLING_TACTICS.has(t) && b.tactics.includes(t));
    if (shared.length) add('same_telling_tactic', () => `both ${shared.join('+')}`);
    const remote = (x: ScoreRecord, y: ScoreRecord) =>
      x.tactics.some((t) => REMOTE_TACTICS.has(t)) &&
      !x.tactics.some((t) => PLACED_TACTICS.has(t)) &&
      y.tactics.some((t) => PLACED_TACTICS.has(t)) &&
      !y.tactics.some((t) => REMOTE_TACTICS.has(t));
    if (remote(a, b) || remote(b, a)) {
      add('delivery_clash', 'tactics differ: fired from afar vs brought to the target');
    } else if (a.tactics.some((t) => b.tactics.some((u) => CLASHING_TACTICS.has(key(t, u))))) {
      add('tactics_clash', 'tactics differ');
    }
  }

  // Sources code targets differently more often than they disagree about them: police and
  // soldiers at one checkpoint, a café that is also a shop. Only a clear clash counts against.
  if (a.target_type && b.target_type) {
    if (a.target_type === b.target_type) add('same_target', () => `both target ${a.target_type}`);
    else if (!COMPATIBLE_TARGETS.has(key(a.target_type, b.target_type))) {
      add('targets_clash', () => `targets ${a.target_type} vs ${b.target_type}`);
    }
  }

  if (a.actor1 && b.actor1) {
    if (a.actor1 === b.actor1) add('same_actor', () => `both ${a.actor1}`);
    // UCDP codes a dyad with the government as side A: a report's perpetrator is its side B.
    else if (a.actor1 === b.actor2 || b.actor1 === a.actor2)
      add('actor_in_dyad', () => `${a.actor1 === b.actor2 ? a.actor1 : b.actor1} in both`);
    else add('actors_clash', () => `actors ${a.actor1} vs ${b.actor1}`);
  }

  // Casualties: close counts agree; far counts disagree, except that a claim's count is its
  // own (claims inflate; that is measured later as over-claiming, not held against the match).
  // With month-precise dates a matching toll is much of what tells two bombings apart.
  if (a.fatalities !== null && b.fatalities !== null) {
    const hi = Math.max(a.fatalities, b.fatalities);
    const rel = Math.abs(a.fatalities - b.fatalities) / Math.max(hi, 1);
    const agree = rel <= 0.3 && hi > 0;
    if (a.fatalities === b.fatalities && hi > 0) add('same_toll', () => `both ${hi} killed`);
    else if (rel <= 0.3) add('similar_tolls', 'similar death tolls');
    else if (rel > 0.6 && !a.is_claim && !b.is_claim) add('tolls_differ', 'death tolls differ');
    if (agree && hi >= 10) add('large_tolls_agree', () => `tolls agree at ${hi} killed`);
    if (agree && width > 8) add('tolls_agree_coarse_date', 'tolls agree where dates are coarse');
  }

  // Thresholds from the development split: the gold partners of month-precise CPOST rows
  // overlap their notes and places by 0.21 (median), the rival bombings of that city and month
  // by 0.04.
  const sim = wordOverlap(a, b);
  const said = () => `notes and places share telling words (${sim.toFixed(2)})`;
  if (sim >= 0.3) add('words_agree_strongly', said);
  else if (sim >= 0.16) add('words_agree', said);
  else if (sim >= 0.08) add('words_agree_weakly', said);

  reasons = null;
  x = null;
  return score;
}

/** Log-odds → probability, for the 0–1 member scores the incident table keeps. */
export const probability = (score: number) => 1 / (1 + Math.exp(-score));
