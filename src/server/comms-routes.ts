/**
 * `/api/comms/*`: the communications analyses over stored documents. The document filter is
 * `from`, `to`, `channel`, `lang`, `source` (comma lists); each route adds its options, named as
 * in the options schemas of src/model/comms.ts. `vs-attacks` also takes the event filter
 * (`country`, `admin1`, `actor`, `type`, `target`, `origin`, `claimed`, `event_source`) over the
 * same `from`/`to`.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  commsNetwork,
  commsOpsShare,
  commsTerms,
  commsVolume,
  commsVsAttacks,
} from '../analyze/comms/index.js';
import {
  COMMS_GROUP_BY,
  COMMS_PERIODS,
  CommsFilterSchema,
  CommsNetworkResultSchema,
  CommsOpsShareResultSchema,
  CommsTermsResultSchema,
  CommsVolumeResultSchema,
  CommsVsAttacksResultSchema,
  EDGE_KINDS,
  HUB_WINDOWS,
  type CommsFilter,
} from '../model/comms.js';
import { commaList, FilterParamsSchema } from '../model/filter-params.js';
import type { Store } from '../store/index.js';
import type { AppEnv } from './auth.js';
import { ApiError } from './errors.js';
import { filterOf } from './params.js';
import { errorResponses } from './schemas.js';

export const CommsQuerySchema = z.object({
  from: z.string().optional().describe('first UTC day: YYYY, YYYY-MM or YYYY-MM-DD'),
  to: z.string().optional().describe('last UTC day (inclusive)'),
  channel: z
    .string()
    .optional()
    .describe('channels (accounts, Telegram channels, feeds), comma separated'),
  lang: z.string().optional().describe('languages (ar, en, …), comma separated'),
  source: z.string().optional().describe('document sources (twitter, telegram, a feed title)'),
});
type CommsQuery = z.infer<typeof CommsQuerySchema>;

const count = (max: number) => z.coerce.number().int().min(1).max(max).optional();

const VolumeQuery = CommsQuerySchema.extend({
  by: z.enum(COMMS_PERIODS).optional().describe('period; default month'),
  groupBy: z.enum(COMMS_GROUP_BY).optional().describe('one series per value'),
  top: count(1000).describe('series kept when grouping; default 10'),
  distinct: z.enum(['true', 'false']).optional().describe('count near-duplicate groups once'),
  official: z.string().optional().describe('official channels, comma separated (affiliation)'),
  supporter: z.string().optional().describe('supporter channels, comma separated (affiliation)'),
});

const NetworkQuery = CommsQuerySchema.extend({
  kinds: z
    .string()
    .optional()
    .describe(`edge kinds, comma separated: ${EDGE_KINDS.join(', ')}`),
  top: count(1000).describe('accounts listed; default 20'),
  hubWindow: z
    .enum([...HUB_WINDOWS, 'none'])
    .optional()
    .describe('default quarter'),
  hubsPerWindow: count(100).describe('default 5'),
  seed: z.coerce.number().int().optional().describe('Louvain seed; default 1'),
});

const TermsQuery = CommsQuerySchema.extend({
  focusFrom: z.string().optional(),
  focusTo: z.string().optional(),
  baselineFrom: z.string().optional(),
  baselineTo: z.string().optional(),
  kind: z.enum(['all', 'words', 'hashtags']).optional(),
  top: count(500).describe('terms each way; default 20'),
  minCount: z.coerce.number().int().min(1).optional().describe('default 5'),
  prior: z.coerce.number().positive().optional().describe('α₀; default 10% of the tokens'),
});

const OpsShareQuery = CommsQuerySchema.extend({
  by: z.enum(COMMS_PERIODS).optional(),
  method: z.enum(['stored', 'extract']).optional(),
});

const VsAttacksQuery = FilterParamsSchema.omit({ source: true })
  .extend(CommsQuerySchema.shape)
  .extend({
    event_source: z.string().optional().describe('event source ids, e.g. ucdp_ged'),
    maxLag: z.coerce.number().int().min(0).max(26).optional().describe('weeks; default 4'),
    difference: z.enum(['true', 'false']).optional().describe('week-on-week changes; default true'),
  });

/** The document filter of a validated query; a bad value is a 400 naming the parameter. */
export function commsFilterOf(q: CommsQuery): CommsFilter {
  const candidate = {
    from: q.from || undefined,
    to: q.to || undefined,
    channel: q.channel ? commaList(q.channel) : undefined,
    lang: q.lang ? commaList(q.lang).map((l) => l.toLowerCase()) : undefined,
    source: q.source ? commaList(q.source) : undefined,
  };
  const parsed = CommsFilterSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]);
    throw new ApiError(400, 'invalid_parameter', `${field}: ${issue.message}`, field);
  }
  return Object.fromEntries(
    Object.entries(parsed.data).filter(([, v]) => v !== undefined),
  ) as CommsFilter;
}

/** Runs an analysis; its option errors (RangeError) become 400s. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RangeError) throw new ApiError(400, 'invalid_parameter', err.message);
    throw err;
  }
}

function window(name: string, from?: string, to?: string) {
  if (!from && !to) return undefined;
  if (!from || !to) {
    throw new ApiError(
      400,
      'invalid_parameter',
      `${name}From and ${name}To go together`,
      `${name}From`,
    );
  }
  return { from, to };
}

const ok = (description: string, schema: z.ZodType) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...errorResponses(400, 401, 429),
});

export function commsRoutes(app: OpenAPIHono<AppEnv>, store: Store): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/comms/volume',
      summary: 'Documents per period, overall and per channel, author, language or affiliation',
      request: { query: VolumeQuery },
      responses: ok('the comms volume result', CommsVolumeResultSchema),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const groups =
        q.official || q.supporter
          ? {
              official: q.official ? commaList(q.official) : [],
              supporter: q.supporter ? commaList(q.supporter) : [],
            }
          : undefined;
      const r = await guarded(() =>
        commsVolume(store, commsFilterOf(q), {
          by: q.by,
          groupBy: q.groupBy,
          top: q.top,
          distinct: q.distinct === 'true',
          channelGroups: groups,
        }),
      );
      return c.json(r, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/comms/network',
      summary: 'Mention/retweet/forward network: PageRank, degree, communities, hubs over time',
      request: { query: NetworkQuery },
      responses: ok('the comms network result', CommsNetworkResultSchema),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const kinds = q.kinds ? commaList(q.kinds) : undefined;
      const bad = kinds?.find((k) => !(EDGE_KINDS as readonly string[]).includes(k));
      if (bad !== undefined) {
        throw new ApiError(
          400,
          'invalid_parameter',
          `kinds: "${bad}" is not one of ${EDGE_KINDS.join(', ')}`,
          'kinds',
        );
      }
      const r = await guarded(() =>
        commsNetwork(store, commsFilterOf(q), {
          kinds: kinds as (typeof EDGE_KINDS)[number][] | undefined,
          top: q.top,
          hubWindow: q.hubWindow,
          hubsPerWindow: q.hubsPerWindow,
          seed: q.seed,
        }),
      );
      return c.json(r, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/comms/terms',
      summary: 'Hashtags and words rising or falling: weighted log-odds, focus vs baseline window',
      request: { query: TermsQuery },
      responses: ok('the comms terms result', CommsTermsResultSchema),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await guarded(() =>
        commsTerms(store, commsFilterOf(q), {
          focus: window('focus', q.focusFrom, q.focusTo),
          baseline: window('baseline', q.baselineFrom, q.baselineTo),
          kind: q.kind,
          top: q.top,
          minCount: q.minCount,
          prior: q.prior,
        }),
      );
      return c.json(r, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/comms/ops-share',
      summary: 'Share of documents that report operations (through the extractor)',
      request: { query: OpsShareQuery },
      responses: ok('the comms ops-share result', CommsOpsShareResultSchema),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await guarded(() =>
        commsOpsShare(store, commsFilterOf(q), { by: q.by, method: q.method }),
      );
      return c.json(r, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/comms/vs-attacks',
      summary: 'Weekly documents vs weekly events: lagged cross-correlation',
      request: { query: VsAttacksQuery },
      responses: ok('the comms vs-attacks result', CommsVsAttacksResultSchema),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const events = filterOf({ ...q, source: q.event_source });
      const r = await guarded(() =>
        commsVsAttacks(store, commsFilterOf(q), events, {
          maxLag: q.maxLag,
          difference: q.difference !== 'false',
        }),
      );
      return c.json(r, 200);
    },
  );
}
