/** Test helpers for count series: seeded Poisson draws. */
import { seeded } from './spatial-test-helpers.js';

/** One Poisson draw per rate, from a Mulberry32 stream seeded with `seed` (Knuth's method). */
export function poissonSeries(seed: number, rates: readonly number[]): number[] {
  const random = seeded(seed);
  return rates.map((rate) => poissonDraw(random, rate));
}

/** A Poisson(rate) draw; rates up to a few hundred are fine (e^-rate stays above 0). */
export function poissonDraw(random: () => number, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}
