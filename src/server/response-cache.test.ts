import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { responseCache } from './response-cache.js';

/** An app whose one resource counts how often it was computed. */
function counting(options: Parameters<typeof responseCache>[0] = {}) {
  const app = new Hono();
  let computed = 0;
  let status: 200 | 500 = 200;
  app.use('/api/*', responseCache(options));
  app.get('/api/analyses/tempo', async (c) => {
    computed++;
    await new Promise((r) => setTimeout(r, 5));
    return c.json({ computed, country: c.req.query('country') }, status);
  });
  app.post('/api/events', (c) => c.json({ ok: true }));
  const get = async (q = 'country=IRQ') =>
    (await (await app.request(`/api/analyses/tempo?${q}`)).json()) as { computed: number };
  return {
    app,
    get,
    computed: () => computed,
    fail: (yes: boolean) => (status = yes ? 500 : 200),
  };
}

describe('responseCache', () => {
  it('answers a repeated URL from memory, and computes concurrent misses once', async () => {
    const t = counting();
    const answers = await Promise.all([t.get(), t.get(), t.get()]);
    expect(answers.map((a) => a.computed)).toEqual([1, 1, 1]);
    expect((await t.get()).computed).toBe(1);
    // Another filter is another key.
    expect((await t.get('country=SYR')).computed).toBe(2);
  });

  it('forgets everything when a write comes through', async () => {
    const t = counting();
    await t.get();
    await t.app.request('/api/events', { method: 'POST' });
    expect((await t.get()).computed).toBe(2);
  });

  it('keeps only successful answers', async () => {
    const t = counting();
    t.fail(true);
    await t.get();
    t.fail(false);
    expect((await t.get()).computed).toBe(2);
    expect((await t.get()).computed).toBe(2);
  });

  it('refreshes an answer older than maxAgeMs once, serving the old one meanwhile', async () => {
    const t = counting({ maxAgeMs: 0 });
    await t.get();
    await new Promise((r) => setTimeout(r, 2));
    const [refreshed, meanwhile] = await Promise.all([t.get(), t.get()]);
    expect([refreshed.computed, meanwhile.computed]).toEqual([2, 1]);
    expect(t.computed()).toBe(2);
  });
});
