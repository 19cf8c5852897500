import { describe, expect, it } from 'vitest';
import { mapOrdered } from './bounded.js';

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

describe('mapOrdered', () => {
  it('runs at most `limit` calls at once and yields results in input order', async () => {
    let running = 0;
    let most = 0;
    const out: number[] = [];
    for await (const r of mapOrdered([5, 4, 3, 2, 1, 0], 2, async (x) => {
      most = Math.max(most, ++running);
      await sleep(x * 5);
      running--;
      return x * 10;
    }))
      out.push(r);
    expect(out).toEqual([50, 40, 30, 20, 10, 0]);
    expect(most).toBe(2);
  });

  it('rejects a limit below one', async () => {
    const it = mapOrdered([1], 0, async (x) => x);
    await expect(it.next()).rejects.toThrow('concurrency: 0');
  });

  it('passes a failed call on in its turn', async () => {
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const r of mapOrdered([1, 2, 3], 2, async (x) => {
          if (x === 2) throw new Error('boom');
          return x;
        }))
          got.push(r);
      })(),
    ).rejects.toThrow('boom');
    expect(got).toEqual([1]);
  });
});
