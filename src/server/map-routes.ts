/**
 * `/api/map/*`: what the dashboard's map and filter lists draw from, so the page needs no
 * internet: the bundled admin boundaries and rivers as GeoJSON, the filtered events as bare
 * points (id only: a full GeoJSON export of 19,000 events is ~10× larger), and the values the
 * filter lists offer with their counts.
 *
 * The queries live in src/store/map-queries.ts; this module validates and shapes the HTTP.
 */
import { readFile } from 'node:fs/promises';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { FilterParamsSchema } from '../model/filter-params.js';
import { bundledDataPath } from '../model/paths.js';
import { mapFacets, mapPoints, type Store } from '../store/index.js';
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

/** Above this many located events, points come binned (default for `mapRoutes`). */
export const MAX_MAP_POINTS = 20_000;
/** Bin size in degrees (~5 km): finer than a governorate, coarse enough for a million events. */
const BIN_DEG = 0.05;

const pointsRoute = createRoute({
  method: 'get',
  path: '/api/map/points',
  summary: 'Located events matching a filter as GeoJSON points with only their id',
  description: `Up to ${MAX_MAP_POINTS} located events come one point each (property \`id\`). More come binned: one point per ${BIN_DEG}° cell at the mean position of its events, with the count \`n\` (and \`id\` when n is 1); a narrower filter gives single events again.`,
  request: { query: FilterParamsSchema },
  responses: { 200: geojson('one point per located event'), ...errorResponses(400, 401) },
});

const FacetSchema = z.object({ value: z.string(), n: z.number().int() });
const Admin1Schema = z.object({
  country: z.string(),
  name: z.string(),
  name_ar: z.string(),
  code: z.string(),
});
const FacetsSchema = z
  .object({
    total: z.number().int(),
    country: z.array(FacetSchema),
    actor: z.array(FacetSchema),
    attack_type: z.array(FacetSchema),
    target_type: z.array(FacetSchema),
    origin: z.array(FacetSchema),
    /** Every governorate in the bundled boundaries (names English and Arabic, pcode). */
    admin1: z.array(Admin1Schema),
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

export function mapRoutes(
  app: OpenAPIHono<AppEnv>,
  store: Store,
  { maxPoints = MAX_MAP_POINTS }: { maxPoints?: number } = {},
): void {
  const layers = new Map<LayerName, Promise<string>>();
  const layer = (name: LayerName) => {
    if (!layers.has(name)) layers.set(name, mergeLayer(LAYERS[name]));
    return layers.get(name)!;
  };
  let admin1: Promise<z.infer<typeof Admin1Schema>[]> | null = null;

  app.openapi(layerRoute, async (c) => {
    const { name } = c.req.valid('param');
    return c.body(await layer(name), 200, {
      'Content-Type': 'application/geo+json; charset=utf-8',
      'Cache-Control': 'private, max-age=3600',
    }) as never;
  });

  app.openapi(pointsRoute, async (c) => {
    // A million points are ~110 MB of GeoJSON that the map's worker then parses for 10-20 s;
    // binned, the same picture is a few hundred KB (bench:dashboard, issue 9).
    const { binned, points } = await mapPoints(store, filterOf(c.req.valid('query')), {
      maxPoints,
      binDeg: BIN_DEG,
    });
    const features = points.map((r) => ({
      type: 'Feature',
      // 5 decimals (~1 m) is finer than any event's location; full doubles add 20% to send.
      geometry: { type: 'Point', coordinates: [round5(r.lon), round5(r.lat)] },
      properties: 'n' in r ? (r.id ? { id: r.id, n: r.n } : { n: r.n }) : { id: r.id },
    }));
    return c.body(JSON.stringify({ type: 'FeatureCollection', binned, features }), 200, {
      'Content-Type': 'application/geo+json; charset=utf-8',
      'Cache-Control': 'no-store',
    }) as never;
  });

  app.openapi(facetsRoute, async (c) => {
    const { counts, total, first, last } = await mapFacets(store);
    return c.json(
      {
        total,
        country: counts.country,
        actor: counts.actor1,
        attack_type: counts.attack_type,
        target_type: counts.target_type,
        origin: counts.origin,
        admin1: await (admin1 ??= layer('admin1').then((text) =>
          (JSON.parse(text) as { features: { properties: unknown }[] }).features.map((f) =>
            Admin1Schema.parse(f.properties),
          ),
        )),
        first,
        last,
      },
      200,
    );
  });
}

/**
 * The files' features as one FeatureCollection, coordinates rounded to 3 decimals (~100 m, far
 * below what a country-wide map shows; a third less to send). The files' `metadata` is dropped:
 * licences live in data/ATTRIBUTION.md and in the map's attribution line.
 */
async function mergeLayer(files: readonly string[]): Promise<string> {
  const features: unknown[] = [];
  for (const f of files) {
    const fc = JSON.parse(await readFile(bundledDataPath(f), 'utf8')) as { features: unknown[] };
    features.push(...fc.features);
  }
  return JSON.stringify({ type: 'FeatureCollection', features }, (key, value: unknown) =>
    key === 'coordinates' ? round(value) : value,
  );
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

function round(v: unknown): unknown {
  if (typeof v === 'number') return Math.round(v * 1000) / 1000;
  return Array.isArray(v) ? v.map(round) : v;
}
