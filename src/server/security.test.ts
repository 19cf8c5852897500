/**
 * Tokens, roles, corrections with their audit trail, security headers, body and rate limits,
 * all in process against a small store with one extracted event and one dataset event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEvents } from '../analyze/test-events.js';
import { createToken, listAudit, revokeToken, Store } from '../store/index.js';
import { createApp } from './app.js';
import { EventRowSchema } from './schemas.js';
import { as, roleTokens, type Tokens } from './test-helpers.js';

const EXTRACTED = 'x:abc123';
const DATASET = 'ucdp_ged:1';

let store: Store;
let tokens: Tokens;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await Store.open(':memory:');
  await insertEvents(store, [
    {
      id: EXTRACTED,
      origin: 'extracted',
      source_id: 'telegram',
      date: '2016-05-03',
      country: 'IRQ',
      admin1: 'Ninawa',
      actor1: 'Islamic State',
      attack_type: 'bombing',
      fatalities: 4,
      lat: 36.34,
      lon: 43.13,
    },
    { id: DATASET, date: '2016-05-04', country: 'SYR', fatalities: 2 },
  ]);
  await store.run(
    `INSERT INTO documents (id, source, lang, text)
     VALUES ('doc:7', 'telegram', 'en', 'Soldiers of the caliphate detonated an IED in Mosul')`,
  );
  await store.run(
    `INSERT INTO evidence VALUES ($id, 'doc:7', 'attack_type', 39, 42), ($id, 'doc:7', 'admin1', 46, 51)`,
    { id: EXTRACTED },
  );
  tokens = await roleTokens(store);
  app = createApp({ store, auth: { anonymousRead: false } });
});
afterAll(() => store.close());

const patch = (token: string, id: string, body: unknown) =>
  app.request(`/api/events/${encodeURIComponent(id)}`, as(token, { method: 'PATCH', body }));

describe('authentication', () => {
  it('refuses reads without a token unless anonymous read is enabled', async () => {
    const res = await app.request('/api/events');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({ error: 'a viewer token is required', code: 'unauthorized' });

    const open = createApp({ store, auth: { anonymousRead: true } });
    expect((await open.request('/api/events')).status).toBe(200);
    const write = await open.request(`/api/events/${EXTRACTED}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"fatalities":5}',
    });
    expect(write.status).toBe(401);
    expect((await open.request('/api/audit')).status).toBe(401);
  });

  it('refuses an unknown or revoked token with 401, never treating it as anonymous', async () => {
    expect((await app.request('/api/events', as('sitrep_not-a-token'))).status).toBe(401);
    const { token, info } = await createToken(store, { role: 'admin', name: 'temp' });
    expect((await app.request('/api/events', as(token))).status).toBe(200);
    await revokeToken(store, info.id);
    expect((await app.request('/api/events', as(token))).status).toBe(401);
  });

  it('stores only the SHA-256 of a token', async () => {
    const rows = await store.all<{ token_sha256: string }>('SELECT token_sha256 FROM tokens');
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_sha256))).toBe(true);
    expect(rows.map((r) => r.token_sha256)).not.toContain(tokens.viewer);
  });
});

describe('event detail', () => {
  it('returns an extracted event with its evidence spans and documents', async () => {
    const res = await app.request(`/api/events/${EXTRACTED}`, as(tokens.viewer));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      event: unknown;
      evidence: { field: string; start: number; end: number }[];
      documents: { id: string; text: string }[];
    };
    expect(EventRowSchema.parse(body.event).origin).toBe('extracted');
    expect(body.evidence.map((e) => [e.field, e.start, e.end])).toEqual([
      ['attack_type', 39, 42],
      ['admin1', 46, 51],
    ]);
    expect(body.documents.map((d) => d.id)).toEqual(['doc:7']);
    expect(body.documents[0]!.text.slice(39, 42)).toBe('IED');
    expect(body.documents[0]!.text.slice(46, 51)).toBe('Mosul');
  });
});

describe('PATCH /api/events/:id', () => {
  it('is forbidden to a viewer', async () => {
    const res = await patch(tokens.viewer, EXTRACTED, { fatalities: 5 });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden' });
  });

  it('lets an analyst correct an extracted event and records each change in the audit log', async () => {
    const res = await patch(tokens.analyst, EXTRACTED, {
      fatalities: 5,
      admin1: 'Nineveh',
      tactics: ['ied'],
      attack_type: 'bombing',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { event: unknown; changes: unknown[] };
    const event = EventRowSchema.parse(body.event);
    expect(event).toMatchObject({ fatalities: 5, admin1: 'Nineveh', tactics: ['ied'] });
    // In column order; attack_type was already bombing, so it is not a change.
    expect(body.changes).toEqual([
      { field: 'admin1', old: 'Ninawa', new: 'Nineveh' },
      { field: 'tactics', old: [], new: ['ied'] },
      { field: 'fatalities', old: 4, new: 5 },
    ]);

    const audit = await app.request(`/api/audit?row_id=${EXTRACTED}`, as(tokens.analyst));
    expect(audit.status).toBe(200);
    const { entries } = (await audit.json()) as { entries: Record<string, unknown>[] };
    const analystId = (await store.one<{ id: number }>(
      `SELECT id FROM tokens WHERE name = 'analyst'`,
    ))!.id;
    expect(entries.map((e) => [e.field, e.old_value, e.new_value]).sort()).toEqual([
      ['admin1', 'Ninawa', 'Nineveh'],
      ['fatalities', 4, 5],
      ['tactics', [], ['ied']],
    ]);
    for (const e of entries) {
      expect(e).toMatchObject({
        actor: `analyst (token ${analystId})`,
        table_name: 'events',
        row_id: EXTRACTED,
      });
      expect(e.changed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    }
  });

  it('refuses to edit a dataset event', async () => {
    const res = await patch(tokens.analyst, DATASET, { fatalities: 3 });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'conflict' });
  });

  it.each([
    [{ origin: 'dataset' }, 'origin'],
    [{ id: 'x:other' }, 'id'],
    [{ fatalities: -1 }, 'fatalities'],
    [{ attack_type: 'airstrike' }, 'attack_type'],
    [{ lat: null }, 'lat'],
    [{ date_end: '2016-01-01' }, 'date_end'],
  ])('answers 400 naming the field for %j, changing nothing', async (body, field) => {
    const before = (await listAudit(store)).length;
    const res = await patch(tokens.analyst, EXTRACTED, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_parameter', field });
    expect((await listAudit(store)).length).toBe(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await app.request(`/api/events/${EXTRACTED}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${tokens.analyst}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'bad_request' });
  });

  it('answers 413 for an oversized body', async () => {
    const res = await patch(tokens.analyst, EXTRACTED, { notes: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('keeps the audit log from viewers', async () => {
    expect((await app.request('/api/audit', as(tokens.viewer))).status).toBe(403);
  });
});

describe('security headers', () => {
  it('are on every response: success, error and not found', async () => {
    for (const res of [
      await app.request('/healthz'),
      await app.request('/api/events', as(tokens.viewer)),
      await app.request('/api/events'),
      await app.request('/nowhere'),
    ]) {
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/^default-src 'self';/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has spent its burst, per token', async () => {
    let now = 1_000_000;
    const limited = createApp({
      store,
      auth: { anonymousRead: true },
      rateLimit: { burst: 3, perSecond: 0.5, now: () => now },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.request('/api/db')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await limited.request('/api/db');
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toEqual({ error: 'too many requests', code: 'rate_limited' });
    // Another client (a token) has its own bucket; time refills the first.
    expect((await limited.request('/api/db', as(tokens.viewer))).status).toBe(200);
    now += 2_000;
    expect((await limited.request('/api/db')).status).toBe(200);
  });
});
