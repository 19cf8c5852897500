/**
 * `/api/map/*`: what the dashboard's map and filter lists draw from, so the page needs no
 * internet: the bundled admin boundaries and rivers as GeoJSON, the filtered events as bare
 * points (id and date only: a full GeoJSON export of 16,000 events is ~10× larger), and the
 * values the filter lists offer.
 */
import { readFile } from 'node:fs/promises';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { FilterParamsSchema } from '../model/filter-params.js';
import { bundledDataPath } from '../model/paths.js';
import { iterateEvents, type Store } from '../store/index.js';
import type { AppEnv } from './auth.js';
import { filterOf } from './params.js';
import { errorResponses } from './schemas.js';

/** Bundled layers by name → the files merged into one FeatureCollection. */
const LAYERS = {
  admin1: ['boundaries/irq_adm1.geojson', 'boundaries/syr_adm1.geojson'],
  countries: ['boundaries/irq_adm0.geojson', 'boundaries/syr_adm0.geojson'],
  rivers: ['places/rivers.geojson'],
} as const;
type LayerName = keyof typeof LAYERS;

const geojson = (description: string) => ({
  description,
  content: { 'application/geo+json': { schema: z.object({ type: z.string() }).passthrough() } },
});

const layerRoute = createRoute({
  method: 'get',
  path: '/api/map/layers/{name}',
  summary: 'A bundled map layer: admin1 boundaries, country outlines or rivers (GeoJSON)',
  request: {
    params: z.object({
      name: z
        .enum(Object.keys(LAYERS) as [LayerName, ...LayerName[]])
        .openapi({ param: { name: 'name', in: 'path' } }),
    }),
  },
  responses: { 200: geojson('the layer'), ...errorResponses(400, 401) },
});

const pointsRoute = createRoute({
  method: 'get',
  path: '/api/map/points',
  summary: 'Located events matching a filter as GeoJSON points with only id and date',
  request: { query: FilterParamsSchema },
  responses: { 200: geojson('one point per located event'), ...errorResponses(400, 401) },
});

const FacetSchema = z.object({ value: z.string(), n: z.number().int() });
const FacetsSchema = z
  .object({
    total: z.number().int(),
    country: z.array(FacetSchema),
    actor: z.array(FacetSchema),
    attack_type: z.array(FacetSchema),
    target_type: z.array(FacetSchema),
    origin: z.array(FacetSchema),
    first: z.string().nullable(),
    last: z.string().nullable(),
  })
  .openapi('MapFacets');

const facetsRoute = createRoute({
  method: 'get',
  path: '/api/map/facets',
  summary: 'Values the filters can take, with event counts, over all events',
  responses: {
    200: { description: 'facets', content: { 'application/json': { schema: FacetsSchema } } },
    ...errorResponses(401),
  },
});

const FACETS = ['country', 'actor1', 'attack_type', 'target_type', 'origin'] as const;

export function mapRoutes(app: OpenAPIHono<AppEnv>, store: Store): void {
  const layers = new Map<LayerName, Promise<string>>();

  app.openapi(layerRoute, async (c) => {
    const { name } = c.req.valid('param');
    if (!layers.has(name)) layers.set(name, mergeLayer(LAYERS[name]));
    return c.body(await layers.get(name)!, 200, {
      'Content-Type': 'application/geo+json; charset=utf-8',
      'Cache-Control': 'private, max-age=3600',
    }) as never;
  });

  app.openapi(pointsRoute, async (c) => {
    const filter = filterOf(c.req.valid('query'));
    const features: unknown[] = [];
    for await (const page of iterateEvents(store, filter)) {
      for (const e of page) {
        if (typeof e.lon !== 'number' || typeof e.lat !== 'number') continue;
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [e.lon, e.lat] },
          properties: { id: e.id, date: e.date },
        });
      }
    }
    return c.body(JSON.stringify({ type: 'FeatureCollection', features }), 200, {
      'Content-Type': 'application/geo+json; charset=utf-8',
      'Cache-Control': 'no-store',
    }) as never;
  });

  app.openapi(facetsRoute, async (c) => {
    const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()]));
    let total = 0;
    let first: string | null = null;
    let last: string | null = null;
    for await (const page of iterateEvents(store, {})) {
      for (const e of page) {
        total++;
        const date = String(e.date);
        if (first === null || date < first) first = date;
        if (last === null || date > last) last = date;
        for (const f of FACETS) {
          const v = e[f];
          if (v === null || v === undefined || v === '') continue;
          const m = counts[f]!;
          m.set(String(v), (m.get(String(v)) ?? 0) + 1);
        }
      }
    }
    const list = (m: Map<string, number>) =>
      [...m]
        .map(([value, n]) => ({ value, n }))
        .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : 1));
    return c.json(
      {
        total,
        country: list(counts.country!),
        actor: list(counts.actor1!),
        attack_type: list(counts.attack_type!),
        target_type: list(counts.target_type!),
        origin: list(counts.origin!),
        first,
        last,
      },
      200,
    );
  });
}

/** The files' features as one FeatureCollection (their `metadata` dropped: licences live in data/ATTRIBUTION.md). */
async function mergeLayer(files: readonly string[]): Promise<string> {
  const features: unknown[] = [];
  for (const f of files) {
    const fc = JSON.parse(await readFile(bundledDataPath(f), 'utf8')) as { features: unknown[] };
    features.push(...fc.features);
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}
