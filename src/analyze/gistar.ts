/**
 * The statistics behind hotspot maps: Getis-Ord Gi* z-scores, normal p-values and
 * Benjamini-Hochberg adjusted p-values. Pure functions over plain arrays.
 */

/**
 * Getis-Ord Gi* with binary weights: `neighbours[i]` lists the cells in i's neighbourhood,
 * i itself included. With n cells, mean X̄ and S = sqrt(Σx²/n − X̄²):
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S · sqrt((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))
 *
 * (Getis & Ord 1992; Ord & Getis 1995, as in ArcGIS Hot Spot Analysis). All z are 0 when
 * every cell has the same count or there are fewer than 2 cells.
 */
export function giStar(
  counts: readonly number[],
  neighbours: readonly (readonly number[])[],
): number[] {
  const n = counts.length;
  const mean = counts.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(Math.max(0, counts.reduce((a, b) => a + b * b, 0) / n - mean * mean));
  return neighbours.map((ns) => {
    if (n < 2 || s === 0) return 0;
    const w = ns.length;
    const local = ns.reduce((a, j) => a + counts[j]!, 0);
    const denom = s * Math.sqrt((n * w - w * w) / (n - 1));
    return denom > 0 ? (local - mean * w) / denom : 0;
  });
}

/** Two-sided p-value of a standard normal z. */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values): p_(k)·m/k made monotone from the largest
 * rank down, capped at 1. A test is rejected at FDR q exactly when its adjusted p ≤ q.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let k = m; k >= 1; k--) {
    const i = order[k - 1]!;
    running = Math.min(running, (p[i]! * m) / k);
    adjusted[i] = running;
  }
  return adjusted;
}

/** ArcGIS-style bin from z and an FDR-adjusted p: ±3 (99%), ±2 (95%), ±1 (90%), 0. */
export function confidenceBin(z: number, pAdjusted: number): number {
  const level = pAdjusted <= 0.01 ? 3 : pAdjusted <= 0.05 ? 2 : pAdjusted <= 0.1 ? 1 : 0;
  return z < 0 ? -level : level;
}

/**
 * Complementary error function, W. J. Cody's rational Chebyshev approximation as given in
 * Numerical Recipes (`erfcc`), fractional error < 1.2e-7 everywhere.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
