/** `/api/documents`, `/api/export`, `/api/db`, `/api/audit`. */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { FilterParamsSchema } from '../model/filter-params.js';
import type { EventFilter } from '../model/index.js';
import { eventsToGeoJson } from '../report/geojson.js';
import {
  countDocuments,
  dbInfo,
  exportEventsFile,
  iterateEvents,
  listAudit,
  listDocuments,
  type Store,
} from '../store/index.js';
import { requireRole, type AppEnv } from './auth.js';
import { PageQuerySchema, filterOf } from './params.js';
import type { StoredDocumentSchema } from './schemas.js';
import { AuditEntrySchema, DbInfoSchema, DocumentPageSchema, errorResponses } from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const isoDay = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const instant = z
  .string()
  .regex(isoDay, 'expected YYYY-MM-DD or an ISO 8601 instant with a zone')
  .optional();

const documentsRoute = createRoute({
  method: 'get',
  path: '/api/documents',
  summary: 'Documents (communications), newest first',
  request: {
    query: PageQuerySchema.extend({
      source: z.string().optional(),
      channel: z.string().optional(),
      lang: z.string().optional(),
      from: instant.describe('published on or after (date or instant)'),
      to: instant.describe('published on or before (a bare date means the whole day)'),
    }),
  },
  responses: { 200: json(DocumentPageSchema, 'a page of documents'), ...errorResponses(400, 401) },
});

export const EXPORT_FORMATS = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
} as const;

const exportRoute = createRoute({
  method: 'get',
  path: '/api/export',
  summary: 'The filtered events as a CSV, GeoJSON or Parquet download (streamed)',
  request: {
    query: FilterParamsSchema.extend({
      format: z.enum(['csv', 'geojson', 'parquet']).optional().describe('default csv'),
    }),
  },
  responses: {
    200: {
      description: 'the file, as an attachment',
      content: Object.fromEntries(
        Object.values(EXPORT_FORMATS).map((t) => [t, { schema: z.string() }]),
      ),
    },
    ...errorResponses(400, 401),
  },
});

const dbRoute = createRoute({
  method: 'get',
  path: '/api/db',
  summary: 'Database summary: schema version, events per source, recent imports',
  responses: { 200: json(DbInfoSchema, 'the summary'), ...errorResponses(401) },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  summary: 'The audit log of corrections, newest first (analyst)',
  middleware: [requireRole('analyst')] as const,
  request: {
    query: PageQuerySchema.extend({
      table: z.string().optional().describe('only this table, e.g. events'),
      row_id: z.string().optional().describe('only this row'),
    }),
  },
  responses: {
    200: json(z.object({ entries: z.array(AuditEntrySchema) }), 'audit entries'),
    ...errorResponses(400, 401, 403),
  },
});

export function dataRoutes(
  app: OpenAPIHono<AppEnv>,
  store: Store,
  exclusive: <T>(task: () => Promise<T>) => Promise<T>,
): void {
  app.openapi(documentsRoute, async (c) => {
    const { limit = 50, offset = 0, ...filter } = c.req.valid('query');
    const [documents, total] = [
      await listDocuments(store, { ...filter, limit, offset }),
      await countDocuments(store, filter),
    ];
    return c.json(
      { total, limit, offset, documents: documents as z.infer<typeof StoredDocumentSchema>[] },
      200,
    );
  });

  app.openapi(exportRoute, async (c) => {
    const q = c.req.valid('query');
    const filter = filterOf(q);
    const format = q.format ?? 'csv';
    const body =
      format === 'geojson'
        ? geoJsonStream(store, filter)
        : await tabularStream(store, filter, format, exclusive);
    return c.body(body, 200, {
      'Content-Type': EXPORT_FORMATS[format],
      'Content-Disposition': `attachment; filename="sitrep-events.${format}"`,
      'Cache-Control': 'no-store',
    });
  });

  app.openapi(dbRoute, async (c) => c.json(await dbInfo(store), 200));

  app.openapi(auditRoute, async (c) => {
    const q = c.req.valid('query');
    const entries = await listAudit(store, {
      table: q.table,
      rowId: q.row_id,
      limit: q.limit ?? 100,
      offset: q.offset ?? 0,
    });
    return c.json({ entries: entries as z.infer<typeof AuditEntrySchema>[] }, 200);
  });
}

/** CSV/Parquet: DuckDB writes a temp file (one export at a time), streamed then deleted. */
async function tabularStream(
  store: Store,
  filter: EventFilter,
  format: 'csv' | 'parquet',
  exclusive: <T>(task: () => Promise<T>) => Promise<T>,
): Promise<ReadableStream<Uint8Array>> {
  const exported = await exclusive(() => exportEventsFile(store, filter, format));
  const file = createReadStream(exported.file);
  file.on('close', () => void exported.cleanup());
  return Readable.toWeb(file) as ReadableStream<Uint8Array>;
}

/** GeoJSON: features page by page from the store, so memory stays bounded. */
function geoJsonStream(store: Store, filter: EventFilter): ReadableStream<Uint8Array> {
  const chunks = eventsToGeoJson(iterateEvents(store, filter))[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.text));
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
}
