/**
 * What the dashboard needs from the server, in process: the built files with the right types and
 * cache headers (and nothing outside web/dist), the strict CSP, and the /api/map routes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEvents } from '../../src/analyze/test-events.js';
import { createApp } from '../../src/server/app.js';
import { as, roleTokens, type Tokens } from '../../src/server/test-helpers.js';
import { Store } from '../../src/store/index.js';

let dir: string;
let store: Store;
let tokens: Tokens;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-static-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'dist', 'assets', 'worker-abc123.mjs'), 'self.onmessage = null');
  writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'outside the web root');
  store = await Store.open(':memory:');
  await insertEvents(store, [
    { id: 'a', date: '2016-05-03', country: 'IRQ', actor1: 'Islamic State', lat: 36.3, lon: 43.1 },
    { id: 'b', date: '2016-06-04', country: 'SYR', actor1: 'Islamic State', lat: 35.9, lon: 39 },
    { id: 'c', date: '2017-01-02', country: 'SYR', attack_type: 'bombing' },
  ]);
  tokens = await roleTokens(store);
  app = createApp({ store, auth: { anonymousRead: false }, webRoot: join(dir, 'dist') });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves index.html at / and for extensionless paths, revalidated on every load', async () => {
    for (const path of ['/', '/events/x']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>t</title>');
    }
  });

  it('serves hashed assets with their types, cached as immutable', async () => {
    const cases = [
      ['/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
      ['/assets/worker-abc123.mjs', 'text/javascript; charset=utf-8'],
      ['/assets/index-abc123.css', 'text/css; charset=utf-8'],
    ];
    for (const [path, type] of cases) {
      const res = await app.request(path!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers a missing asset with a 404 and never reads outside the web root', async () => {
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('outside the web root');
    }
  });

  it('leaves /api/* to the API: unknown routes stay JSON 404s', async () => {
    const res = await app.request('/api/nope', as(tokens.viewer));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
  });

  it("keeps the CSP strict: scripts, styles and workers from 'self' only", async () => {
    const csp = (await app.request('/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('is not mounted without webRoot (API only)', async () => {
    const apiOnly = createApp({ store, auth: { anonymousRead: false } });
    expect((await apiOnly.request('/')).status).toBe(404);
  });
});

describe('/api/map', () => {
  const get = (path: string) => app.request(path, as(tokens.viewer));

  it('serves the bundled admin1 boundaries of Iraq and Syria as one FeatureCollection', async () => {
    const res = await get('/api/map/layers/admin1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const fc = (await res.json()) as {
      features: { properties: { country: string; code: string } }[];
    };
    const countries = fc.features.map((f) => f.properties.country);
    expect(countries.filter((c) => c === 'IRQ')).toHaveLength(18);
    expect(countries.filter((c) => c === 'SYR')).toHaveLength(14);
    expect((await get('/api/map/layers/rivers')).status).toBe(200);
    expect((await get('/api/map/layers/nope')).status).toBe(400);
  });

  it('needs a token like every read', async () => {
    expect((await app.request('/api/map/layers/admin1')).status).toBe(401);
  });

  it('returns located events matching the filter as bare points', async () => {
    const fc = (await (await get('/api/map/points?country=SYR')).json()) as {
      features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    expect(fc.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [39, 35.9] },
        properties: { id: 'b' },
      },
    ]);
    expect((await get('/api/map/points?from=nope')).status).toBe(400);
  });

  it('bins the points past the limit: counts per cell, ids only for lone events', async () => {
    const binning = createApp({ store, auth: { anonymousRead: true }, maxMapPoints: 1 });
    // Two events inside one 0.05° cell (800.4 and 800.6 cells east, 700.4 and 700.6 north).
    await insertEvents(store, [
      { id: 'p1', date: '2016-05-04', country: 'SYR', lat: 35.02, lon: 40.02 },
      { id: 'p2', date: '2016-05-05', country: 'SYR', lat: 35.03, lon: 40.03 },
    ]);
    try {
      const fc = (await (await binning.request('/api/map/points')).json()) as {
        binned: boolean;
        features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
      };
      expect(fc.binned).toBe(true);
      expect(fc.features.map((f) => [f.geometry.coordinates, f.properties])).toEqual([
        [[39, 35.9], { id: 'b', n: 1 }],
        [[40.025, 35.025], { n: 2 }],
        [[43.1, 36.3], { id: 'a', n: 1 }],
      ]);
      // Under the limit nothing changes.
      const one = await (await binning.request('/api/map/points?country=IRQ')).json();
      expect(one).toMatchObject({ binned: false, features: [{ properties: { id: 'a' } }] });
    } finally {
      await store.run(`DELETE FROM events WHERE id IN ('p1', 'p2')`);
    }
  });

  it('lists filter values with counts and the date range over all events', async () => {
    const facets = await (await get('/api/map/facets')).json();
    expect(facets).toMatchObject({
      total: 3,
      country: [
        { value: 'SYR', n: 2 },
        { value: 'IRQ', n: 1 },
      ],
      actor: [{ value: 'Islamic State', n: 2 }],
      attack_type: [{ value: 'bombing', n: 1 }],
      first: '2016-05-03',
      last: '2017-01-02',
    });
  });
});
