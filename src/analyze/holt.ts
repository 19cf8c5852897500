/**
 * Damped-trend Holt smoothing, ETS(A,Ad,N) in error-correction form, fitted by grid search on
 * one-step squared error: the model behind `forecast`. Pure and deterministic.
 */

export interface HoltFit {
  alpha: number;
  beta: number;
  phi: number;
  /** Residual standard deviation of the one-step errors. */
  sigma: number;
  /** Final level and trend. */
  level: number;
  trend: number;
}

export interface HoltForecast {
  h: number;
  mean: number;
  /** Standard deviation of the h-step forecast error. */
  sd: number;
}

const ALPHAS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
const BETAS = [0, 0.02, 0.05, 0.1, 0.2];
const PHIS = [0.8, 0.85, 0.9, 0.95, 0.98];

/**
 * Fits lₜ = lₜ₋₁ + φbₜ₋₁ + αeₜ, bₜ = φbₜ₋₁ + βeₜ to `y` (at least 4 values), starting from
 * the OLS line a + bt through the first ten values (level a − b, trend b before y₀, so the
 * first forecast is about a). α ∈ {0.05 … 0.95},
 * β ∈ {0, 0.02, 0.05, 0.1, 0.2} with β ≤ α, φ ∈ {0.8 … 0.98} (Hyndman's bound), minimising
 * the sum of squared one-step errors over all n values; ties go to the first in that order.
 * σ² = SSE / (n − 3).
 */
export function fitHolt(y: readonly number[]): HoltFit {
  if (y.length < 4) throw new RangeError(`holt: needs 4 values, got ${y.length}`);
  const [a0, b0] = olsLine(y.slice(0, 10));
  let best: HoltFit | null = null;
  let bestSse = Infinity;
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      if (beta > alpha) continue;
      for (const phi of PHIS) {
        let level = a0 - b0;
        let trend = b0;
        let sse = 0;
        for (let t = 0; t < y.length; t++) {
          const f = level + phi * trend;
          const e = y[t]! - f;
          sse += e * e;
          level = f + alpha * e;
          trend = phi * trend + beta * e;
        }
        if (sse < bestSse) {
          bestSse = sse;
          best = { alpha, beta, phi, sigma: 0, level, trend };
        }
      }
    }
  }
  return { ...best!, sigma: Math.sqrt(bestSse / (y.length - 3)) };
}

/** Intercept (at t = 0) and slope of the least-squares line through (t, yₜ). */
function olsLine(y: readonly number[]): [number, number] {
  const n = y.length;
  const tBar = (n - 1) / 2;
  const yBar = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  y.forEach((v, t) => {
    sxx += (t - tBar) ** 2;
    sxy += (t - tBar) * (v - yBar);
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  return [yBar - slope * tBar, slope];
}

/**
 * Forecasts 1…horizon steps ahead: mean l + φₕb with φₕ = φ + … + φʰ, and error variance
 * σ²(1 + Σⱼ₌₁ʰ⁻¹ (α + βφⱼ)²) (Hyndman et al. 2008, class 1).
 */
export function holtForecast(fit: HoltFit, horizon: number): HoltForecast[] {
  const out: HoltForecast[] = [];
  let phiH = 0;
  let sumC2 = 0;
  for (let h = 1; h <= horizon; h++) {
    if (h > 1) sumC2 += (fit.alpha + fit.beta * phiH) ** 2;
    phiH += fit.phi ** h;
    out.push({ h, mean: fit.level + phiH * fit.trend, sd: fit.sigma * Math.sqrt(1 + sumC2) });
  }
  return out;
}
