/**
 * Confidence of an extracted event: a probability, not a score. The raw evidence about an event
 * (which fields were found, how specific the words were) becomes a feature vector; logistic
 * maps fitted on distantly supervised text (scripts/train-calibration.mjs →
 * data/models/calibration.json) turn it into P(event right) and P(field right) per field.
 * Without the model file the old transparent formula is used, so extraction never fails on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { bundledDataPath } from '../model/index.js';
import { predictLogistic, type LogisticModel } from './logistic.js';

/** What the extractor knew about one event when it built it. */
export interface EventFeatures {
  specificTrigger: boolean;
  /** The attack type is not `unknown`. */
  typed: boolean;
  triggers: number;
  place: boolean;
  geoPrecision: number | null;
  date: boolean;
  datePrecision: number | null;
  actor: boolean;
  claimKnown: boolean;
  target: boolean;
  /** targets.ts score of the chosen target word (0 when none): weight·10 + cue 6 + victim 4. */
  targetScore: number;
  casualties: boolean;
  /** Events the document yielded. */
  events: number;
  chars: number;
  arabic: boolean;
}

/** The fields that carry their own calibrated confidence, besides the event as a whole. */
export const CALIBRATED_FIELDS = ['admin1', 'attack_type', 'target_type', 'fatalities'] as const;
export type CalibratedField = (typeof CALIBRATED_FIELDS)[number];

export const FEATURE_NAMES = [
  'specific_trigger',
  'typed',
  'triggers',
  'place',
  'geo_exact',
  'geo_coarse',
  'date',
  'date_exact',
  'actor',
  'claim_known',
  'target',
  'target_score',
  'casualties',
  'multi_event',
  'log_chars',
  'arabic',
] as const;

/** The feature vector, in FEATURE_NAMES order, each entry roughly in [0, 1]. */
export function featureVector(f: EventFeatures): number[] {
  const b = (x: boolean): number => (x ? 1 : 0);
  return [
    b(f.specificTrigger),
    b(f.typed),
    Math.min(f.triggers, 5) / 5,
    b(f.place),
    b(f.geoPrecision === 1),
    b(f.geoPrecision === 3),
    b(f.date),
    b(f.datePrecision === 1),
    b(f.actor),
    b(f.claimKnown),
    b(f.target),
    Math.max(0, f.targetScore) / 30,
    b(f.casualties),
    b(f.events > 1),
    Math.log10(1 + f.chars) / 4,
    b(f.arabic),
  ];
}

/** The model file: one logistic map per field, over FEATURE_NAMES. */
export interface CalibrationModel {
  version: 1;
  features: string[];
  fields: { event: LogisticModel } & Partial<Record<CalibratedField, LogisticModel>>;
}

/** Where the fitted model lives (committed; rebuilt by scripts/train-calibration.mjs). */
export const CALIBRATION_FILE = 'models/calibration.json';

let model: CalibrationModel | null | undefined;

/** The committed model, read once; null when absent or built for other features. */
export function calibrationModel(): CalibrationModel | null {
  if (model !== undefined) return model;
  const path = bundledDataPath(CALIBRATION_FILE);
  model = null;
  if (existsSync(path)) {
    const m = JSON.parse(readFileSync(path, 'utf8')) as CalibrationModel;
    // A model fitted on another feature layout would silently mis-weigh: ignore it instead.
    if (m.version === 1 && m.features.join() === FEATURE_NAMES.join()) model = m;
  }
  return model;
}

/** For tests and the training script: use `m` (null = the formula) instead of the file. */
export function setCalibrationModel(m: CalibrationModel | null | undefined): void {
  model = m;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The uncalibrated formula of version 0.1 (kept as the baseline the evaluation compares with). */
export function formulaConfidence(f: EventFeatures): number {
  const score =
    (f.specificTrigger ? 0.5 : 0.3) +
    (f.place ? 0.1 : 0) +
    (f.date ? 0.05 : 0) +
    (f.actor ? 0.1 : 0) +
    (f.target ? 0.1 : 0) +
    (f.casualties ? 0.1 : 0);
  return round2(Math.min(0.95, score));
}

export interface Confidences {
  confidence: number;
  fields: Partial<Record<CalibratedField, number>>;
}

/** Calibrated P(event right) and P(field right); the formula (and no per-field values) without a model. */
export function confidence(f: EventFeatures): Confidences {
  const m = calibrationModel();
  if (!m) return { confidence: formulaConfidence(f), fields: {} };
  const x = featureVector(f);
  const fields: Partial<Record<CalibratedField, number>> = {};
  for (const k of CALIBRATED_FIELDS) {
    const lm = m.fields[k];
    if (lm) fields[k] = round2(predictLogistic(lm, x));
  }
  return { confidence: round2(predictLogistic(m.fields.event, x)), fields };
}
