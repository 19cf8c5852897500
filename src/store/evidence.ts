/**
 * Evidence rows: the character span of a document that justifies one field of an extracted
 * event. Written per document: a re-extraction replaces the rows of the documents it read, so
 * re-running is idempotent.
 */
import type { Evidence } from '../model/index.js';
import type { Store } from './db.js';

/** Rows per INSERT statement. */
const BATCH = 200;

/**
 * Replaces the evidence of `documentIds` with `rows`, in one transaction.
 * @example await replaceEvidence(store, ['doc1'], [{ event_id: 'x:1', document_id: 'doc1', field: 'date', start: 0, end: 9 }])
 */
export async function replaceEvidence(
  store: Store,
  documentIds: readonly string[],
  rows: readonly Evidence[],
): Promise<void> {
  await store.transaction(async () => {
    for (let i = 0; i < documentIds.length; i += BATCH) {
      const ids = documentIds.slice(i, i + BATCH);
      await store.run(
        `DELETE FROM evidence WHERE document_id IN (${ids.map((_, k) => `$${k + 1}`).join(', ')})`,
        [...ids],
      );
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const params = chunk.flatMap((r) => [r.event_id, r.document_id, r.field, r.start, r.end]);
      const values = chunk
        .map((_, k) => `(${[1, 2, 3, 4, 5].map((c) => `$${k * 5 + c}`).join(', ')})`)
        .join(', ');
      await store.run(
        `INSERT INTO evidence (event_id, document_id, field, span_start, span_end) VALUES ${values}`,
        params,
      );
    }
  });
}

/** Evidence of one event, by field. */
export async function evidenceOf(store: Store, eventId: string): Promise<Evidence[]> {
  return store.all<Evidence & Record<string, unknown>>(
    `SELECT event_id, document_id, field, span_start AS "start", span_end AS "end"
     FROM evidence WHERE event_id = $id ORDER BY span_start, field`,
    { id: eventId },
  );
}
