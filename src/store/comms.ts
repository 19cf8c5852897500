/**
 * Communications queries: near-duplicate bookkeeping (MinHash LSH buckets and duplicate links,
 * tables of migration 4) and the SQL behind the comms analyses (src/analyze/comms). Values are
 * always bound parameters; the only identifiers spliced in come from whitelists here.
 */
import type { DuckDBAppender, DuckDBValue } from '@duckdb/node-api';
import type { Store } from './db.js';

// ---- near-duplicates ------------------------------------------------------------------------

/** A document not yet hashed for near-duplicates, in publication order. */
export interface UnhashedDocument {
  id: string;
  text: string;
  content_hash: string | null;
}

/**
 * Forgets the hashes of documents whose text changed or that are gone (and their links as
 * duplicates), then lists the documents to hash in the table `nd_new`. Returns their number.
 */
export async function prepareNearDuplicates(store: Store): Promise<number> {
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_stale AS
    SELECT m.doc_id FROM document_minhash m LEFT JOIN documents d ON d.id = m.doc_id
    WHERE d.id IS NULL OR d.content_hash IS DISTINCT FROM m.content_hash`);
  await store.transaction(async () => {
    await store.run(`DELETE FROM document_lsh WHERE doc_id IN (SELECT doc_id FROM nd_stale)`);
    await store.run(`DELETE FROM document_minhash WHERE doc_id IN (SELECT doc_id FROM nd_stale)`);
    await store.run(
      `DELETE FROM document_duplicates WHERE doc_id IN (SELECT doc_id FROM nd_stale)`,
    );
  });
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_new AS
    SELECT d.id, row_number() OVER (ORDER BY d.published_at NULLS LAST, d.id) AS rn
    FROM documents d ANTI JOIN document_minhash m ON m.doc_id = d.id`);
  const row = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM nd_new`);
  return row?.n ?? 0;
}

/** Documents `from`…`to` (1-based, inclusive) of `nd_new`. */
export function unhashedDocuments(
  store: Store,
  from: number,
  to: number,
): Promise<UnhashedDocument[]> {
  return store.all<UnhashedDocument & Record<string, unknown>>(
    `SELECT d.id, d.text, d.content_hash FROM nd_new n JOIN documents d ON d.id = n.id
     WHERE n.rn BETWEEN $from AND $to ORDER BY n.rn`,
    { from, to },
  );
}

/** Appenders for one near-duplicate run: hashes and band keys of the new documents. */
export class MinhashStage {
  private constructor(
    private readonly docs: DuckDBAppender,
    private readonly bands: DuckDBAppender,
  ) {}

  static async open(store: Store): Promise<MinhashStage> {
    await store.run(`CREATE OR REPLACE TEMP TABLE nd_stage_docs (
      ord BIGINT, doc_id VARCHAR, content_hash VARCHAR, norm_hash VARCHAR)`);
    await store.run(`CREATE OR REPLACE TEMP TABLE nd_stage_lsh (
      band SMALLINT, bucket BIGINT, doc_id VARCHAR)`);
    return new MinhashStage(
      await store.conn.createAppender('nd_stage_docs'),
      await store.conn.createAppender('nd_stage_lsh'),
    );
  }

  /** One new document; `normHash` null when it is too short to compare. */
  add(ord: number, doc: UnhashedDocument, normHash: string | null, bandKeys: number[]): void {
    const d = this.docs;
    d.appendBigInt(BigInt(ord));
    d.appendVarchar(doc.id);
    if (doc.content_hash === null) d.appendNull();
    else d.appendVarchar(doc.content_hash);
    if (normHash === null) d.appendNull();
    else d.appendVarchar(normHash);
    d.endRow();
    bandKeys.forEach((key, band) => {
      this.bands.appendSmallInt(band);
      this.bands.appendBigInt(BigInt(key));
      this.bands.appendVarchar(doc.id);
      this.bands.endRow();
    });
  }

  flush(): void {
    this.docs.flushSync();
    this.bands.flushSync();
  }

  close(): void {
    this.flush();
    this.docs.closeSync();
    this.bands.closeSync();
  }
}

/** A pair of documents to link or to check: `a` < `b`. */
export interface DocPair {
  a: string;
  b: string;
}

/**
 * Stores the staged hashes. The first document (in publication order) with a given normalised
 * text is its `representative` and the only one whose bands are stored; the others are exact
 * duplicates of it. Returns those exact pairs and the LSH candidate pairs (a new representative
 * sharing a bucket with any other), which the caller verifies.
 */
export async function commitMinhashStage(
  store: Store,
): Promise<{ exact: DocPair[]; candidates: DocPair[] }> {
  await store.transaction(async () => {
    await store.run(`INSERT INTO document_minhash
      SELECT s.doc_id, s.content_hash, s.norm_hash,
             s.norm_hash IS NOT NULL AND old.doc_id IS NULL
               AND row_number() OVER (PARTITION BY s.norm_hash ORDER BY s.ord) = 1
      FROM nd_stage_docs s
      LEFT JOIN document_minhash old ON old.norm_hash = s.norm_hash AND old.representative`);
    await store.run(`INSERT INTO document_lsh
      SELECT l.band, l.bucket, l.doc_id FROM nd_stage_lsh l
      JOIN document_minhash m ON m.doc_id = l.doc_id AND m.representative`);
  });
  const exact = await store.all<DocPair & Record<string, unknown>>(
    `SELECT least(s.doc_id, r.doc_id) AS a, greatest(s.doc_id, r.doc_id) AS b
     FROM nd_stage_docs s
     JOIN document_minhash m ON m.doc_id = s.doc_id AND NOT m.representative
     JOIN document_minhash r ON r.norm_hash = s.norm_hash AND r.representative
     ORDER BY a, b`,
  );
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_cand AS
    SELECT DISTINCT least(s.doc_id, l.doc_id) AS a, greatest(s.doc_id, l.doc_id) AS b
    FROM nd_stage_lsh s
    JOIN document_minhash m ON m.doc_id = s.doc_id AND m.representative
    JOIN document_lsh l ON l.band = s.band AND l.bucket = s.bucket AND l.doc_id <> s.doc_id`);
  const candidates = await store.all<DocPair & Record<string, unknown>>(
    `SELECT a, b FROM nd_cand ORDER BY a, b`,
  );
  return { exact, candidates };
}

/** The texts of every document in a candidate pair (for the exact Jaccard check). */
export async function candidateTexts(store: Store): Promise<Map<string, string>> {
  const rows = await store.all<{ id: string; text: string }>(
    `SELECT id, text FROM documents
     WHERE id IN (SELECT a FROM nd_cand UNION SELECT b FROM nd_cand)`,
  );
  return new Map(rows.map((r) => [r.id, r.text]));
}

export interface DuplicateLink {
  doc_id: string;
  canonical_id: string;
  similarity: number;
  method: 'exact' | 'minhash';
}

/** Loads `ids` into the temp table `nd_ids` (appender: no parameter limits). */
async function loadIds(store: Store, ids: Iterable<string>): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_ids (id VARCHAR)`);
  const a = await store.conn.createAppender('nd_ids');
  for (const id of ids) {
    a.appendVarchar(id);
    a.endRow();
  }
  a.closeSync();
}

/**
 * Existing links that touch `ids` or share a canonical document with them, and the publication
 * time of every document involved (for choosing the canonical one: the earliest).
 */
export async function linksAround(
  store: Store,
  ids: Iterable<string>,
): Promise<{ links: DuplicateLink[]; published: Map<string, string | null> }> {
  await loadIds(store, ids);
  const links = await store.all<DuplicateLink & Record<string, unknown>>(
    `WITH c AS (
       SELECT canonical_id AS id FROM document_duplicates
       WHERE doc_id IN (SELECT id FROM nd_ids) OR canonical_id IN (SELECT id FROM nd_ids)
       UNION SELECT id FROM nd_ids)
     SELECT doc_id, canonical_id, similarity, method FROM document_duplicates
     WHERE doc_id IN (SELECT id FROM c) OR canonical_id IN (SELECT id FROM c)`,
  );
  await store.run(`INSERT INTO nd_ids
    SELECT doc_id FROM document_duplicates WHERE canonical_id IN (SELECT id FROM nd_ids)
    UNION SELECT canonical_id FROM document_duplicates WHERE doc_id IN (SELECT id FROM nd_ids)`);
  const rows = await store.all<{ id: string; published: string | null }>(
    `SELECT d.id, strftime(timezone('UTC', d.published_at), '%Y-%m-%dT%H:%M:%SZ') AS published
     FROM documents d WHERE d.id IN (SELECT id FROM nd_ids)`,
  );
  return { links, published: new Map(rows.map((r) => [r.id, r.published])) };
}

/** Replaces the links of every document in `members` with `links`, in one transaction. */
export async function replaceDuplicateLinks(
  store: Store,
  members: Iterable<string>,
  links: readonly DuplicateLink[],
): Promise<void> {
  await loadIds(store, members);
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_links (
    doc_id VARCHAR, canonical_id VARCHAR, similarity DOUBLE, method VARCHAR)`);
  const a = await store.conn.createAppender('nd_links');
  for (const l of links) {
    a.appendVarchar(l.doc_id);
    a.appendVarchar(l.canonical_id);
    a.appendDouble(l.similarity);
    a.appendVarchar(l.method);
    a.endRow();
  }
  a.closeSync();
  await store.transaction(async () => {
    await store.run(`DELETE FROM document_duplicates WHERE doc_id IN (SELECT id FROM nd_ids)`);
    await store.run(`INSERT INTO document_duplicates SELECT * FROM nd_links`);
  });
}

/** Duplicate links, optionally only those whose canonical document is `canonicalId`. */
export function listDuplicateLinks(store: Store, canonicalId?: string): Promise<DuplicateLink[]> {
  const params: Record<string, DuckDBValue> = {};
  let where = '';
  if (canonicalId !== undefined) {
    where = 'WHERE canonical_id = $c';
    params.c = canonicalId;
  }
  return store.all<DuplicateLink & Record<string, unknown>>(
    `SELECT doc_id, canonical_id, similarity, method FROM document_duplicates ${where}
     ORDER BY canonical_id, doc_id`,
    params,
  );
}
