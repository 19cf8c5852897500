/**
 * Near-duplicate links (`document_duplicates`, migration 4): read the links around a set of
 * documents, replace them, list them. Values are always bound parameters.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Store } from './db.js';

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
