/**
 * Documents (communications) in the store: staging while a file streams in, one transactional
 * MERGE at the end (the same design as `ImportStage` for events), and filtered reads.
 *
 * Re-ingesting a file adds nothing: ids are stable and each row carries `row_hash`, a hash of
 * every stored field; a row whose hash is unchanged is left alone. `content_hash` is the hash
 * of the normalised text alone, so that the same words posted in several channels can be found.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Document } from '../model/index.js';
import type { Store } from './db.js';
import { Staging, type StagedTarget } from './import-run.js';

const STAGE_DOCS = `CREATE OR REPLACE TABLE import_stage_documents (
  line BIGINT, id VARCHAR, source VARCHAR, channel VARCHAR, author VARCHAR, published_at VARCHAR,
  lang VARCHAR, title VARCHAR, text VARCHAR, forwarded_from VARCHAR, url VARCHAR, raw VARCHAR,
  content_hash VARCHAR, row_hash VARCHAR)`;

/** Every documents column an ingest writes (all but id and the bookkeeping columns). */
const UPDATABLE = [
  'source',
  'channel',
  'author',
  'published_at',
  'lang',
  'title',
  'text',
  'forwarded_from',
  'url',
  'raw',
  'content_hash',
  'row_hash',
] as const;

export class DocumentStage extends Staging {
  static async open(store: Store): Promise<DocumentStage> {
    const [rows, rejected] = await Staging.createTables(store, DOCUMENTS_TARGET, STAGE_DOCS);
    return new DocumentStage(store, rows, rejected, DOCUMENTS_TARGET);
  }

  /** Appends one validated document read at `line`, with its source record and hashes. */
  addDocument(
    line: number,
    d: Document,
    raw: unknown,
    hashes: { content: string; row: string },
  ): void {
    const a = this.rows;
    a.appendBigInt(BigInt(line));
    for (const v of [d.id, d.source, d.channel, d.author, d.published_at, d.lang, d.title]) {
      str(a, v);
    }
    for (const v of [d.text, d.forwarded_from, d.url, JSON.stringify(raw ?? null)]) str(a, v);
    str(a, hashes.content);
    str(a, hashes.row);
    a.endRow();
  }
}

const DOCUMENTS_TARGET: StagedTarget = {
  table: 'documents',
  stage: 'import_stage_documents',
  quarantineStage: 'import_stage_doc_quarantine',
  projection: `* EXCLUDE (line, published_at, raw),
    published_at::TIMESTAMPTZ AS published_at, raw::JSON AS raw`,
  columns: UPDATABLE,
};

/** Which documents to read; every field optional. `from`/`to` are dates or UTC instants. */
export interface DocumentFilter {
  source?: string;
  channel?: string;
  lang?: string;
  /** Inclusive: `2015-06-01` or `2015-06-01T12:00:00Z`. */
  from?: string;
  /** Inclusive; a bare date means the whole day. */
  to?: string;
}

/** A stored document as read back: the model fields plus the bookkeeping ones. */
export interface StoredDocument extends Document {
  content_hash: string | null;
  import_id: number | null;
}

function whereClause(f: DocumentFilter): { sql: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  for (const key of ['source', 'channel', 'lang'] as const) {
    const v = f[key];
    if (v !== undefined) {
      parts.push(`${key} = $${key}`);
      params[key] = v;
    }
  }
  if (f.from !== undefined) {
    parts.push('published_at >= $from::TIMESTAMPTZ');
    params.from = f.from;
  }
  if (f.to !== undefined) {
    const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(f.to);
    parts.push(
      bareDate
        ? `published_at < $to::TIMESTAMPTZ + INTERVAL 1 DAY`
        : 'published_at <= $to::TIMESTAMPTZ',
    );
    params.to = f.to;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Documents matching `filter`, newest first (undated last), then by id. */
export async function listDocuments(
  store: Store,
  filter: DocumentFilter & { limit?: number; offset?: number } = {},
): Promise<StoredDocument[]> {
  const { sql, params } = whereClause(filter);
  return store.all<StoredDocument & Record<string, unknown>>(
    `SELECT id, source, channel, author,
            strftime(timezone('UTC', published_at), '%Y-%m-%dT%H:%M:%SZ') AS published_at,
            lang, title, text, forwarded_from, url, content_hash, import_id
     FROM documents ${sql}
     ORDER BY published_at DESC NULLS LAST, id LIMIT $limit OFFSET $offset`,
    { ...params, limit: filter.limit ?? 50, offset: filter.offset ?? 0 },
  );
}

export async function countDocuments(store: Store, filter: DocumentFilter = {}): Promise<number> {
  const { sql, params } = whereClause(filter);
  const row = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM documents ${sql}`,
    params,
  );
  return row?.n ?? 0;
}

function str(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}
