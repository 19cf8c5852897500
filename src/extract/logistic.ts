/**
 * Binary logistic regression fitted by Newton's method (IRLS) with an L2 penalty. The feature
 * vectors here are short (a few dozen entries), so the exact Hessian is cheap and the fit is
 * deterministic: no learning rate, no shuffling, the same weights on every run.
 */

export interface LogisticModel {
  bias: number;
  weights: number[];
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). Default 1. */
  l2?: number;
  /** Newton steps at most. Default 50. */
  iterations?: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** P(y = 1 | x) under `m`. */
export function predictLogistic(m: LogisticModel, x: readonly number[]): number {
  let z = m.bias;
  for (let i = 0; i < m.weights.length; i++) z += m.weights[i]! * (x[i] ?? 0);
  return sigmoid(z);
}

/**
 * Fits P(y | x) on rows `xs` (equal lengths) and labels `ys`.
 * @example fitLogistic([[0], [1], [1], [0]], [false, true, true, true]).weights[0] // > 0
 */
export function fitLogistic(
  xs: readonly (readonly number[])[],
  ys: readonly boolean[],
  options: FitOptions = {},
): LogisticModel {
  const { l2 = 1, iterations = 50 } = options;
  const d = (xs[0]?.length ?? 0) + 1; // index 0 is the bias
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let n = 0; n < xs.length; n++) {
      const x = [1, ...xs[n]!];
      let z = 0;
      for (let i = 0; i < d; i++) z += w[i]! * x[i]!;
      const p = sigmoid(z);
      const r = p - (ys[n] ? 1 : 0);
      const s = p * (1 - p);
      for (let i = 0; i < d; i++) {
        if (x[i] === 0) continue;
        grad[i]! += r * x[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += s * x[i]! * x[j]!;
      }
    }
    for (let i = 1; i < d; i++) {
      grad[i]! += l2 * w[i]!;
      hess[i]![i]! += l2;
    }
    hess[0]![0]! += 1e-6; // keeps the system solvable when a class is absent
    const step = solve(hess, grad);
    w = w.map((v, i) => v - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: w[0]!, weights: w.slice(1) };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and dense). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]!;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}
