/**
 * Upper tail probabilities P(X ≥ x) of Poisson and negative-binomial counts, summed term by
 * term from the log-pmf (exact up to floating point; no incomplete-gamma approximation).
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(X ≥ x) from the log-pmf at x and the ratio pmf(k+1)/pmf(k). Sums upward from x when x is
 * above the mean (tail small, no cancellation), else 1 − the sum below x.
 */
function upperTail(
  x: number,
  mean: number,
  logPmf: (k: number) => number,
  ratio: (k: number) => number,
): number {
  if (x <= 0) return 1;
  if (x > mean) {
    let term = Math.exp(logPmf(x));
    let sum = 0;
    for (let k = x; term > 0 && term > sum * 1e-17; k++) {
      sum += term;
      term *= ratio(k);
    }
    return Math.min(1, sum);
  }
  let term = Math.exp(logPmf(0));
  let below = 0;
  for (let k = 0; k < x; k++) {
    below += term;
    term *= ratio(k);
  }
  return Math.max(0, 1 - below);
}

/** P(X ≥ x) for X ~ Poisson(mean). */
export function poissonUpperTail(x: number, mean: number): number {
  if (mean <= 0) return x <= 0 ? 1 : 0;
  return upperTail(
    x,
    mean,
    (k) => k * Math.log(mean) - mean - lnGamma(k + 1),
    (k) => mean / (k + 1),
  );
}

/** P(X ≥ x) for a negative binomial with this mean and size r (variance mean + mean²/r). */
export function negBinUpperTail(x: number, mean: number, size: number): number {
  if (mean <= 0) return x <= 0 ? 1 : 0;
  const q = mean / (size + mean);
  return upperTail(
    x,
    mean,
    (k) =>
      lnGamma(k + size) -
      lnGamma(size) -
      lnGamma(k + 1) +
      size * Math.log(size / (size + mean)) +
      k * Math.log(q),
    (k) => ((k + size) / (k + 1)) * q,
  );
}

/**
 * P(X ≥ x) with mean and variance by the method of moments: negative binomial with size
 * mean²/(variance − mean) when variance > mean, else Poisson.
 */
export function countUpperTail(
  x: number,
  mean: number,
  variance: number,
): { p: number; method: 'negbin' | 'poisson' } {
  if (variance > mean && mean > 0) {
    return { p: negBinUpperTail(x, mean, (mean * mean) / (variance - mean)), method: 'negbin' };
  }
  return { p: poissonUpperTail(x, mean), method: 'poisson' };
}
