/** `/api/events`: a filtered, sorted, paged list; one event with its evidence; corrections. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { EventSchema } from '../model/index.js';
import {
  eventEvidence,
  getEvent,
  pageEvents,
  updateEventFields,
  type EditableEventField,
  type FieldChange,
  type Store,
} from '../store/index.js';
import { actorName, requireRole, type AppEnv } from './auth.js';
import { ApiError } from './errors.js';
import { EventsQuerySchema, bboxOf, filterOf } from './params.js';
import {
  EventDetailSchema,
  EventPageSchema,
  EventPatchResultSchema,
  EventPatchSchema,
  asApiEvent,
  errorResponses,
} from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ucdp_ged:12345' }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/events',
  summary: 'Events matching a filter, one page at a time',
  request: { query: EventsQuerySchema },
  responses: { 200: json(EventPageSchema, 'a page of events'), ...errorResponses(400, 401, 429) },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/api/events/{id}',
  summary: 'One event with its evidence spans and the documents they point into',
  request: { params: IdParam },
  responses: { 200: json(EventDetailSchema, 'the event'), ...errorResponses(401, 404, 429) },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/api/events/{id}',
  summary: 'Correct fields of an extracted event (analyst); every change is audited',
  middleware: [requireRole('analyst')] as const,
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: EventPatchSchema } }, required: true },
  },
  responses: {
    200: json(EventPatchResultSchema, 'the corrected event and the fields that changed'),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

export function eventRoutes(
  app: OpenAPIHono<AppEnv>,
  store: Store,
  exclusive: <T>(task: () => Promise<T>) => Promise<T>,
): void {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const filter = filterOf(q);
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const page = await pageEvents(store, filter, {
      limit,
      offset,
      sort: q.sort,
      order: q.order,
      bbox: bboxOf(q.bbox),
    });
    return c.json({ total: page.total, limit, offset, events: page.events.map(asApiEvent) }, 200);
  });

  app.openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const event = await getEvent(store, id);
    if (!event) throw new ApiError(404, 'not_found', `no event ${id}`);
    return c.json({ event: asApiEvent(event), ...(await eventEvidence(store, id)) }, 200);
  });

  app.openapi(patchRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json') as Partial<Record<EditableEventField, unknown>>;
    const principal = c.get('principal')!;
    return exclusive(async () => {
      const event = await getEvent(store, id);
      if (!event) throw new ApiError(404, 'not_found', `no event ${id}`);
      if (event.origin !== 'extracted') {
        throw new ApiError(
          409,
          'conflict',
          `event ${id} is from a dataset; only extracted events can be corrected`,
        );
      }
      const corrected = EventSchema.safeParse({ ...event, ...patch, raw: {} });
      if (!corrected.success) {
        const issue = corrected.error.issues[0]!;
        const field = issue.path.map(String).join('.');
        throw new ApiError(400, 'invalid_parameter', `${field}: ${issue.message}`, field);
      }
      const changes: FieldChange[] = [];
      for (const [field, value] of Object.entries(patch) as [EditableEventField, unknown][]) {
        const old = event[field] ?? null;
        if (JSON.stringify(old) !== JSON.stringify(value ?? null)) {
          changes.push({ field, old, new: value ?? null });
        }
      }
      await updateEventFields(store, id, changes, actorName(principal));
      return c.json({ event: asApiEvent((await getEvent(store, id))!), changes }, 200);
    });
  });
}
