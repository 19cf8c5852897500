/**
 * `/api/incidents` and `/api/claims/summary`: linked incidents with their members and reasons,
 * and the claims-versus-attacks analysis, both over the same filters as events.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { claimsSummary } from '../link/index.js';
import { FilterParamsSchema } from '../model/filter-params.js';
import {
  CLAIM_STATUSES,
  ClaimsSummarySchema,
  IncidentDetailSchema,
  IncidentSummarySchema,
} from '../model/index.js';
import { getIncident, incidentOfEvent, listIncidents, type Store } from '../store/index.js';
import type { AppEnv } from './auth.js';
import { ApiError } from './errors.js';
import { filterOf, PageQuerySchema } from './params.js';
import { errorResponses } from './schemas.js';

const IncidentListItem = IncidentSummarySchema.extend({ members: z.array(z.string()) });
const IncidentPageSchema = z
  .object({ incidents: z.array(IncidentListItem), limit: z.number(), offset: z.number() })
  .openapi('IncidentPage');

export function linkRoutes(app: OpenAPIHono<AppEnv>, store: Store): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/incidents',
      summary: 'Incidents with a member matching the filter, newest first',
      request: {
        query: FilterParamsSchema.extend({
          ...PageQuerySchema.shape,
          minMembers: z.coerce
            .number()
            .int()
            .min(1)
            .optional()
            .describe('only incidents with at least this many member events; default 1'),
          status: z.enum(CLAIM_STATUSES).optional().describe('claims-versus-attacks status'),
          event: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('only the incident this event belongs to (the other filters are ignored)'),
        }),
      },
      responses: {
        200: {
          description: 'a page of incidents',
          content: { 'application/json': { schema: IncidentPageSchema } },
        },
        ...errorResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      if (q.event !== undefined) {
        const rows = await incidentWith(store, q.event, q.minMembers ?? 1, q.status);
        return c.json(IncidentPageSchema.parse({ incidents: rows, limit, offset }), 200);
      }
      const rows = await listIncidents(store, filterOf(q), {
        limit,
        offset,
        minMembers: q.minMembers,
        status: q.status,
      });
      return c.json(IncidentPageSchema.parse({ incidents: rows, limit, offset }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/incidents/{id}',
      summary: 'One incident: the fused record and every member with role, score and reasons',
      request: { params: z.object({ id: z.string().min(1).max(200) }) },
      responses: {
        200: {
          description: 'the incident',
          content: { 'application/json': { schema: IncidentDetailSchema } },
        },
        ...errorResponses(401, 404, 429),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await getIncident(store, id);
      if (!found) throw new ApiError(404, 'not_found', `no incident ${id}`);
      return c.json(IncidentDetailSchema.parse({ ...found.incident, members: found.members }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/claims/summary',
      summary:
        'Claimed share by month and governorate, claim lag, casualty inflation, silent provinces',
      request: {
        query: FilterParamsSchema.extend({
          silentDays: z.coerce
            .number()
            .int()
            .min(1)
            .max(3650)
            .optional()
            .describe('a province is silent with no claims in this many final days; default 90'),
        }),
      },
      responses: {
        200: {
          description: 'the claims summary',
          content: { 'application/json': { schema: ClaimsSummarySchema } },
        },
        ...errorResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await claimsSummary(store, filterOf(q), { silentDays: q.silentDays }), 200);
    },
  );
}

/** The incident `eventId` is a member of, as a list item (empty when unlinked or filtered out). */
async function incidentWith(
  store: Store,
  eventId: string,
  minMembers: number,
  status: string | undefined,
): Promise<Record<string, unknown>[]> {
  const id = await incidentOfEvent(store, eventId);
  const found = id === null ? null : await getIncident(store, id);
  if (!found) return [];
  const { incident, members } = found;
  if (Number(incident.n_members) < minMembers) return [];
  if (status !== undefined && incident.status !== status) return [];
  return [{ ...incident, members: members.map((m) => m.event_id) }];
}
