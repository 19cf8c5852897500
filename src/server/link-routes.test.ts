import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkEvents } from '../link/index.js';
import { reportsStore } from '../link/test-fixture.js';
import type { Store } from '../store/index.js';
import { createApp } from './app.js';

let store: Store;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  store = await reportsStore();
  await linkEvents(store);
  app = createApp({ store, auth: { anonymousRead: true } });
});
afterEach(() => store.close());

describe('incident and claims routes', () => {
  it('lists merged incidents with their member ids, and shows one with reasons', async () => {
    const res = await app.request('/api/incidents?minMembers=2&country=IRQ');
    expect(res.status).toBe(200);
    const page = (await res.json()) as { incidents: { id: string; members: string[] }[] };
    expect(page.incidents).toHaveLength(1);
    const [inc] = page.incidents;
    expect(inc!.members).toContain('acled:IRQ1');
    const detail = await app.request(`/api/incidents/${encodeURIComponent(inc!.id)}`);
    const body = (await detail.json()) as { status: string; members: { reasons: string[] }[] };
    expect(body.status).toBe('claimed_reported');
    expect(body.members.some((m) => m.reasons.some((r) => /same day|within/.test(r)))).toBe(true);
  });

  it('finds the incident of one event, with its members, and nothing for an unlinked one', async () => {
    const res = await app.request('/api/incidents?event=acled:IRQ1&minMembers=2');
    const page = (await res.json()) as { incidents: { id: string; members: string[] }[] };
    expect(page.incidents).toHaveLength(1);
    expect(page.incidents[0]!.members).toContain('acled:IRQ1');
    expect(page.incidents[0]!.members.length).toBeGreaterThanOrEqual(2);
    const none = await app.request('/api/incidents?event=acled:nope');
    expect(((await none.json()) as { incidents: unknown[] }).incidents).toEqual([]);
  });

  it('answers the claims summary and rejects bad parameters with the field named', async () => {
    const res = await app.request('/api/claims/summary?country=IRQ&from=2021-03&to=2021-03');
    expect(res.status).toBe(200);
    const s = (await res.json()) as { by_status: Record<string, number> };
    expect(s.by_status.claimed_reported).toBe(1);
    const bad = await app.request('/api/claims/summary?silentDays=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/silentDays/);
    expect((await app.request('/api/incidents/inc:nope')).status).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/incidents', '/api/incidents/{id}', '/api/claims/summary']),
    );
  });
});
