import { describe, expect, it } from 'vitest';
import { countUpperTail, lnGamma, negBinUpperTail, poissonUpperTail } from './count-tail.js';

describe('count tails', () => {
  it('lnGamma matches factorials', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(6)).toBeCloseTo(Math.log(120), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('Poisson tail agrees with the direct sum', () => {
    // P(X ≥ 3 | λ = 2) = 1 − e^-2 (1 + 2 + 2) = 0.3233235838169366
    expect(poissonUpperTail(3, 2)).toBeCloseTo(0.3233235838169366, 14);
    expect(poissonUpperTail(0, 2)).toBe(1);
    // far tail stays accurate: P(X ≥ 20 | λ = 2) ≈ 5.6e-13
    const direct = Array.from({ length: 40 }, (_, j) => 20 + j).reduce(
      (a, k) => a + Math.exp(k * Math.log(2) - 2 - lnGamma(k + 1)),
      0,
    );
    expect(poissonUpperTail(20, 2) / direct).toBeCloseTo(1, 10);
  });

  it('negative binomial with size 1 is geometric', () => {
    // size 1, mean m: P(X ≥ x) = (m/(1+m))^x
    expect(negBinUpperTail(4, 3, 1)).toBeCloseTo((3 / 4) ** 4, 12);
    expect(negBinUpperTail(1, 3, 1)).toBeCloseTo(3 / 4, 12);
  });

  it('falls back to Poisson when the variance does not exceed the mean', () => {
    expect(countUpperTail(5, 2, 1.5)).toEqual({ p: poissonUpperTail(5, 2), method: 'poisson' });
    expect(countUpperTail(5, 2, 6).method).toBe('negbin');
    expect(countUpperTail(5, 2, 6).p).toBeGreaterThan(poissonUpperTail(5, 2));
  });
});
