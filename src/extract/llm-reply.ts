/**
 * Reading an LLM's reply into ExtractedEvents: the JSON is validated with zod, near-misses are
 * repaired (numbers as strings, GTD labels instead of snake_case, code fences), and every field
 * the model quotes is located in the text to become its evidence span. A model's word is never
 * taken where the text cannot show it: a quote not found in the text gives no evidence.
 */
import { z } from 'zod';
import { AdminLookup } from '../gazetteer/admin-lookup.js';
import type { Iso3 } from '../gazetteer/admin-types.js';
import { AttackType, canonicalActor, Tactic, TargetType } from '../model/index.js';
import { confidence } from './confidence.js';
import { GTD_ATTACK, GTD_TARGET } from './eval.js';
import { EXTRACTOR, ExtractedEventSchema, type ExtractedEvent } from './types.js';

const snake = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** A count as the model may write it: 12, "12", "at least 12" → 12; anything else → null. */
const Count = z.preprocess((v) => {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : null;
  if (typeof v === 'string') {
    const m = /\d+/.exec(v);
    return m ? Number(m[0]) : null;
  }
  return null;
}, z.number().int().nonnegative().nullable());

const Str = z.preprocess(
  (v) =>
    typeof v === 'string' && v.trim() && !/^(?:null|none|unknown|n\/a)$/i.test(v.trim())
      ? v.trim()
      : null,
  z.string().nullable(),
);

const Attack = z.preprocess((v) => {
  if (typeof v !== 'string') return 'unknown';
  const s = snake(v);
  if (AttackType.safeParse(s).success) return s;
  return GTD_ATTACK[v.trim().toLowerCase()] ?? (s.includes('bomb') ? 'bombing' : 'unknown');
}, AttackType);

const Target = z.preprocess((v) => {
  if (typeof v !== 'string') return null;
  const s = snake(v);
  if (TargetType.safeParse(s).success) return s;
  return GTD_TARGET[v.trim().toLowerCase()] ?? null;
}, TargetType.nullable());

const Claimed = z.preprocess(
  (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null),
  z.boolean().nullable(),
);

/** One event as we ask the model for it (see llm.ts SYSTEM_PROMPT); lenient on purpose. */
export const LlmEventSchema = z.object({
  date: z.preprocess(
    (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null),
    z.string().nullable(),
  ),
  date_precision: z.preprocess(
    (v) => (v === 1 || v === 2 || v === 3 ? v : null),
    z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  ),
  country: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? ({ IRQ: 'IRQ', IRAQ: 'IRQ', SYR: 'SYR', SYRIA: 'SYR' }[v.trim().toUpperCase()] ?? null)
        : null,
    z.enum(['IRQ', 'SYR']).nullable(),
  ),
  admin1: Str,
  location: Str,
  actor1: Str,
  attack_type: Attack,
  tactics: z.preprocess(
    (v) =>
      Array.isArray(v)
        ? v
            .map((t) => (typeof t === 'string' ? snake(t) : t))
            .filter((t) => Tactic.safeParse(t).success)
        : [],
    z.array(Tactic),
  ),
  target_type: Target,
  fatalities: Count,
  wounded: Count,
  claimed: Claimed,
  /** field → the words of the text that justify it. */
  quotes: z.preprocess(
    (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}),
    z.record(z.string(), z.unknown()),
  ),
});
export type LlmEvent = z.infer<typeof LlmEventSchema>;

/** The JSON in a chat reply's content: bare, or inside a ``` fence, or the outermost {…}. */
export function replyJson(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content);
  const body = (fenced ? fenced[1]! : content).trim();
  try {
    return JSON.parse(body);
  } catch {
    const start = body.indexOf('{');
    const end = body.lastIndexOf('}');
    if (start >= 0 && end > start) return JSON.parse(body.slice(start, end + 1));
    throw new Error('reply: not JSON');
  }
}

/** The event objects of a parsed reply: {events: […]}, […] or one event object. */
export function replyEvents(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    if (Array.isArray(o.events)) return o.events;
    if ('attack_type' in o) return [o];
  }
  throw new Error('reply: expected {"events": [...]}');
}

/** The span of `quote` in `text`: exact first, then ignoring case; null when absent. */
export function locate(text: string, quote: unknown): [number, number] | null {
  if (typeof quote !== 'string' || !quote.trim()) return null;
  const q = quote.trim();
  let at = text.indexOf(q);
  if (at < 0) at = text.toLowerCase().indexOf(q.toLowerCase());
  return at < 0 ? null : [at, at + q.length];
}

/**
 * ExtractedEvents from the model's event objects for `docId`/`text`. Invalid objects are
 * dropped and counted in `rejected`; the rest are repaired, located and validated.
 */
export function toExtracted(
  items: readonly unknown[],
  docId: string,
  text: string,
  model: string,
): { events: ExtractedEvent[]; rejected: number } {
  const lookup = AdminLookup.load();
  const events: ExtractedEvent[] = [];
  let rejected = 0;
  for (const item of items) {
    const parsed = LlmEventSchema.safeParse(item);
    if (!parsed.success) {
      rejected++;
      continue;
    }
    const e = parsed.data;
    const evidence: Record<string, [number, number]> = {};
    for (const [field, quote] of Object.entries(e.quotes)) {
      const span = locate(text, quote);
      if (span) evidence[field] = span;
    }
    // The admin unit is resolved in the gazetteer, so names and codes are canonical.
    const unit = e.admin1 ? lookup.resolveName(e.country as Iso3 | null, e.admin1) : null;
    const fields = {
      specificTrigger: e.attack_type !== 'unknown',
      typed: e.attack_type !== 'unknown',
      triggers: 1,
      place: unit !== null,
      geoPrecision: unit ? 3 : null,
      date: e.date !== null,
      datePrecision: e.date_precision,
      actor: e.actor1 !== null,
      claimKnown: e.claimed !== null,
      target: e.target_type !== null,
      targetScore: e.target_type ? 20 : 0,
      casualties: e.fatalities !== null || e.wounded !== null,
      events: items.length,
      chars: text.length,
      arabic: /[\u0600-\u06ff]/u.test(text),
    };
    const conf = confidence(fields);
    const candidate: ExtractedEvent = {
      doc_id: docId,
      date: e.date,
      date_precision: e.date ? (e.date_precision ?? 3) : null,
      country: unit?.country ?? e.country,
      admin1: unit?.admin1 ?? null,
      admin1_code: unit?.admin1_code ?? null,
      admin2: unit?.admin2 ?? null,
      admin2_code: unit?.admin2_code ?? null,
      location: e.location,
      lat: null,
      lon: null,
      geo_precision: unit ? 3 : null,
      actor1: e.actor1 ? (canonicalActor(e.actor1) ?? e.actor1) : null,
      attack_type: e.attack_type,
      tactics: [...new Set(e.tactics)],
      target_type: e.target_type,
      fatalities: e.fatalities,
      wounded: e.wounded,
      attackers_killed: 0,
      claimed: e.claimed,
      confidence: conf.confidence,
      field_confidence: conf.fields,
      notes: [],
      evidence,
      extractor: { name: `sitrep-llm:${model}`, version: EXTRACTOR.version },
    };
    const ok = ExtractedEventSchema.safeParse(candidate);
    if (ok.success) events.push(ok.data);
    else rejected++;
  }
  return { events, rejected };
}
