/**
 * What every communications connector yields: one item per source record, with the line where
 * the record starts so that errors name the place. Connectors never touch the store.
 */
import type { z } from 'zod';
import type { DocumentSchema } from '../../model/index.js';
import type { DuplicatePolicy } from '../../store/index.js';
import { FieldError } from '../errors.js';

/** A document before validation (defaults not yet applied). */
export type DocumentDraft = z.input<typeof DocumentSchema>;

export type CommsItem =
  /** A record mapped to a document; `raw` is the source record as read, kept in the store. */
  | { kind: 'document'; line: number; draft: DocumentDraft; raw: unknown; record: string }
  /** A record that cannot be used: it goes to quarantine. */
  | { kind: 'rejected'; line: number; field: string; reason: string; record: string }
  /** A record that is not a document by design (a Telegram service message): counted only. */
  | { kind: 'skipped'; line: number; reason: string };

/** An opened communications file: its items stream on demand. */
export interface CommsReader {
  /** The format actually read (`rss` or `atom` for feeds). */
  format: string;
  items: AsyncGenerator<CommsItem>;
  /** Bytes read from disk so far and in total (for progress). */
  progress(): { read: number; total: number };
  /** SHA-256 of the file's bytes; complete once `items` is exhausted. */
  sha256(): string;
  /** What a second record with an id already seen in the file means. */
  duplicates: DuplicatePolicy;
}

/** Counts soft problems by kind (they appear in the import report). */
export type Warn = (kind: string) => void;

/** Runs `map`; a FieldError it throws becomes a rejected item instead of an exception. */
export function mapRecord(
  line: number,
  record: string,
  raw: unknown,
  map: () => DocumentDraft,
): CommsItem {
  try {
    return { kind: 'document', line, draft: map(), raw, record };
  } catch (err) {
    if (!(err instanceof FieldError)) throw err;
    return { kind: 'rejected', line, field: err.field, reason: err.message, record };
  }
}

/** Cuts long records for the quarantine table. */
export function clipRecord(s: string, max = 4000): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
