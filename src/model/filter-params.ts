/**
 * Filter parameters as text (CLI flags, HTTP query strings) → EventFilter. Both front ends name
 * the same parameters (`country=IRQ,SYR&type=bombing&from=2020-01`), split comma lists the same
 * way and validate through EventFilterSchema, so a filter means one thing everywhere.
 */
import { z } from 'zod';
import { EventFilterSchema, endOf, startOf, type EventFilter } from './filter.js';

/** The textual filter parameters; lists are comma separated. */
export const FilterParamsSchema = z.object({
  country: z.string().optional().describe('countries (ISO3), comma separated, e.g. IRQ,SYR'),
  admin1: z.string().optional().describe('first-level admin units (names or pcodes)'),
  actor: z.string().optional().describe('actors; aliases work (ISIS = Islamic State)'),
  type: z.string().optional().describe('attack types (GTD categories, snake_case)'),
  target: z.string().optional().describe('target types (GTD categories, snake_case)'),
  source: z.string().optional().describe('source ids, e.g. ucdp_ged,acled'),
  origin: z.string().optional().describe('dataset or extracted'),
  claimed: z.enum(['true', 'false']).optional().describe('claimed (true) or unclaimed (false)'),
  from: z.string().optional().describe('first day: YYYY, YYYY-MM or YYYY-MM-DD'),
  to: z.string().optional().describe('last day (inclusive): YYYY, YYYY-MM or YYYY-MM-DD'),
});
export type FilterParams = Omit<z.infer<typeof FilterParamsSchema>, 'claimed'> & {
  claimed?: boolean | 'true' | 'false';
};

/** A filter parameter that does not validate; `param` is the parameter's name (`type`, `from`). */
export class FilterParamError extends Error {
  override name = 'FilterParamError';
  constructor(
    readonly param: string,
    readonly reason: string,
  ) {
    super(`${param}: ${reason}`);
  }
}

/** Splits `a, b,,c` into `['a', 'b', 'c']`. */
export function commaList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** EventFilter field → parameter name, where they differ. */
const PARAM_NAMES: Record<string, string> = {
  attack_type: 'type',
  target_type: 'target',
  source_id: 'source',
};

/**
 * Textual parameters → a validated EventFilter; throws FilterParamError naming the parameter.
 *
 * @example filterFromParams({ country: 'irq,syr', actor: 'ISIS', from: '2016' })
 * // { country: ['IRQ', 'SYR'], actor: ['ISIS'], from: '2016' }
 */
export function filterFromParams(p: FilterParams): EventFilter {
  const candidate = {
    country: p.country ? commaList(p.country).map((c) => c.toUpperCase()) : undefined,
    admin1: p.admin1 ? commaList(p.admin1) : undefined,
    actor: p.actor ? commaList(p.actor) : undefined,
    attack_type: p.type ? commaList(p.type) : undefined,
    target_type: p.target ? commaList(p.target) : undefined,
    source_id: p.source ? commaList(p.source) : undefined,
    origin: p.origin || undefined,
    claimed: p.claimed === undefined ? undefined : p.claimed === true || p.claimed === 'true',
    from: p.from || undefined,
    to: p.to || undefined,
  };
  const parsed = EventFilterSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]);
    throw new FilterParamError(PARAM_NAMES[field] ?? field, issue.message);
  }
  const { from, to } = parsed.data;
  if (from && to && startOf(from) > endOf(to)) {
    throw new FilterParamError('from', `${from} is after to ${to}`);
  }
  return parsed.data;
}
