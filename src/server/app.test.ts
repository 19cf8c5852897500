/**
 * Every read route in process (`app.request`) against the bundled UCDP GED Syria 2016–2019
 * file: shapes parsed with the model's schemas, filters, paging, sorting, bbox, exports, and
 * 400s that name the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { importFile } from '../ingest/importer.js';
import {
  ConcentrationResultSchema,
  DispersionResultSchema,
  DocumentSchema,
  HotspotResultSchema,
  RiverResultSchema,
  TempoResultSchema,
} from '../model/index.js';
import { Store } from '../store/index.js';
import { createApp } from './app.js';
import { EventRowSchema } from './schemas.js';
import { as, roleTokens, type Tokens } from './test-helpers.js';

const FILE = 'data/events/ucdp_ged_syria_2016_2019.csv.gz';
const PageSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  events: z.array(EventRowSchema),
});

let store: Store;
let tokens: Tokens;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await Store.open(':memory:');
  await importFile(store, FILE);
  tokens = await roleTokens(store);
  app = createApp({ store, auth: { anonymousRead: false } });
});
afterAll(() => store.close());

async function get(path: string): Promise<{ status: number; body: unknown; res: Response }> {
  const res = await app.request(path, as(tokens.viewer));
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json');
  return { status: res.status, body: json ? JSON.parse(text) : text, res };
}

async function count(where: string, params: Record<string, string> = {}): Promise<number> {
  const row = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM events WHERE ${where}`,
    params,
  );
  return row!.n;
}

describe('GET /api/events', () => {
  it('returns the first page of all events, newest first, with the total', async () => {
    const { status, body } = await get('/api/events');
    expect(status).toBe(200);
    const page = PageSchema.parse(body);
    expect(page.total).toBe(await count('true'));
    expect(page.events).toHaveLength(50);
    const dates = page.events.map((e) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('filters by country, actor alias and date range as the CLI does', async () => {
    const { status, body } = await get(
      '/api/events?country=syr&actor=ISIS&from=2017-01&to=2017-06&limit=1000',
    );
    expect(status).toBe(200);
    const page = PageSchema.parse(body);
    const expected = await count(
      `country = 'SYR' AND 'Islamic State' IN (actor1, actor2)
       AND date BETWEEN '2017-01-01' AND '2017-06-30'`,
    );
    expect(expected).toBeGreaterThan(0);
    expect(page.total).toBe(expected);
    for (const e of page.events) {
      expect([e.actor1, e.actor2]).toContain('Islamic State');
      expect(e.date >= '2017-01-01' && e.date <= '2017-06-30').toBe(true);
    }
  });

  it('pages with limit and offset without overlap', async () => {
    const a = PageSchema.parse((await get('/api/events?limit=20&offset=0')).body);
    const b = PageSchema.parse((await get('/api/events?limit=10&offset=10')).body);
    expect(b.events.map((e) => e.id)).toEqual(a.events.slice(10).map((e) => e.id));
    expect(b.offset).toBe(10);
  });

  it('sorts by fatalities, most first, unknown counts last', async () => {
    const page = PageSchema.parse((await get('/api/events?sort=fatalities&limit=5')).body);
    const max = await store.one<{ m: number }>('SELECT max(fatalities) AS m FROM events');
    expect(page.events[0]!.fatalities).toBe(max!.m);
    const f = page.events.map((e) => e.fatalities ?? -1);
    expect([...f].sort((x, y) => y - x)).toEqual(f);
    const asc = PageSchema.parse((await get('/api/events?sort=date&order=asc&limit=1')).body);
    expect(asc.events[0]!.date).toBe('2016-01-01');
  });

  it('keeps only events inside a bbox (Raqqa area)', async () => {
    const bbox = [38.8, 35.8, 39.2, 36.1];
    const page = PageSchema.parse((await get(`/api/events?bbox=${bbox}&limit=1000`)).body);
    expect(page.total).toBe(await count('lon BETWEEN 38.8 AND 39.2 AND lat BETWEEN 35.8 AND 36.1'));
    expect(page.total).toBeGreaterThan(0);
    for (const e of page.events) {
      expect(e.lon! >= 38.8 && e.lon! <= 39.2 && e.lat! >= 35.8 && e.lat! <= 36.1).toBe(true);
    }
  });

  it('answers concurrent requests on the one store connection', async () => {
    const paths = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 3 ? '/api/analyses/tempo?country=SYR' : `/api/events?limit=5&offset=${i}`,
    );
    const results = await Promise.all(paths.map((p) => get(p)));
    expect(results.map((r) => r.status)).toEqual(paths.map(() => 200));
  });

  it.each([
    ['from=yesterday', 'from'],
    ['limit=5000', 'limit'],
    ['limit=0', 'limit'],
    ['offset=-1', 'offset'],
    ['sort=notes', 'sort'],
    ['type=airstrike', 'type'],
    ['country=Syria', 'country'],
    ['from=2019&to=2018', 'from'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=40,36,39,37', 'bbox'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const { status, body } = await get(`/api/events?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'invalid_parameter', field });
    expect((body as { error: string }).error).toMatch(new RegExp(`^${field}: `));
  });
});

describe('GET /api/events/:id', () => {
  it('returns one event with empty evidence for a dataset row', async () => {
    const first = PageSchema.parse((await get('/api/events?limit=1')).body).events[0]!;
    const { status, body } = await get(`/api/events/${encodeURIComponent(first.id)}`);
    expect(status).toBe(200);
    expect(body).toEqual({ event: first, evidence: [], documents: [] });
  });

  it('answers 404 JSON for an unknown id', async () => {
    const { status, body } = await get('/api/events/nope:1');
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'not_found' });
  });
});

describe('GET /api/analyses/*', () => {
  const filter = 'country=SYR&actor=Islamic%20State&from=2016-01&to=2019-11';

  it('tempo takes the CLI filter and its options', async () => {
    const { status, body } = await get(`/api/analyses/tempo?${filter}&by=month&rollingWindow=6`);
    expect(status).toBe(200);
    const r = TempoResultSchema.parse(body);
    expect(r.periods).toHaveLength(47);
    expect(r.rolling_window).toBe(6);
    expect(r.filter.actor).toEqual(['Islamic State']);
  });

  it('concentration, dispersion, hotspots and rivers return their typed results', async () => {
    const cases = [
      ['concentration?level=admin1&topK=2', ConcentrationResultSchema],
      ['dispersion?epsKm=15&minPoints=4', DispersionResultSchema],
      ['hotspots?resolution=4&fdrQ=0.1', HotspotResultSchema],
      ['rivers?bandsKm=5,20', RiverResultSchema],
    ] as const;
    for (const [path, schema] of cases) {
      const { status, body } = await get(`/api/analyses/${path}&${filter}`);
      expect(status, path).toBe(200);
      expect(schema.parse(body).n).toBeGreaterThan(1000);
    }
  });

  it('findings are sentences about the filtered events', async () => {
    const { status, body } = await get(`/api/analyses/findings?${filter}`);
    expect(status).toBe(200);
    const r = body as { analysis: string; findings: string[] };
    expect(r.analysis).toBe('findings');
    expect(r.findings[0]).toMatch(/Islamic State/);
  });

  it.each([
    ['tempo?by=year', 'by'],
    ['tempo?rollingWindow=0', 'rollingWindow'],
    ['concentration?level=admin9', 'level'],
    ['hotspots?resolution=12', 'resolution'],
    ['rivers?bandsKm=5,x', 'bandsKm'],
    ['dispersion?from=last-week', 'from'],
  ])('answers 400 naming the option for %s', async (path, field) => {
    const { status, body } = await get(`/api/analyses/${path}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'invalid_parameter', field });
  });
});

describe('GET /api/export', () => {
  const filter = 'country=SYR&from=2019-11-01&to=2019-11-30';

  it('streams CSV as an attachment with one line per event', async () => {
    const { status, body, res } = await get(`/api/export?format=csv&${filter}`);
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sitrep-events.csv"');
    const rows = parseCsv(body as string, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!).slice(0, 2)).toEqual(['id', 'origin']);
    expect(rows.length).toBe(await count(`date BETWEEN '2019-11-01' AND '2019-11-30'`));
  });

  it('streams GeoJSON features with point geometries', async () => {
    const { status, body, res } = await get(`/api/export?format=geojson&${filter}`);
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const fc = JSON.parse(body as string) as {
      type: string;
      features: { geometry: { type: string } }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(await count(`date BETWEEN '2019-11-01' AND '2019-11-30'`));
    expect(fc.features[0]!.geometry.type).toBe('Point');
  });

  it('sends Parquet as binary', async () => {
    const res = await app.request(`/api/export?format=parquet&${filter}`, as(tokens.viewer));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
  });

  it('answers 400 for an unknown format', async () => {
    const { status, body } = await get('/api/export?format=xlsx');
    expect(status).toBe(400);
    expect(body).toMatchObject({ field: 'format' });
  });
});

describe('GET /api/documents and /api/db', () => {
  it('lists documents with their total', async () => {
    await store.run(
      `INSERT INTO documents (id, source, published_at, lang, text)
       VALUES ('doc:1', 'test', '2019-03-01T10:00:00Z', 'en', 'A <script>alert(1)</script> post')`,
    );
    const { status, body } = await get('/api/documents?from=2019-01-01&limit=10');
    expect(status).toBe(200);
    const page = z.object({ total: z.number(), documents: z.array(DocumentSchema) }).parse(body);
    expect(page.total).toBe(1);
    expect(page.documents[0]!.text).toBe('A <script>alert(1)</script> post');
  });

  it('answers 400 for a bad document date', async () => {
    const { status, body } = await get('/api/documents?to=March');
    expect(status).toBe(400);
    expect(body).toMatchObject({ field: 'to' });
  });

  it('summarises the database', async () => {
    const { status, body } = await get('/api/db');
    expect(status).toBe(200);
    expect(body).toMatchObject({ schemaVersion: expect.any(Number), events: await count('true') });
  });
});

describe('GET /api/openapi.json and unknown routes', () => {
  it('describes every route in OpenAPI 3, without a token', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/events',
      '/api/events/{id}',
      '/api/documents',
      '/api/export',
      '/api/db',
      '/api/audit',
      '/api/analyses/tempo',
      '/api/analyses/hotspots',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.paths['/api/events/{id}']!.patch).toBeDefined();
    const names = doc.paths['/api/events']!.get!.parameters!.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['country', 'actor', 'from', 'limit', 'bbox']));
  });

  it('answers 404 JSON for an unknown route', async () => {
    const { status, body } = await get('/api/nothing-here');
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'no route for GET /api/nothing-here', code: 'not_found' });
  });

  it('answers /healthz', async () => {
    const res = await app.request('/healthz');
    expect(await res.json()).toEqual({ ok: true });
  });
});
