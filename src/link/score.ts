/**
 * Pair scoring: do two events report the same happening? A Fellegi–Sunter style sum of signed
 * log-odds weights, one per piece of evidence, on top of a prior that most candidate pairs (same
 * area, same week) are different events. Each weight comes with its reason so an analyst can see
 * why two reports were merged or kept apart.
 *
 * Thresholds: score ≥ MATCH merges, score < ABSTAIN keeps apart, anything between is an explicit
 * abstention (kept apart, recorded with its reasons for review). The weights were set from the
 * precision codes' meaning and checked on the development half of the linking gold set only.
 */
import type { LinkDecision, LinkRecord, PairScore } from '../model/index.js';
import { haversineKm } from '../gazetteer/distance.js';
import { RADIUS_KM } from '../store/index.js';

export const MATCH = 2;
export const ABSTAIN = 0;
const PRIOR = -2;

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
/** Tactics that exclude each other when both reports name one of the pair. */
const CLASHING_TACTICS = new Set([
  'ied|indirect_fire',
  'indirect_fire|suicide',
  'ied|suicide',
  'airstrike|suicide',
  'airstrike|ied',
  'shelling|suicide',
  'sniper|suicide',
  'indirect_fire|vbied',
]);

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Jaccard similarity of two sorted, de-duplicated token arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (!a.length || !b.length) return 0;
  const shared = sharedCount(a, b);
  return shared / (a.length + b.length - shared);
}

/** How many tokens two sorted, de-duplicated token arrays share. */
function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
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
export function scorePair(a: LinkRecord, b: LinkRecord): PairScore {
  const reasons: string[] = [];
  const score = pairScore(a, b, reasons);
  return { score, decision: decide(score), reasons };
}

/**
 * The score alone, and the reasons only when `reasons` is given: the linker scores millions of
 * candidates and keeps a few, so it builds the explanation only for those it keeps.
 */
export function pairScore(a: LinkRecord, b: LinkRecord, reasons: string[] | null = null): number {
  let score = PRIOR;
  const add = (w: number, why: string | (() => string)) => {
    score += w;
    if (reasons) reasons.push(`${w > 0 ? '+' : ''}${w} ${typeof why === 'string' ? why : why()}`);
  };

  // The same dataset lists its rows as distinct events, and one document's events are distinct
  // by construction: never merge those, whatever else agrees.
  if (a.origin === 'dataset' && b.origin === 'dataset' && a.source_id === b.source_id) {
    add(-8, () => `both rows of ${a.source_id}, which lists them as separate events`);
  }
  if (a.doc !== null && a.doc === b.doc) add(-8, 'read from the same document as separate events');

  // Date: overlap of the spans each precision allows; a wide span agrees with anything in it,
  // so its agreement is weaker evidence.
  const gap = Math.max(0, Math.max(a.lo, b.lo) - Math.min(a.hi, b.hi));
  const width = Math.max(a.hi - a.lo, b.hi - b.lo) + 1;
  if (gap === 0) {
    if (width <= 1) add(2.5, 'same day');
    else if (width <= 8) add(1.2, 'dates overlap (within a week)');
    else add(0.4, 'dates overlap (month precision)');
  } else if (gap === 1) add(0.8, 'dates one day apart');
  else if (gap <= 3) add(-0.5, `dates ${gap} days apart`);
  else add(-4, `dates ${gap} days apart`);

  // Place: distance within what the two precisions allow, else shared admin units.
  if (isFine(a) && isFine(b)) {
    const km = haversineKm(a.lat!, a.lon!, b.lat!, b.lon!);
    const r = Math.max(RADIUS_KM[a.geo_precision as 1 | 2], RADIUS_KM[b.geo_precision as 1 | 2]);
    const d = () => (km < 10 ? km.toFixed(1) : String(Math.round(km)));
    if (km <= 2) add(2.5, 'same place');
    // A "near X" location (50 km) is good evidence in its inner half, weak at its edge.
    else if (km <= (r > 10 ? r / 2 : r))
      add(1.5, () => `${d()} km apart, within ${r} km precision`);
    else if (km <= r) add(0.8, () => `${d()} km apart, at the edge of ${r} km precision`);
    else if (km <= 2 * r) add(0, () => `${d()} km apart`);
    else add(-4, () => `${d()} km apart`);
  } else if (a.admin2_code && b.admin2_code) {
    if (a.admin2_code === b.admin2_code) add(1.2, 'same district');
    else add(-2.5, 'different districts');
  } else if (a.admin1_code && b.admin1_code) {
    if (a.admin1_code === b.admin1_code) add(0.5, 'same governorate');
    else add(-4, 'different governorates');
  } else if (a.country && b.country && a.country !== b.country) {
    add(-6, 'different countries');
  }
  // Without coordinates on both sides, the place names are the evidence left (an IBC "Camp
  // Sara, east Baghdad" against a CPOST "Baghdad, Eastern Baghdad").
  if (!(isFine(a) && isFine(b)) && a.place.length && b.place.length) {
    const shared = sharedCount(a.place, b.place);
    if (shared >= 2) add(1.8, 'place names agree');
    else if (shared === 1) add(1, 'place names share a word');
    else add(-0.5, 'place names differ');
  }

  // 'unknown' is a code for no information, not a type two reports can agree on.
  if (
    a.attack_type &&
    b.attack_type &&
    a.attack_type !== 'unknown' &&
    b.attack_type !== 'unknown'
  ) {
    if (a.attack_type === b.attack_type) add(0.8, `both ${a.attack_type}`);
    else if (COMPATIBLE_TYPES.has(key(a.attack_type, b.attack_type)))
      add(-0.5, 'attack types differ');
    else add(-2, `${a.attack_type} vs ${b.attack_type}`);
  }
  if (a.tactics.length && b.tactics.length) {
    const shared = a.tactics.filter((t) => TELLING_TACTICS.has(t) && b.tactics.includes(t));
    if (shared.length) add(0.8, () => `both ${shared.join('+')}`);
    const clash = a.tactics.some((t) => b.tactics.some((u) => CLASHING_TACTICS.has(key(t, u))));
    if (clash) add(-1, 'tactics differ');
  }

  // Sources code targets differently more often than they disagree about them: police and
  // soldiers at one checkpoint, a café that is also a shop. Only a clear clash counts against.
  if (a.target_type && b.target_type) {
    if (a.target_type === b.target_type) add(0.6, () => `both target ${a.target_type}`);
    else if (!COMPATIBLE_TARGETS.has(key(a.target_type, b.target_type))) {
      add(-0.4, () => `targets ${a.target_type} vs ${b.target_type}`);
    }
  }

  if (a.actor1 && b.actor1) {
    if (a.actor1 === b.actor1) add(0.5, () => `both ${a.actor1}`);
    else add(-2.5, () => `actors ${a.actor1} vs ${b.actor1}`);
  }

  // Casualties: close counts agree; far counts disagree, except that a claim's count is its
  // own (claims inflate; that is measured later as over-claiming, not held against the match).
  if (a.fatalities !== null && b.fatalities !== null) {
    const hi = Math.max(a.fatalities, b.fatalities);
    const rel = Math.abs(a.fatalities - b.fatalities) / Math.max(hi, 1);
    if (a.fatalities === b.fatalities && hi > 0) add(1, () => `both ${hi} killed`);
    else if (rel <= 0.3) add(0.6, 'similar death tolls');
    else if (rel > 0.6 && !a.is_claim && !b.is_claim) add(-1, 'death tolls differ');
  }

  const sim = jaccard(a.tokens, b.tokens);
  if (sim >= 0.6) add(1.5, () => `notes alike (${sim.toFixed(2)})`);
  else if (sim >= 0.3) add(0.6, () => `notes share words (${sim.toFixed(2)})`);

  return Math.round(score * 100) / 100;
}

/** Log-odds → probability, for the 0–1 member scores the incident table keeps. */
export const probability = (score: number) => 1 / (1 + Math.exp(-score));
