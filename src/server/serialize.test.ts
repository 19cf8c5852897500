import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { readScope } from './serialize.js';

let store: Store;

beforeAll(async () => {
  store = await Store.open(':memory:');
});
afterAll(() => store.close());

describe('readScope', () => {
  it('runs a GET on a pooled connection and anything else on the main one', async () => {
    const reads = readScope(store, 2);
    const app = new Hono();
    app.use('*', reads.middleware);
    app.all('/api/x', (c) => c.json({ main: reads.store.conn === store.conn }));
    const main = async (method: string) =>
      ((await (await app.request('/api/x', { method })).json()) as { main: boolean }).main;
    expect(await main('GET')).toBe(false);
    expect(await main('POST')).toBe(true);
    expect(reads.store.conn).toBe(store.conn);
  });

  it('sees committed writes and runs no more readers at once than the pool holds', async () => {
    await store.run('CREATE TABLE t AS SELECT 1 AS x');
    let running = 0;
    let most = 0;
    const read = () =>
      store.withReader(
        async (r) => {
          most = Math.max(most, ++running);
          const row = await r.one<{ x: number }>('SELECT x FROM t');
          running--;
          return row?.x;
        },
        { max: 2 },
      );
    expect(await Promise.all([read(), read(), read(), read(), read()])).toEqual([1, 1, 1, 1, 1]);
    expect(most).toBeLessThanOrEqual(2);
  });
});
