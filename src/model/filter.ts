/**
 * The event filter every query, analysis, export and API route accepts. One schema, so the
 * CLI flags, the HTTP query parameters and the analyses agree on what a filter means.
 */
import { z } from 'zod';
import { AttackType, Origin, TargetType } from './taxonomy.js';

/** `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` meaning the first (for `from`) or last (for `to`) day. */
const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

export const EventFilterSchema = z.object({
  country: z.array(z.string().regex(/^[A-Z]{3}$/, 'expected ISO3 codes like IRQ,SYR')).optional(),
  admin1: z.array(z.string().min(1)).optional(),
  actor: z.array(z.string().min(1)).optional(),
  attack_type: z.array(AttackType).optional(),
  target_type: z.array(TargetType).optional(),
  origin: Origin.optional(),
  source_id: z.array(z.string().min(1)).optional(),
  claimed: z.boolean().optional(),
  from: partialDate.optional(),
  to: partialDate.optional(),
});
export type EventFilter = z.infer<typeof EventFilterSchema>;

/** First day covered by a partial date. @example startOf('2020-02') // '2020-02-01' */
export function startOf(d: string): string {
  if (d.length === 4) return `${d}-01-01`;
  if (d.length === 7) return `${d}-01`;
  return d;
}

/** Last day covered by a partial date. @example endOf('2020-02') // '2020-02-29' */
export function endOf(d: string): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const [y, m] = d.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${d}-${String(last).padStart(2, '0')}`;
  }
  return d;
}
