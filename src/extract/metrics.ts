/** Classification metrics for the evaluation table: accuracy, per-class P/R/F1, weighted and macro F1. */

export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassMetrics {
  n: number;
  accuracy: number;
  weightedF1: number;
  /** Mean F1 over gold classes with at least `minSupport` examples. */
  macroF1: number;
  perClass: ClassReport[];
}

/** Metrics of `pairs` of [gold, predicted] labels (predicted may be 'none'). */
export function classMetrics(
  pairs: ReadonlyArray<readonly [string, string]>,
  minSupport = 1,
): ClassMetrics {
  const labels = [...new Set(pairs.flatMap(([g, p]) => [g, p]))].sort();
  const perClass = labels.map((label) => {
    const tp = pairs.filter(([g, p]) => g === label && p === label).length;
    const fp = pairs.filter(([g, p]) => g !== label && p === label).length;
    const support = pairs.filter(([g]) => g === label).length;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const n = pairs.length;
  const gold = perClass.filter((c) => c.support > 0);
  const macro = gold.filter((c) => c.support >= minSupport);
  return {
    n,
    accuracy: n === 0 ? 0 : pairs.filter(([g, p]) => g === p).length / n,
    weightedF1: n === 0 ? 0 : gold.reduce((s, c) => s + c.f1 * c.support, 0) / n,
    macroF1: macro.length === 0 ? 0 : macro.reduce((s, c) => s + c.f1, 0) / macro.length,
    perClass,
  };
}

/** F1 of the positive class from [gold, predicted] booleans. */
export function binaryF1(pairs: ReadonlyArray<readonly [boolean, boolean]>): number {
  const tp = pairs.filter(([g, p]) => g && p).length;
  const fp = pairs.filter(([g, p]) => !g && p).length;
  const fn = pairs.filter(([g, p]) => g && !p).length;
  return tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
}
