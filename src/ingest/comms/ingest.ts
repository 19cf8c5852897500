/**
 * `sitrep ingest`: stream a communications file through its connector, validate each document,
 * stage it, then commit everything in one transaction. Bad records go to quarantine with file,
 * line, field and reason; service messages are skipped and counted; re-ingesting a file adds
 * nothing (stable ids, row hashes).
 */
import { createHash } from 'node:crypto';
import { DocumentSchema } from '../../model/index.js';
import { DocumentStage, type Store } from '../../store/index.js';
import { detectCommsFormat, type CommsFormat } from './detect.js';
import { openFeed } from './feeds.js';
import { openHtml } from './html-page.js';
import type { CommsReader, Warn } from './item.js';
import {
  linkNearDuplicates,
  type NearDuplicateOptions,
  type NearDuplicateReport,
} from './near-duplicates.js';
import { openNdjson } from './ndjson.js';
import { openTelegram } from './telegram.js';
import { openTweets } from './tweets.js';

const FLUSH_EVERY = 50_000;
const PROGRESS_EVERY = 5_000;

/** What one `ingestDocuments` run did. (Belongs in src/model beside ImportReport.) */
export interface DocumentImportReport {
  importId: number;
  file: string;
  format: string;
  /** Records read: rows, messages (service ones included), items, lines. */
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  /** Records that are not documents by design (Telegram service messages). */
  skipped: number;
  /** Repeats of an earlier record of the same file, merged into it (tweet archives). */
  merged: number;
  warnings: Record<string, number>;
  /** Near-duplicate linking run after the commit (absent when turned off). */
  near_duplicates?: NearDuplicateReport;
  seconds: number;
}

export interface IngestOptions {
  /** Detected from the name and first bytes when absent. */
  format?: CommsFormat;
  /** Called every few thousand records and at the end. */
  onProgress?: (p: { rows: number; bytesRead: number; bytesTotal: number }) => void;
  /**
   * Links near-duplicates of the new documents after the commit (see near-duplicates.ts);
   * default on with a Jaccard threshold of 0.8; `false` skips it (bulk loads link once at the end).
   */
  nearDuplicates?: false | NearDuplicateOptions;
}

export async function ingestDocuments(
  store: Store,
  file: string,
  options: IngestOptions = {},
): Promise<DocumentImportReport> {
  const started = new Date();
  const warnings: Record<string, number> = {};
  const warn: Warn = (kind) => {
    warnings[kind] = (warnings[kind] ?? 0) + 1;
  };
  const format = options.format ?? (await detectCommsFormat(file));
  const reader = await openReader(file, format, warn);
  const stage = await DocumentStage.open(store);
  let read = 0;
  let skipped = 0;
  const report = () => {
    const p = reader.progress();
    options.onProgress?.({ rows: read, bytesRead: p.read, bytesTotal: p.total });
  };
  for await (const item of reader.items) {
    read++;
    if (item.kind === 'skipped') {
      skipped++;
    } else if (item.kind === 'rejected') {
      stage.addRejected(item);
    } else {
      const parsed = DocumentSchema.safeParse(item.draft);
      if (parsed.success) {
        const d = parsed.data;
        const rawJson = JSON.stringify(item.raw ?? null);
        stage.addDocument(item.line, d, item.raw, {
          content: sha1(normalizeForHash(d.text)),
          row: sha1(JSON.stringify(d) + rawJson),
        });
      } else {
        const issue = parsed.error.issues[0]!;
        stage.addRejected({
          line: item.line,
          field: issue.path.join('.') || '(record)',
          reason: issue.message,
          record: item.record,
        });
      }
    }
    if (read % FLUSH_EVERY === 0) stage.flush();
    if (read % PROGRESS_EVERY === 0) report();
  }
  report();
  if (skipped) warnings['service messages skipped'] = skipped;
  const c = await stage.commit(
    { file, sha256: reader.sha256(), format: reader.format, startedAt: started, rowsRead: read },
    reader.duplicates,
    warnings,
  );
  const nearDups =
    options.nearDuplicates === false
      ? undefined
      : await linkNearDuplicates(store, options.nearDuplicates ?? {});
  return {
    importId: c.importId,
    file,
    format: reader.format,
    read,
    inserted: c.inserted,
    updated: c.updated,
    unchanged: c.unchanged,
    quarantined: c.quarantined,
    skipped,
    merged: reader.duplicates === 'keep-first' ? c.duplicates : 0,
    warnings,
    ...(nearDups ? { near_duplicates: nearDups } : {}),
    seconds: (Date.now() - started.getTime()) / 1000,
  };
}

function openReader(file: string, format: CommsFormat, warn: Warn): Promise<CommsReader> {
  switch (format) {
    case 'tweets':
      return openTweets(file);
    case 'telegram':
      return openTelegram(file, warn);
    case 'rss':
    case 'atom':
      return openFeed(file);
    case 'ndjson':
      return openNdjson(file);
    case 'html':
      return openHtml(file);
  }
}

/** Unicode-compatible, case-folded, whitespace-collapsed text: what "the same words" means. */
export function normalizeForHash(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}
