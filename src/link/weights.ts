/**
 * The weights of the pair scorer: one log-odds weight per piece of evidence (feature), plus the
 * prior. The hand-set weights were chosen from the precision codes' meaning; a learned set
 * (logistic regression over the same features on the development half of the gold sets, fitted
 * by scripts/train-link.mjs) replaces them when data/models/link.json is present and was fitted
 * on this feature layout. Either way every score is a sum of named weights, so it explains itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { bundledDataPath } from '../model/index.js';

/** The evidence a pair can show; each fires at most once per pair (0/1 features). */
export const FEATURES = [
  'same_day',
  'dates_overlap_week',
  'dates_overlap_month',
  'near_stated_day',
  'dates_one_day_apart',
  'dates_2_3_days_apart',
  'dates_far_apart',
  'same_place',
  'within_precision',
  'edge_of_precision',
  'within_twice_precision',
  'far_apart',
  'same_district',
  'different_districts',
  'same_governorate',
  'different_governorates',
  'place_names_agree',
  'place_names_share_word',
  'place_names_differ',
  'rare_place_names_agree',
  'same_attack_type',
  'attack_types_compatible',
  'attack_types_clash',
  'same_telling_tactic',
  'tactics_clash',
  'delivery_clash',
  'same_target',
  'targets_clash',
  'same_actor',
  'actor_in_dyad',
  'actors_clash',
  'same_toll',
  'similar_tolls',
  'tolls_differ',
  'large_tolls_agree',
  'tolls_agree_coarse_date',
  'words_agree_weakly',
  'words_agree',
  'words_agree_strongly',
] as const;
export type Feature = (typeof FEATURES)[number];

/** Feature → its index in a weight vector (index 0 of which is the prior). */
export const F = Object.fromEntries(FEATURES.map((f, k) => [f, k + 1])) as Record<Feature, number>;

export const HAND_PRIOR = -2;
/** The hand-set weights (the fallback when no fitted model is present). */
export const HAND_WEIGHTS: Readonly<Record<Feature, number>> = {
  same_day: 2.5,
  dates_overlap_week: 1.2,
  dates_overlap_month: 0.4,
  near_stated_day: 0,
  dates_one_day_apart: 0.8,
  dates_2_3_days_apart: -0.5,
  dates_far_apart: -4,
  same_place: 2.5,
  within_precision: 1.5,
  edge_of_precision: 0.8,
  within_twice_precision: 0,
  far_apart: -4,
  same_district: 1.2,
  different_districts: -2.5,
  same_governorate: 0.5,
  different_governorates: -4,
  place_names_agree: 1.8,
  place_names_share_word: 1,
  place_names_differ: -0.5,
  rare_place_names_agree: 0,
  same_attack_type: 0.8,
  attack_types_compatible: -0.5,
  attack_types_clash: -2,
  same_telling_tactic: 0.8,
  tactics_clash: -1,
  // As strong as a clash of attack types: early reports do mistake a mortar round for a
  // roadside bomb, so with everything else agreeing the pair is a close call for review.
  delivery_clash: -2,
  same_target: 0.6,
  targets_clash: -0.4,
  same_actor: 0.5,
  // A dataset coding a dyad (UCDP: side A is the government by convention) names the
  // perpetrator of a report as its second actor: that is agreement, not a clash.
  actor_in_dyad: 0.3,
  actors_clash: -2.5,
  same_toll: 1,
  similar_tolls: 0.6,
  tolls_differ: -1,
  large_tolls_agree: 0,
  tolls_agree_coarse_date: 0,
  words_agree_weakly: 0.3,
  words_agree: 0.7,
  words_agree_strongly: 1.5,
};

/** A fitted weight set as committed in data/models/link.json. */
export interface LinkModel {
  version: 1;
  features: string[];
  prior: number;
  weights: Record<string, number>;
  /** What it was fitted on and how it scored (printed by the training script). */
  notes?: unknown;
}

export const LINK_MODEL_FILE = 'models/link.json';

/** A weight vector: index 0 the prior, then one weight per feature in FEATURES order. */
export function weightVector(prior: number, weights: Readonly<Record<string, number>>) {
  const w = new Float64Array(FEATURES.length + 1);
  w[0] = prior;
  for (const f of FEATURES) w[F[f]] = weights[f] ?? 0;
  return w;
}

export const HAND = weightVector(HAND_PRIOR, HAND_WEIGHTS);

let active: Float64Array | undefined;

/** The weights in use: the committed model when it fits this feature layout, else the hand set. */
export function linkWeights(): Float64Array {
  if (active) return active;
  active = HAND;
  const path = bundledDataPath(LINK_MODEL_FILE);
  if (existsSync(path)) {
    const m = JSON.parse(readFileSync(path, 'utf8')) as LinkModel;
    // A model fitted on another feature layout would silently mis-weigh: ignore it instead.
    if (m.version === 1 && m.features.join() === FEATURES.join()) {
      active = weightVector(m.prior, m.weights);
    }
  }
  return active;
}

/** For tests, evaluation and training: use `m` (null = the hand-set weights; undefined = the file). */
export function setLinkModel(m: LinkModel | null | undefined): void {
  active = m === undefined ? undefined : m === null ? HAND : weightVector(m.prior, m.weights);
}
