/**
 * Response and body schemas for the OpenAPI document, built from the model's zod schemas so
 * the API description and the validation never drift apart.
 */
import { z } from '@hono/zod-openapi';
import { DocumentSchema, EventSchema, EvidenceSchema } from '../model/index.js';
import { EDITABLE_EVENT_FIELDS, TOKEN_ROLES, type EventRow } from '../store/index.js';

export const ErrorSchema = z
  .object({
    error: z.string(),
    code: z.string(),
    field: z.string().optional(),
  })
  .openapi('Error');

/**
 * An event as the API returns it: the Event columns without the source's raw record (and
 * without EventSchema's cross-field refinements, which only matter when writing).
 */
export const EventRowSchema = z.object(EventSchema.shape).omit({ raw: true }).openapi('Event');
export type ApiEvent = z.infer<typeof EventRowSchema>;

/**
 * Store rows typed as API events. The events table's columns are EVENT_COLUMNS, written only
 * through EventSchema, so rows have this shape (the API tests parse them to keep that true).
 */
export function asApiEvent(row: EventRow): ApiEvent {
  return row as unknown as ApiEvent;
}

export const EventPageSchema = z
  .object({
    total: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
    events: z.array(EventRowSchema),
  })
  .openapi('EventPage');

export const StoredDocumentSchema = DocumentSchema.extend({
  content_hash: z.string().nullable().optional(),
  import_id: z.number().int().nullable().optional(),
}).openapi('Document');

export const EventDetailSchema = z
  .object({
    event: EventRowSchema,
    evidence: z.array(EvidenceSchema),
    documents: z.array(DocumentSchema.partial({ forwarded_from: true })),
  })
  .openapi('EventDetail');

export const DocumentPageSchema = z
  .object({
    total: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
    documents: z.array(StoredDocumentSchema),
  })
  .openapi('DocumentPage');

type Shape = Record<string, z.ZodType>;
const shape = EventSchema.shape as Shape;

/**
 * A correction to an extracted event: any of the editable fields, typed as in EventSchema
 * (defaults removed, so an absent field means "unchanged"); other fields are refused.
 */
export const EventPatchSchema = z
  .strictObject(
    Object.fromEntries(
      EDITABLE_EVENT_FIELDS.map((f) => {
        const s = shape[f]!;
        return [f, (s instanceof z.ZodDefault ? (s.removeDefault() as z.ZodType) : s).optional()];
      }),
    ),
  )
  .openapi('EventPatch');

export const FieldChangeSchema = z.object({
  field: z.string(),
  old: z.unknown(),
  new: z.unknown(),
});

export const EventPatchResultSchema = z
  .object({ event: EventRowSchema, changes: z.array(FieldChangeSchema) })
  .openapi('EventPatchResult');

export const AuditEntrySchema = z
  .object({
    changed_at: z.string(),
    actor: z.string(),
    table_name: z.string(),
    row_id: z.string(),
    field: z.string(),
    old_value: z.unknown(),
    new_value: z.unknown(),
  })
  .openapi('AuditEntry');

export const DbInfoSchema = z
  .object({
    path: z.string(),
    schemaVersion: z.number().int(),
    events: z.number().int(),
    bySource: z.array(
      z.object({
        source_id: z.string(),
        origin: z.string(),
        n: z.number().int(),
        first: z.string(),
        last: z.string(),
      }),
    ),
    documents: z.number().int(),
    quarantined: z.number().int(),
    imports: z.array(
      z.object({
        id: z.number().int(),
        file: z.string(),
        format: z.string(),
        finished_at: z.string(),
        inserted: z.number().int(),
      }),
    ),
  })
  .openapi('DbInfo');

export const RoleSchema = z.enum(TOKEN_ROLES);

/** Standard error responses, for the OpenAPI description. */
export function errorResponses(...statuses: number[]) {
  const text: Record<number, string> = {
    400: 'a parameter is invalid (`field` names it)',
    401: 'no token, or an invalid or revoked one',
    403: 'the token’s role does not allow this',
    404: 'not found',
    409: 'the change is not allowed for this row',
    429: 'rate limited (see Retry-After)',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: text[s] ?? 'error', content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );
}
