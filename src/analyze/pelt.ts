/**
 * PELT (Killick, Fearnhead & Eckley 2012) with a Poisson cost: the exact minimiser of
 * Σ segment costs + penalty × change points, in near-linear time thanks to pruning.
 */

/**
 * Segment cost: −2 × the Poisson log-likelihood at the segment's MLE rate S/m, without the
 * Σ log(y!) term (the same for every segmentation, so it does not move the minimum):
 * −2(S·ln(S/m) − S), 0 when S = 0.
 */
export function poissonCost(sum: number, length: number): number {
  return sum > 0 ? -2 * (sum * Math.log(sum / length) - sum) : 0;
}

/**
 * Change points of `counts` as the indices where a new segment starts (ascending, never 0).
 *
 * Exact: returns the segmentation minimising Σ poissonCost + `penalty` per change point among
 * those whose segments have at least `minSegment` periods (a series shorter than 2·minSegment
 * is one segment). Ties go to the earliest last change point, so the answer is deterministic.
 *
 * Pruning: a candidate t is dropped once F(t) + C(t, s) > F(s) and s + minSegment periods have
 * passed; it can never be optimal again because the Poisson cost is sub-additive
 * (C(t, s) + C(s, u) ≤ C(t, u)). Until then it stays, since a segment starting at s would be
 * too short.
 */
export function pelt(counts: readonly number[], penalty: number, minSegment = 2): number[] {
  const n = counts.length;
  if (!Number.isInteger(minSegment) || minSegment < 1)
    throw new RangeError(`minSegment: ${minSegment}`);
  if (!(penalty >= 0)) throw new RangeError(`penalty: ${penalty}`);
  if (n < 2 * minSegment) return [];
  const cum = [0];
  for (const c of counts) cum.push(cum.at(-1)! + c);
  const cost = (t: number, s: number) => poissonCost(cum[s]! - cum[t]!, s - t);

  const F = new Array<number>(n + 1).fill(Infinity);
  const last = new Array<number>(n + 1).fill(0);
  F[0] = -penalty;
  /** Candidate last change points, with the step at which each was marked for pruning. */
  let candidates: { t: number; prunedAt: number }[] = [];
  for (let s = minSegment; s <= n; s++) {
    const admitted = s - minSegment;
    if (admitted === 0 || admitted >= minSegment)
      candidates.push({ t: admitted, prunedAt: Infinity });
    let best = Infinity;
    let arg = 0;
    for (const { t } of candidates) {
      const v = F[t]! + cost(t, s) + penalty;
      if (v < best) [best, arg] = [v, t];
    }
    F[s] = best;
    last[s] = arg;
    candidates = candidates.filter((c) => {
      if (c.prunedAt === Infinity && F[c.t]! + cost(c.t, s) > F[s]!) c.prunedAt = s;
      return s < c.prunedAt + minSegment;
    });
  }
  const cps: number[] = [];
  for (let s = last[n]!; s > 0; s = last[s]!) cps.push(s);
  return cps.reverse();
}
