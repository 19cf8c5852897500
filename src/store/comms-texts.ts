/** Document texts for the text analyses (terms, ops share), read in stable pages. */
import { commsWhere, UTC_DAY, type CommsSqlFilter } from './comms-filter.js';
import type { Store } from './db.js';

/** A document as the text analyses read it. */
export interface CommsText {
  id: string;
  text: string;
  /** UTC day. */
  day: string | null;
  lang: string | null;
  source: string;
}

/** Matching dated documents, `limit` at a time from `offset` (stable order: day, id). */
export function commsTexts(
  store: Store,
  f: CommsSqlFilter,
  offset: number,
  limit: number,
): Promise<CommsText[]> {
  const w = commsWhere(f, ['d.published_at IS NOT NULL']);
  return store.all<CommsText & Record<string, unknown>>(
    `SELECT d.id, d.text, strftime(${UTC_DAY}, '%Y-%m-%d') AS day, d.lang, d.source
     FROM documents d ${w.sql} ORDER BY ${UTC_DAY}, d.id LIMIT $limit OFFSET $offset`,
    { ...w.params, limit, offset },
  );
}
