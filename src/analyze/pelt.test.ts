import { describe, expect, it } from 'vitest';
import { pelt, poissonCost } from './pelt.js';
import { poissonSeries } from './series-test-helpers.js';

/** The same minimisation by O(n²) optimal partitioning, no pruning: the reference for tests. */
function optimalPartitioning(counts: readonly number[], penalty: number, minSegment = 2): number[] {
  const n = counts.length;
  if (n < 2 * minSegment) return [];
  const cum = [0];
  for (const c of counts) cum.push(cum.at(-1)! + c);
  const F = new Array<number>(n + 1).fill(Infinity);
  const last = new Array<number>(n + 1).fill(0);
  F[0] = -penalty;
  for (let s = minSegment; s <= n; s++) {
    for (let t = 0; t <= s - minSegment; t++) {
      if (t !== 0 && t < minSegment) continue;
      const v = F[t]! + poissonCost(cum[s]! - cum[t]!, s - t) + penalty;
      if (v < F[s]!) [F[s], last[s]] = [v, t];
    }
  }
  const cps: number[] = [];
  for (let s = last[n]!; s > 0; s = last[s]!) cps.push(s);
  return cps.reverse();
}

describe('pelt', () => {
  it('finds a step change at exactly the right index', () => {
    const counts = [...Array(20).fill(10), ...Array(20).fill(30)];
    expect(pelt(counts, 2 * Math.log(40))).toEqual([20]);
    const noisy = poissonSeries(7, [...Array(24).fill(8), ...Array(24).fill(40)]);
    expect(pelt(noisy, 2 * Math.log(48))).toEqual([24]);
  });

  it('keeps a flat series as one segment', () => {
    expect(pelt(Array(30).fill(12), 2 * Math.log(30))).toEqual([]);
    expect(pelt(poissonSeries(3, Array(60).fill(25)), 2 * Math.log(60))).toEqual([]);
  });

  it('is exact: the same answer as optimal partitioning with no pruning', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rates = Array.from({ length: 50 }, (_, i) =>
        i < 15 ? 5 : i < 22 ? 30 : i < 40 ? 12 : 2,
      );
      const counts = poissonSeries(seed, rates);
      for (const minSegment of [1, 2, 3, 5]) {
        for (const penalty of [1, 2 * Math.log(50), 20]) {
          expect(pelt(counts, penalty, minSegment), `seed ${seed} min ${minSegment}`).toEqual(
            optimalPartitioning(counts, penalty, minSegment),
          );
        }
      }
    }
  });

  it('respects the minimum segment length and rejects bad options', () => {
    const cps = pelt([0, 50, 0, 0, 0, 0, 0, 0], 1, 3);
    expect(cps.every((c, i) => c >= 3 && c - (cps[i - 1] ?? 0) >= 3 && 8 - c >= 3)).toBe(true);
    expect(() => pelt([1, 2], 1, 0)).toThrow('minSegment: 0');
    expect(() => pelt([1, 2], -1)).toThrow('penalty: -1');
    expect(poissonCost(0, 5)).toBe(0);
  });
});
