/**
 * Query parameters at the edge: the shared textual filter (FilterParamsSchema), paging, bbox and
 * analysis options, each turned into the typed value the store or analysis takes. A bad value
 * becomes a 400 naming the parameter.
 */
import { z } from '@hono/zod-openapi';
import {
  FilterParamError,
  FilterParamsSchema,
  commaList,
  filterFromParams,
  type FilterParams,
} from '../model/filter-params.js';
import type { EventFilter } from '../model/index.js';
import type { BBox } from '../store/index.js';
import { ApiError } from './errors.js';

/** The longest page a client may ask for. */
export const MAX_LIMIT = 1000;

export const PageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .describe(`page size, 1–${MAX_LIMIT}; default 50`),
  offset: z.coerce.number().int().min(0).optional().describe('rows to skip; default 0'),
});

export const EventsQuerySchema = FilterParamsSchema.extend({
  ...PageQuerySchema.shape,
  sort: z.enum(['date', 'fatalities']).optional().describe('sort key; default date'),
  order: z.enum(['asc', 'desc']).optional().describe('sort order; default desc'),
  bbox: z
    .string()
    .optional()
    .describe('minLon,minLat,maxLon,maxLat (WGS 84); only events with a point inside'),
});

/** The filter part of a validated query; a bad value is a 400 naming the parameter. */
export function filterOf(query: FilterParams): EventFilter {
  try {
    return filterFromParams(query);
  } catch (err) {
    if (err instanceof FilterParamError) {
      throw new ApiError(400, 'invalid_parameter', err.message, err.param);
    }
    throw err;
  }
}

/** `minLon,minLat,maxLon,maxLat` → BBox. */
export function bboxOf(text: string | undefined): BBox | undefined {
  if (text === undefined) return undefined;
  const v = commaList(text).map(Number);
  const bad = (why: string) => new ApiError(400, 'invalid_parameter', `bbox: ${why}`, 'bbox');
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x))) {
    throw bad('expected four numbers minLon,minLat,maxLon,maxLat');
  }
  const [minLon, minLat, maxLon, maxLat] = v as [number, number, number, number];
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    throw bad('out of range (lon −180–180, lat −90–90)');
  }
  if (minLon > maxLon || minLat > maxLat) throw bad('min is greater than max');
  return [minLon, minLat, maxLon, maxLat];
}

type Shape = Record<string, z.ZodType>;

/**
 * The query-string form of an analysis options schema: numbers coerced from text, enums kept,
 * number lists as comma lists. Ranges are checked afterwards by the options schema itself
 * (`optionsOf`), so the constraints are written once, in src/model.
 */
export function optionsQuery(schema: z.ZodObject): z.ZodObject<Shape> {
  const shape: Shape = {};
  for (const [key, field] of Object.entries(schema.shape as Shape)) {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    if (inner instanceof z.ZodNumber) shape[key] = z.coerce.number().optional();
    else if (inner instanceof z.ZodArray) {
      shape[key] = z.string().optional().describe('comma-separated numbers');
    } else shape[key] = inner.optional();
  }
  return z.object(shape);
}

/** Picks `schema`'s keys out of the query, splits lists, and validates with `schema`. */
export function optionsOf<T>(schema: z.ZodObject, query: Record<string, unknown>): T {
  const candidate: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Shape)) {
    const v = query[key];
    if (v === undefined) continue;
    const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
    candidate[key] = inner instanceof z.ZodArray ? commaList(String(v)).map(Number) : v;
  }
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return parsed.data as T;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0]);
  throw new ApiError(400, 'invalid_parameter', `${field}: ${issue.message}`, field);
}

/** The validation hook for every route: the first issue becomes a 400 naming its field. */
export function validationHook(result: {
  success: boolean;
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string; keys?: string[] }[] };
}): void {
  if (result.success || !result.error) return;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || issue.keys?.[0] || '';
  throw new ApiError(400, 'invalid_parameter', `${field}: ${issue.message}`, field);
}
