/**
 * The API's one error type and its one handler: every failure leaves as JSON
 * `{ error, code }` (plus `field` for a bad parameter), never as HTML or a stack trace.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine-readable error codes; `error` carries the human-readable message. */
export type ErrorCode =
  | 'invalid_parameter'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'bad_request'
  | 'unavailable'
  | 'internal';

/** Thrown anywhere in a request; `errorHandler` turns it into the JSON response. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** The query parameter or body field at fault. */
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `app.onError(errorHandler)`. Unexpected errors are logged and answered with a bare 500. */
export function errorHandler(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    const body = err.field === undefined ? {} : { field: err.field };
    return c.json({ error: err.message, code: err.code, ...body }, err.status);
  }
  if (err instanceof HTTPException) {
    // Raised inside hono itself (malformed JSON body, body limit): keep the status.
    const code: ErrorCode =
      err.status === 413 ? 'payload_too_large' : err.status < 500 ? 'bad_request' : 'internal';
    return c.json({ error: err.message || 'bad request', code }, err.status);
  }
  console.error(`sitrep serve: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
  return c.json({ error: 'internal error', code: 'internal' }, 500);
}

/** `app.notFound(notFound)`. */
export function notFound(c: Context): Response {
  return c.json({ error: `no route for ${c.req.method} ${c.req.path}`, code: 'not_found' }, 404);
}
