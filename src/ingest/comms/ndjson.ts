/**
 * NDJSON documents, Sitrep's interchange format (the input of `sitrep extract`): one object per
 * line, `{id, text, published?, lang?, source?, title?, url?, author?, channel?,
 * forwarded_from?}`. Blank lines are ignored; a line that is not JSON is quarantined with its
 * line number and the rest load.
 */
import { FieldError } from '../errors.js';
import {
  clipRecord,
  mapRecord,
  type CommsItem,
  type CommsReader,
  type DocumentDraft,
} from './item.js';
import { detectLang } from './lang.js';
import { numberedLines, openText } from '../text-source.js';

export async function openNdjson(file: string): Promise<CommsReader> {
  const source = await openText(file);
  async function* items(): AsyncGenerator<CommsItem> {
    for await (const { line, text } of numberedLines(source.chunks, file)) {
      if (!text.trim()) continue;
      const record = clipRecord(text);
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch (err) {
        yield {
          kind: 'rejected',
          line,
          field: '(line)',
          reason: `invalid JSON: ${(err as Error).message}`,
          record,
        };
        continue;
      }
      yield mapRecord(line, record, obj, () => ndjsonToDocument(obj));
    }
  }
  const { progress, sha256 } = source;
  return { format: 'ndjson', items: items(), progress, sha256, duplicates: 'quarantine' };
}

export function ndjsonToDocument(obj: unknown): DocumentDraft {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new FieldError('(line)', 'not a JSON object, expected {id, text, …}');
  }
  const o = obj as Record<string, unknown>;
  const id = typeof o.id === 'number' ? String(o.id) : o.id;
  if (typeof id !== 'string' || !id) throw new FieldError('id', 'missing, expected a string id');
  if (typeof o.text !== 'string') throw new FieldError('text', 'missing, expected a string');
  const opt = (k: string): string | null => {
    const v = o[k];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string') throw new FieldError(k, `${JSON.stringify(v)}, expected a string`);
    return v;
  };
  const lang = opt('lang');
  return {
    id,
    source: opt('source') ?? 'ndjson',
    channel: opt('channel'),
    author: opt('author'),
    published_at: toUtc(opt('published') ?? opt('published_at')),
    lang: lang ? lang.toLowerCase().split(/[-_]/)[0]! : detectLang(o.text),
    title: opt('title'),
    text: o.text,
    forwarded_from: opt('forwarded_from'),
    url: opt('url'),
  };
}

/** An ISO date or date-time (with or without offset; none means UTC) → UTC ISO `…Z`. */
export function toUtc(value: string | null, field = 'published'): string | null {
  if (value === null) return null;
  const m =
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!m) throw new FieldError(field, `"${value}" is not an ISO 8601 date or time`);
  const withZone = value.length === 10 ? `${value}T00:00:00Z` : m[1] ? value : `${value}Z`;
  const d = new Date(withZone.replace(' ', 'T'));
  if (Number.isNaN(d.getTime())) throw new FieldError(field, `"${value}" is not a valid date`);
  return d.toISOString().replace('.000Z', 'Z');
}
