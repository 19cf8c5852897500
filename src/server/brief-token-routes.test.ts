/**
 * Briefs and tokens over HTTP, in process: the HTML brief's own script-free CSP, Markdown with
 * its figures inline, PDF (or 503 without Chromium); tokens created, listed without secrets and
 * revoked by an admin only.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertEvents, type TestEvent } from '../analyze/test-events.js';
import { chromiumAvailable } from '../report/chromium.js';
import { Store } from '../store/index.js';
import { createApp, type SitrepApp } from './app.js';
import { as, roleTokens, type Tokens } from './test-helpers.js';

let store: Store;
let tokens: Tokens;
let app: SitrepApp;

beforeAll(async () => {
  store = await Store.open(':memory:');
  const events: TestEvent[] = [];
  for (let i = 0; i < 120; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    events.push({
      id: `t:${i}`,
      date: `${2016 + (i % 2)}-${month}-${String(1 + (i % 27)).padStart(2, '0')}`,
      country: 'IRQ',
      admin1: i % 3 ? 'Ninewa' : 'Kirkuk',
      actor1: 'Islamic State',
      attack_type: i % 4 ? 'bombing' : 'armed_assault',
      fatalities: i % 5,
      lat: 36.3 + (i % 7) * 0.01,
      lon: 43.1 + (i % 5) * 0.01,
      notes: i === 0 ? '<script>window.__xss = 1</script>' : undefined,
    });
  }
  await insertEvents(store, events);
  tokens = await roleTokens(store);
  app = createApp({ store, auth: { anonymousRead: false } });
});
afterAll(() => store.close());

describe('GET /api/brief', () => {
  it('serves the HTML brief to a viewer under a CSP that forbids every script', async () => {
    const res = await app.request('/api/brief?country=IRQ&from=2016-01', as(tokens.viewer));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
    expect(csp).not.toMatch(/script-src/);
    const html = await res.text();
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/from 1[0-9]{2} events/);
  });

  it('serves Markdown with its figures as data: URIs', async () => {
    const res = await app.request('/api/brief?format=md&country=IRQ', as(tokens.viewer));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const md = await res.text();
    expect(md).toMatch(/^# /);
    expect(md).toMatch(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,/);
    expect(md).not.toMatch(/\]\(figure-/);
  });

  it('rejects bad parameters with the field named, and anonymous callers', async () => {
    const bad = await app.request('/api/brief?format=docx', as(tokens.viewer));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('format');
    const compare = await app.request('/api/brief?compare=SYR', as(tokens.viewer));
    expect(compare.status).toBe(400);
    expect(await compare.json()).toEqual({
      error: 'compare: SYR needs exactly one country in the filter',
      code: 'invalid_parameter',
      field: 'compare',
    });
    expect((await app.request('/api/brief')).status).toBe(401);
  });

  it('issues a link a tab can open without the token, for the brief only', async () => {
    const res = await app.request('/api/brief/link?country=IRQ&from=2016-01', as(tokens.viewer));
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^\/api\/brief\?country=IRQ&from=2016-01&ticket=[\w-]{32}$/);
    const page = await app.request(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<svg');
    const ticket = new URL(url, 'http://x').searchParams.get('ticket')!;
    expect((await app.request(`/api/events?ticket=${ticket}`)).status).toBe(401);
    expect((await app.request(`/api/brief?ticket=nope`)).status).toBe(401);
  });

  it.runIf(chromiumAvailable())(
    'prints the PDF brief with Chromium',
    async () => {
      const res = await app.request('/api/brief?format=pdf&country=IRQ', as(tokens.viewer));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    },
    120_000,
  );

  it('answers 503 with a clear message when Chromium is missing', async () => {
    vi.stubEnv('SITREP_CHROMIUM', '/nonexistent/chromium');
    vi.resetModules();
    try {
      const fresh = (await import('./app.js')).createApp({ store, auth: { anonymousRead: true } });
      const res = await fresh.request('/api/brief?format=pdf');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: expect.stringMatching(/^PDF briefs need Chromium, not found at \/nonexistent/),
        code: 'unavailable',
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('/api/tokens', () => {
  it('creates a token whose secret works once shown, lists it without secrets, revokes it', async () => {
    const created = await app.request(
      '/api/tokens',
      as(tokens.admin, { method: 'POST', body: { role: 'viewer', name: 'dashboard kiosk' } }),
    );
    expect(created.status).toBe(201);
    const { token, info } = (await created.json()) as {
      token: string;
      info: { id: number; role: string; name: string };
    };
    expect(info).toMatchObject({ role: 'viewer', name: 'dashboard kiosk' });
    expect((await app.request('/api/events', as(token))).status).toBe(200);

    const listed = await app.request('/api/tokens', as(tokens.admin));
    const text = await listed.text();
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/sha256|"token"/);
    const names = (JSON.parse(text) as { tokens: { name: string }[] }).tokens.map((t) => t.name);
    expect(names).toEqual(['viewer', 'analyst', 'admin', 'dashboard kiosk']);

    const revoked = await app.request(
      `/api/tokens/${info.id}`,
      as(tokens.admin, { method: 'DELETE' }),
    );
    expect(await revoked.json()).toEqual({ id: info.id, revoked: true });
    // Revocation clears the verified-token cache: refused at once.
    expect((await app.request('/api/events', as(token))).status).toBe(401);
    const again = await app.request(
      `/api/tokens/${info.id}`,
      as(tokens.admin, { method: 'DELETE' }),
    );
    expect(again.status).toBe(404);
    const all = (await (
      await app.request('/api/tokens?revoked=true', as(tokens.admin))
    ).json()) as {
      tokens: { id: number; revoked_at: string | null }[];
    };
    expect(all.tokens.find((t) => t.id === info.id)!.revoked_at).not.toBeNull();
  });

  it('is for admins only, and validates the body with the field named', async () => {
    for (const role of ['viewer', 'analyst'] as const) {
      expect((await app.request('/api/tokens', as(tokens[role]))).status).toBe(403);
      const post = as(tokens[role], { method: 'POST', body: { role: 'admin' } });
      expect((await app.request('/api/tokens', post)).status).toBe(403);
      expect(
        (await app.request('/api/tokens/1', as(tokens[role], { method: 'DELETE' }))).status,
      ).toBe(403);
    }
    const bad = await app.request(
      '/api/tokens',
      as(tokens.admin, { method: 'POST', body: { role: 'root' } }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('role');
  });

  it('tells a caller its own role', async () => {
    const me = await app.request('/api/me', as(tokens.analyst));
    expect(await me.json()).toEqual({ name: 'analyst', role: 'analyst' });
  });

  it('every new route is in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/brief',
        '/api/brief/link',
        '/api/me',
        '/api/imports',
        '/api/imports/{id}',
        '/api/tokens',
        '/api/tokens/{id}',
      ]),
    );
    expect(Object.keys(doc.paths['/api/imports']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/tokens']!).sort()).toEqual(['get', 'post']);
  });
});
