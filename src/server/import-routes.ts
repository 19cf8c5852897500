/**
 * `/api/imports` (admin): upload a dataset file (raw body, or multipart with a `file` part),
 * which is saved to a temp file and imported in the background one at a time; poll
 * `/api/imports/{id}` for progress and the result.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { formatNames } from '../ingest/index.js';
import { requireRole, type AppEnv } from './auth.js';
import { ApiError } from './errors.js';
import { IMPORT_STATUSES, type ImportJobs } from './import-jobs.js';
import { errorResponses } from './schemas.js';
import { multipartFile, saveUpload } from './upload.js';

/** The upload route's path: the app exempts it from the small-body limit (it has its own). */
export const IMPORTS_PATH = '/api/imports';

export const ImportJobSchema = z
  .object({
    id: z.string(),
    file: z.string(),
    format: z.string().nullable(),
    status: z.enum(IMPORT_STATUSES),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    rows: z.number().int(),
    bytesRead: z.number().int(),
    bytesTotal: z.number().int(),
    percent: z.number(),
    importId: z.number().int().nullable(),
    inserted: z.number().int().nullable(),
    updated: z.number().int().nullable(),
    unchanged: z.number().int().nullable(),
    quarantined: z.number().int().nullable(),
    warnings: z.record(z.string(), z.number()),
    error: z.string().nullable(),
  })
  .openapi('ImportJob');

const BINARY = { type: 'string', format: 'binary' } as const;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export function importRoutes(
  app: OpenAPIHono<AppEnv>,
  jobs: ImportJobs,
  { maxUploadBytes }: { maxUploadBytes: number },
): void {
  // `csv` needs a mapping file, which an upload cannot carry.
  const formats = formatNames().filter((f) => f !== 'csv') as [string, ...string[]];

  app.openapi(
    createRoute({
      method: 'post',
      path: IMPORTS_PATH,
      summary: 'Upload a dataset file and import it in the background (admin)',
      description: `The body is the file itself (any content type but multipart), or multipart/form-data with a \`file\` part; at most ${maxUploadBytes} bytes. Answers 202 with the job; poll its Location.`,
      middleware: [requireRole('admin')] as const,
      request: {
        query: z.object({
          filename: z.string().max(200).optional().describe('the file’s name, for messages'),
          format: z.enum(formats).optional().describe('default: detected from the header'),
        }),
        // Plain OpenAPI schemas, not zod: a zod form schema would make the router parse the
        // whole multipart body before the handler could cap and stream it.
        body: {
          content: {
            'text/csv': { schema: BINARY },
            'application/octet-stream': { schema: BINARY },
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: BINARY }, required: ['file'] },
            },
          },
          required: true,
        },
      },
      responses: {
        202: json(ImportJobSchema, 'the queued job; Location is its status URL'),
        ...errorResponses(400, 401, 403, 413, 429),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const declared = Number(c.req.header('content-length') ?? NaN);
      if (declared > maxUploadBytes) {
        throw new ApiError(413, 'payload_too_large', `upload over ${maxUploadBytes} bytes`);
      }
      const multipart = /^multipart\/form-data/i.test(c.req.header('content-type') ?? '');
      const part = multipart ? await multipartFile(c.req.raw, maxUploadBytes) : null;
      const upload = await saveUpload(
        part ? part.stream : c.req.raw.body,
        q.filename ?? part?.name ?? 'upload.csv',
        maxUploadBytes,
      );
      const job = jobs.add(upload, q.format);
      c.header('Location', `${IMPORTS_PATH}/${job.id}`);
      return c.json(job, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: IMPORTS_PATH,
      summary: 'Recent imports started over HTTP, newest first (admin)',
      middleware: [requireRole('admin')] as const,
      responses: {
        200: json(z.object({ imports: z.array(ImportJobSchema) }), 'the jobs'),
        ...errorResponses(401, 403, 429),
      },
    }),
    (c) => c.json({ imports: jobs.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${IMPORTS_PATH}/{id}`,
      summary: 'One import job: status, progress, counts, or the error (admin)',
      middleware: [requireRole('admin')] as const,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: {
        200: json(ImportJobSchema, 'the job'),
        ...errorResponses(401, 403, 404, 429),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const job = jobs.get(id);
      if (!job) throw new ApiError(404, 'not_found', `no import job ${id}`);
      return c.json(job, 200);
    },
  );
}
