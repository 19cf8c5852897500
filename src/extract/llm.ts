/**
 * The optional LLM extractor: any OpenAI-compatible chat-completions server (llama.cpp, vLLM,
 * Ollama, a hosted API) asked for the ExtractedEvent schema as JSON. Called only when the user
 * passes `--llm URL`; the reply is validated and repaired (llm-reply.ts), and a document whose
 * request or reply fails falls back to the rule extractor, so the pipe always answers.
 * The API key travels only in the Authorization header: it is never logged or echoed.
 */
import { extract } from './extract.js';
import { replyEvents, replyJson, toExtracted } from './llm-reply.js';
import type { ExtractDoc, ExtractedEvent } from './types.js';

export interface LlmOptions {
  /** Base URL (`http://127.0.0.1:8080/v1`) or the full `…/chat/completions` endpoint. */
  url: string;
  /** Model name sent in the request. Default 'default'. */
  model?: string;
  /** Bearer token; the CLI reads it from SITREP_LLM_KEY. */
  apiKey?: string;
  /** Per-request timeout in ms. Default 60,000. */
  timeoutMs?: number;
  /** Texts are cut to this many characters before sending. Default 12,000. */
  maxChars?: number;
  /** Requests in flight at once when extracting a stream of documents. Default 4. */
  concurrency?: number;
}

/** Requests in flight at once unless `LlmOptions.concurrency` says otherwise. */
export const DEFAULT_LLM_CONCURRENCY = 4;

export const SYSTEM_PROMPT = `You extract attacks from news reports and claims about Iraq and Syria.
Reply with JSON only: {"events": [ ... ]}, one object per distinct attack the text reports, [] if it
reports none (background statistics, arrests, policy news, historical mentions are not events).
Each event object has exactly these keys:
  "date": "YYYY-MM-DD" or null (resolve relative dates against the publication date),
  "date_precision": 1 (exact day), 2 (within a week), 3 (within a month or vaguer), or null,
  "country": "IRQ" or "SYR" or null, "admin1": governorate name or null, "location": town or place or null,
  "actor1": perpetrator group or null, "claimed": true, false (explicitly unclaimed) or null,
  "attack_type": one of bombing, armed_assault, assassination, kidnapping, barricade_hostage,
    facility_attack, hijacking, unarmed_assault, unknown,
  "tactics": list from suicide, ied, vbied, ambush, sniper, indirect_fire, beheading, arson,
    assassination, kidnapping, execution, landmine, raid, clash,
  "target_type": one of military, police, government, private_citizens, business, religious, tribal,
    utilities, journalists_media, educational_institution, transportation, terrorists_militants, other, or null,
  "fatalities": victims killed (not attackers) as an integer or null, "wounded": integer or null,
  "quotes": for each field you filled, the exact words of the text that justify it,
    e.g. {"attack_type": "car bomb", "fatalities": "killing 12", "admin1": "Kirkuk"}.
Copy quotes verbatim from the text. Never guess a number the text does not state.`;

/** The chat-completions endpoint for `url`. */
export function endpoint(url: string): string {
  const u = url.replace(/\/+$/, '');
  return /\/chat\/completions$/.test(u) ? u : `${u}/chat/completions`;
}

/** The request body we send for `doc` (exported for the contract test). */
export function requestBody(doc: ExtractDoc, options: LlmOptions): Record<string, unknown> {
  const text = doc.text.slice(0, options.maxChars ?? 12_000);
  const head = [
    doc.published ? `Published: ${String(doc.published).slice(0, 10)}` : 'Published: unknown',
    doc.lang ? `Language: ${doc.lang}` : null,
  ].filter(Boolean);
  return {
    model: options.model ?? 'default',
    temperature: 0,
    response_format: { type: 'json_object' },
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: `${head.join('\n')}\n\nText:\n${text}` },
    ],
  };
}

export interface LlmResult {
  events: ExtractedEvent[];
  /** Why this document fell back to the rule extractor; absent when the model answered. */
  fallback?: string;
  /** Event objects of the reply that failed validation and were dropped. */
  rejected: number;
}

/**
 * Events of `doc` from the model, or from the rules when the request or the reply fails.
 * @example await extractLlm({ id: 'd1', text }, { url: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-7b' })
 */
export async function extractLlm(doc: ExtractDoc, options: LlmOptions): Promise<LlmResult> {
  const id = String(doc.id);
  const text = typeof doc.text === 'string' ? doc.text.slice(0, options.maxChars ?? 12_000) : '';
  if (!text.trim()) return { events: [], rejected: 0 };
  try {
    const res = await fetch(endpoint(options.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify(requestBody({ ...doc, text }, options)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const reply = (await res.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = reply.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error('reply: no choices[0].message.content');
    const items = replyEvents(replyJson(content));
    const { events, rejected } = toExtracted(items, id, text, options.model ?? 'default');
    // Every object invalid: the model did not follow the schema; the rules do better than nothing.
    if (items.length > 0 && events.length === 0)
      throw new Error(`reply: ${rejected} invalid event(s)`);
    return { events, rejected };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { events: extract(doc), fallback: reason, rejected: 0 };
  }
}

const SAME_FIELDS = [
  'date',
  'admin1',
  'location',
  'actor1',
  'attack_type',
  'target_type',
  'fatalities',
  'wounded',
  'claimed',
] as const;

/**
 * Where the rules found the same value as the model, the rules' span is the evidence the model
 * did not quote; where they agree on the governorate, the geoparser's finer place fills in.
 */
export function mergeRuleEvidence(llm: ExtractedEvent[], rules: readonly ExtractedEvent[]): void {
  for (const e of llm) {
    const r =
      rules.find((x) => x.admin1_code === e.admin1_code && x.attack_type === e.attack_type) ??
      (rules.length === 1 && llm.length === 1 ? rules[0] : undefined);
    if (!r) continue;
    for (const f of SAME_FIELDS) {
      const span = r.evidence[f];
      if (span && !e.evidence[f] && r[f] !== null && r[f] === e[f]) e.evidence[f] = span;
    }
    if (r.admin1_code !== null && r.admin1_code === e.admin1_code && r.lat !== null) {
      Object.assign(e, {
        admin2: r.admin2,
        admin2_code: r.admin2_code,
        lat: r.lat,
        lon: r.lon,
        geo_precision: r.geo_precision,
        location: e.location ?? r.location,
      });
      if (r.evidence.location && !e.evidence.location) e.evidence.location = r.evidence.location;
    }
  }
}
