/** The real server on a loopback socket (port 0), started the way `sitrep serve` starts it. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertEvents } from '../analyze/test-events.js';
import { Store } from '../store/index.js';
import { startServer, type RunningServer } from './serve.js';
import { roleTokens, type Tokens } from './test-helpers.js';

let store: Store;
let server: RunningServer;
let tokens: Tokens;

beforeAll(async () => {
  store = await Store.open(':memory:');
  await insertEvents(store, [
    { date: '2016-05-03', country: 'IRQ', actor1: 'Islamic State' },
    { date: '2016-05-04', country: 'SYR', actor1: 'Islamic State' },
  ]);
  tokens = await roleTokens(store);
  server = await startServer({ store, port: 0, host: '127.0.0.1', auth: { anonymousRead: false } });
});
afterAll(async () => {
  await server?.close();
  store.close();
});

it('serves /healthz and /api/events over HTTP on 127.0.0.1, then shuts down', async () => {
  expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  expect(server.port).toBeGreaterThan(0);

  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
  expect(health.headers.get('x-frame-options')).toBe('DENY');

  expect((await fetch(`${server.url}/api/events`)).status).toBe(401);
  const res = await fetch(`${server.url}/api/events?country=SYR`, {
    headers: { authorization: `Bearer ${tokens.viewer}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total: number; events: { country: string }[] };
  expect(body.total).toBe(1);
  expect(body.events[0]!.country).toBe('SYR');

  await server.close();
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
});
