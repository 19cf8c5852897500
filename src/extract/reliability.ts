/**
 * Reliability of a confidence: predictions binned by stated probability against the share
 * that was right, the expected calibration error (ECE: the count-weighted gap between the two)
 * and the Brier score (mean squared error of the probability).
 */

export interface ReliabilityBin {
  /** Half-open [lo, hi); the last bin includes 1. */
  lo: number;
  hi: number;
  n: number;
  meanConfidence: number;
  accuracy: number;
}

export interface Reliability {
  n: number;
  bins: ReliabilityBin[];
  ece: number;
  brier: number;
}

/**
 * Reliability of `pairs` of [stated probability, was right] in `bins` equal-width bins.
 * @example reliability([[0.9, true], [0.9, false]]).ece // 0.4
 */
export function reliability(
  pairs: ReadonlyArray<readonly [number, boolean]>,
  bins = 10,
): Reliability {
  const acc = Array.from({ length: bins }, (_, i) => ({
    lo: i / bins,
    hi: (i + 1) / bins,
    n: 0,
    sumP: 0,
    right: 0,
  }));
  let brier = 0;
  for (const [p, right] of pairs) {
    const b = acc[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))]!;
    b.n++;
    b.sumP += p;
    if (right) b.right++;
    brier += (p - (right ? 1 : 0)) ** 2;
  }
  const n = pairs.length;
  const out = acc.map((b) => ({
    lo: b.lo,
    hi: b.hi,
    n: b.n,
    meanConfidence: b.n ? b.sumP / b.n : 0,
    accuracy: b.n ? b.right / b.n : 0,
  }));
  return {
    n,
    bins: out,
    ece: n ? out.reduce((s, b) => s + (b.n / n) * Math.abs(b.meanConfidence - b.accuracy), 0) : 0,
    brier: n ? brier / n : 0,
  };
}
