/** The comms routes in process, on a small app of their own (createApp mounts them too). */
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../ingest/comms/ingest.js';
import {
  CommsNetworkResultSchema,
  CommsOpsShareResultSchema,
  CommsTermsResultSchema,
  CommsVolumeResultSchema,
  CommsVsAttacksResultSchema,
} from '../model/comms.js';
import { Store } from '../store/index.js';
import type { AppEnv } from './auth.js';
import { commsRoutes } from './comms-routes.js';
import { errorHandler } from './errors.js';
import { validationHook } from './params.js';

let store: Store;
let app: OpenAPIHono<AppEnv>;

beforeAll(async () => {
  store = await Store.open(':memory:');
  await ingestDocuments(store, 'test/fixtures/comms/tweets.csv');
  await ingestDocuments(store, 'test/fixtures/comms/claims-reposted.ndjson');
  app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(errorHandler);
  commsRoutes(app, store);
});
afterAll(() => store.close());

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('/api/comms', () => {
  it('serves volume with its filter and options, in the result schema', async () => {
    const { status, body } = await get(
      '/api/comms/volume?channel=%D9%88%D9%83%D8%A7%D9%84%D8%A9%20%D8%A3%D8%B9%D9%85%D8%A7%D9%82&by=day&groupBy=lang',
    );
    expect(status).toBe(200);
    const r = CommsVolumeResultSchema.parse(body);
    expect(r).toMatchObject({ n: 2, by: 'day', filter: { channel: ['وكالة أعماق'] } });
  });

  it('serves network, terms, ops-share and vs-attacks', async () => {
    CommsNetworkResultSchema.parse((await get('/api/comms/network?kinds=retweet,mention')).body);
    CommsTermsResultSchema.parse(
      (await get('/api/comms/terms?focusFrom=2016-03&focusTo=2016-03&kind=words')).body,
    );
    CommsOpsShareResultSchema.parse((await get('/api/comms/ops-share?method=extract')).body);
    const vs = CommsVsAttacksResultSchema.parse(
      (await get('/api/comms/vs-attacks?country=IRQ&maxLag=2&difference=false')).body,
    );
    expect(vs.lags).toHaveLength(5);
    expect(vs.event_filter).toEqual({ country: ['IRQ'] });
  });

  it('answers 400 naming the parameter', async () => {
    expect(await get('/api/comms/volume?from=2016/01')).toMatchObject({
      status: 400,
      body: { code: 'invalid_parameter', field: 'from' },
    });
    expect(await get('/api/comms/network?kinds=likes')).toMatchObject({
      status: 400,
      body: { field: 'kinds' },
    });
    expect(await get('/api/comms/volume?top=0')).toMatchObject({
      status: 400,
      body: { field: 'top' },
    });
    expect(await get('/api/comms/terms?focusFrom=2016-03')).toMatchObject({
      status: 400,
      body: { field: 'focusFrom' },
    });
    expect(await get('/api/comms/vs-attacks?country=Iraq')).toMatchObject({
      status: 400,
      body: { field: 'country' },
    });
  });

  it('describes every route in the OpenAPI document', () => {
    const doc = app.getOpenAPIDocument({ openapi: '3.0.3', info: { title: 't', version: '1' } });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([
      '/api/comms/network',
      '/api/comms/ops-share',
      '/api/comms/terms',
      '/api/comms/volume',
      '/api/comms/vs-attacks',
    ]);
  });
});
