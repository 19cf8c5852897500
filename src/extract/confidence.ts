/**
 * Confidence of an extracted event — NOT YET CALIBRATED. A transparent formula over which
 * fields were found, to be replaced by a calibration on held-out labelled data (issue 4):
 *   0.30 for a generic trigger ("attacked", "killed"), 0.50 for a specific one ("car bomb"),
 *   + 0.10 place, + 0.05 date, + 0.10 actor, + 0.10 target, + 0.10 casualties, capped at 0.95.
 */
export interface ConfidenceInputs {
  specificTrigger: boolean;
  place: boolean;
  date: boolean;
  actor: boolean;
  target: boolean;
  casualties: boolean;
}

export function confidence(f: ConfidenceInputs): number {
  const score =
    (f.specificTrigger ? 0.5 : 0.3) +
    (f.place ? 0.1 : 0) +
    (f.date ? 0.05 : 0) +
    (f.actor ? 0.1 : 0) +
    (f.target ? 0.1 : 0) +
    (f.casualties ? 0.1 : 0);
  return Math.round(Math.min(0.95, score) * 100) / 100;
}
