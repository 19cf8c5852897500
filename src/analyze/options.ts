/** Option validation shared by the time-series analyses: one zod schema, one error shape. */
import type { z } from 'zod';

/** Parses `options` with `schema`; a bad one throws `RangeError("<analysis> option <key>: <value> (<why>)")`. */
export function parseOptions<T>(analysis: string, schema: z.ZodType<T>, options: unknown): T {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    const value = (options as Record<string, unknown>)[key];
    throw new RangeError(`${analysis} option ${key}: ${String(value)} (${issue.message})`);
  }
  return parsed.data;
}
