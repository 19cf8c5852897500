/**
 * `/api/analyses/*`: every analysis over the filtered events, its options as query parameters
 * (named as in the options schemas: `by`, `groupBy`, `epsKm`, …) and its typed result as JSON.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  concentration,
  dispersion,
  hotspots,
  keyFindings,
  rivers,
  tempo,
} from '../analyze/index.js';
import { FilterParamsSchema } from '../model/filter-params.js';
import {
  ConcentrationOptionsSchema,
  ConcentrationResultSchema,
  DispersionOptionsSchema,
  DispersionResultSchema,
  EventFilterSchema,
  HotspotOptionsSchema,
  HotspotResultSchema,
  RiverOptionsSchema,
  RiverResultSchema,
  TempoOptionsSchema,
  TempoResultSchema,
  type EventFilter,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import type { AppEnv } from './auth.js';
import { filterOf, optionsOf, optionsQuery } from './params.js';
import { errorResponses } from './schemas.js';

export const FindingsResultSchema = z
  .object({
    analysis: z.literal('findings'),
    filter: EventFilterSchema,
    findings: z.array(z.string()),
  })
  .openapi('FindingsResult');

interface AnalysisSpec {
  name: string;
  summary: string;
  options: z.ZodObject;
  result: z.ZodType;
  run: (store: Store, filter: EventFilter, options: never) => Promise<unknown>;
}

const ANALYSES: AnalysisSpec[] = [
  {
    name: 'tempo',
    summary: 'Events per period, rolling mean, mean per period with a 95% interval',
    options: TempoOptionsSchema,
    result: TempoResultSchema,
    run: tempo,
  },
  {
    name: 'concentration',
    summary: 'Ranked admin units with shares, top-k share, HHI, Gini, entropy',
    options: ConcentrationOptionsSchema,
    result: ConcentrationResultSchema,
    run: (store, filter, options) => concentration(store, filter, options),
  },
  {
    name: 'dispersion',
    summary: 'Centrography, nearest-neighbour index and DBSCAN clusters',
    options: DispersionOptionsSchema,
    result: DispersionResultSchema,
    run: dispersion,
  },
  {
    name: 'hotspots',
    summary: 'Getis-Ord Gi* hot and cold spots on H3 cells, FDR-corrected',
    options: HotspotOptionsSchema,
    result: HotspotResultSchema,
    run: hotspots,
  },
  {
    name: 'rivers',
    summary: 'Distance of events to the Euphrates and Tigris, by band and bank',
    options: RiverOptionsSchema,
    result: RiverResultSchema,
    run: (store, filter, options) => rivers(store, filter, options),
  },
  {
    name: 'findings',
    summary: 'Key findings as short numeric sentences',
    options: z.object({}),
    result: FindingsResultSchema,
    run: async (store, filter) => ({
      analysis: 'findings',
      filter,
      findings: await keyFindings(store, filter),
    }),
  },
];

export function analysisRoutes(app: OpenAPIHono<AppEnv>, store: Store): void {
  for (const spec of ANALYSES) {
    const route = createRoute({
      method: 'get',
      path: `/api/analyses/${spec.name}`,
      summary: spec.summary,
      request: { query: FilterParamsSchema.extend(optionsQuery(spec.options).shape) },
      responses: {
        200: {
          description: `the ${spec.name} result`,
          content: { 'application/json': { schema: spec.result } },
        },
        ...errorResponses(400, 401, 429),
      },
    });
    app.openapi(route, async (c) => {
      const query = c.req.valid('query') as Record<string, unknown>;
      const filter = filterOf(query);
      const options = optionsOf<never>(spec.options, query);
      return c.json((await spec.run(store, filter, options)) as never, 200);
    });
  }
}
