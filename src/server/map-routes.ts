/**
 * `/api/map/*`: what the dashboard's map and filter lists draw from, so the page needs no
 * internet: the bundled admin boundaries and rivers as GeoJSON, the filtered events as bare
 * points (id only: a full GeoJSON export of 19,000 events is ~10× larger), and the values the
 * filter lists offer with their counts.
 *
 * Points and facets are two small read-only queries over `whereClause` (bound parameters; the
 * only identifiers spliced are the constant FACETS columns). They sit here, not in src/store,
 * because they exist for the dashboard's first load (< 2 s): going through `iterateEvents`
 * (every column of every row) took 1.3–1.6 s each on the bundled 19,567 events.
 */
import { readFile } from 'node:fs/promises';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { FilterParamsSchema } from '../model/filter-params.js';
import { bundledDataPath } from '../model/paths.js';
import { whereClause, type Store } from '../store/index.js';
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

const FACETS = ['country', 'actor1', 'attack_type', 'target_type', 'origin'] as const;

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
    const w = whereClause(filterOf(c.req.valid('query')), 'e');
    const located = `FROM events e ${w.sql} ${w.sql ? 'AND' : 'WHERE'} e.lat IS NOT NULL AND e.lon IS NOT NULL`;
    const count = await store.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n ${located}`,
      w.params,
    );
    // A million points are ~110 MB of GeoJSON that the map's worker then parses for 10-20 s;
    // binned, the same picture is a few hundred KB (bench:dashboard, issue 9).
    const binned = (count?.n ?? 0) > maxPoints;
    const rows = binned
      ? await store.all<{ id: string; lon: number; lat: number; n: number }>(
          `SELECT CASE WHEN count(*) = 1 THEN min(e.id) END AS id, avg(e.lon)::DOUBLE AS lon,
             avg(e.lat)::DOUBLE AS lat, count(*)::INTEGER AS n ${located}
           GROUP BY floor(e.lon / $bin), floor(e.lat / $bin) ORDER BY lon, lat`,
          { ...w.params, bin: BIN_DEG },
        )
      : await store.all<{ id: string; lon: number; lat: number }>(
          `SELECT e.id, e.lon::DOUBLE AS lon, e.lat::DOUBLE AS lat ${located} ORDER BY e.id`,
          w.params,
        );
    const features = rows.map((r) => ({
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
    const counts = await store.all<{ facet: string; value: string; n: number }>(
      FACETS.map(
        (f) =>
          `SELECT '${f}' AS facet, ${f}::VARCHAR AS value, count(*)::INTEGER AS n FROM events
           WHERE ${f} IS NOT NULL AND ${f}::VARCHAR <> '' GROUP BY ${f}`,
      ).join(' UNION ALL ') + ' ORDER BY n DESC, value',
    );
    const span = await store.one<{ total: number; first: string | null; last: string | null }>(
      `SELECT count(*)::INTEGER AS total, strftime(min(date), '%Y-%m-%d') AS first,
         strftime(max(date), '%Y-%m-%d') AS last FROM events`,
    );
    const list = (facet: string) =>
      counts.filter((r) => r.facet === facet).map(({ value, n }) => ({ value, n }));
    return c.json(
      {
        total: span?.total ?? 0,
        country: list('country'),
        actor: list('actor1'),
        attack_type: list('attack_type'),
        target_type: list('target_type'),
        origin: list('origin'),
        admin1: await (admin1 ??= layer('admin1').then((text) =>
          (JSON.parse(text) as { features: { properties: unknown }[] }).features.map((f) =>
            Admin1Schema.parse(f.properties),
          ),
        )),
        first: span?.first ?? null,
        last: span?.last ?? null,
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
