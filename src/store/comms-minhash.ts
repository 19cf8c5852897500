/**
 * Near-duplicate hashing (MinHash LSH, tables of migration 4): which documents still need
 * hashing, the appenders that stage a run's hashes and band keys, and the candidate pairs LSH
 * yields. The links chosen from them live in comms-duplicate-links.ts.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Store } from './db.js';

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
 * duplicates of it. Returns those exact pairs and the number of LSH candidate pairs (a new
 * representative sharing a bucket with any other), left in `nd_cand` for `candidatePage`.
 */
export async function commitMinhashStage(
  store: Store,
): Promise<{ exact: DocPair[]; candidates: number }> {
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
  // Numbered once, so that pages are ranges rather than re-sorted OFFSETs.
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_cand AS
    SELECT row_number() OVER (ORDER BY a, b) AS rn, a, b FROM (
      SELECT DISTINCT least(s.doc_id, l.doc_id) AS a, greatest(s.doc_id, l.doc_id) AS b
      FROM nd_stage_lsh s
      JOIN document_minhash m ON m.doc_id = s.doc_id AND m.representative
      JOIN document_lsh l ON l.band = s.band AND l.bucket = s.bucket AND l.doc_id <> s.doc_id)`);
  const row = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM nd_cand`);
  return { exact, candidates: row?.n ?? 0 };
}

/** A candidate pair with both texts, for the exact Jaccard check. */
export interface CandidatePair extends DocPair {
  text_a: string;
  text_b: string;
}

/**
 * Candidate pairs `offset`…`offset + limit` (ordered by `a`, `b`) with their texts: read in
 * pages so that memory stays bounded however many candidates LSH produced.
 */
export function candidatePage(
  store: Store,
  offset: number,
  limit: number,
): Promise<CandidatePair[]> {
  return store.all<CandidatePair & Record<string, unknown>>(
    `SELECT c.a, c.b, da.text AS text_a, db.text AS text_b
     FROM nd_cand c JOIN documents da ON da.id = c.a JOIN documents db ON db.id = c.b
     WHERE c.rn > $offset AND c.rn <= $end ORDER BY c.rn`,
    { offset, end: offset + limit },
  );
}
