/**
 * Evidence rows: the character span of a document that justifies one field of an extracted
 * event. Written per document: a re-extraction replaces the rows of the documents it read, so
 * re-running is idempotent.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
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

/**
 * Evidence written while documents stream past: rows go through a DuckDB appender into staging
 * tables in the database file (spillable), so memory holds one page of documents at most; the
 * swap into `evidence` is one transaction at `commit`, so a killed run changes nothing.
 */
export class EvidenceStage {
  private constructor(
    private readonly store: Store,
    private readonly rows: DuckDBAppender,
    private readonly docs: DuckDBAppender,
  ) {}

  static async open(store: Store): Promise<EvidenceStage> {
    await store.run(`CREATE OR REPLACE TABLE evidence_stage (
      event_id VARCHAR, document_id VARCHAR, field VARCHAR, span_start INTEGER, span_end INTEGER)`);
    await store.run('CREATE OR REPLACE TABLE evidence_stage_docs (document_id VARCHAR)');
    return new EvidenceStage(
      store,
      await store.conn.createAppender('evidence_stage'),
      await store.conn.createAppender('evidence_stage_docs'),
    );
  }

  /** Stages the evidence of one document (its old rows are replaced at commit, even by none). */
  add(documentId: string, rows: readonly Evidence[]): void {
    this.docs.appendVarchar(documentId);
    this.docs.endRow();
    for (const r of rows) {
      this.rows.appendVarchar(r.event_id);
      this.rows.appendVarchar(r.document_id);
      this.rows.appendVarchar(r.field);
      this.rows.appendInteger(r.start);
      this.rows.appendInteger(r.end);
      this.rows.endRow();
    }
  }

  /** Hands the appended rows to DuckDB (call once per page to keep JS memory flat). */
  flush(): void {
    this.rows.flushSync();
    this.docs.flushSync();
  }

  /** Replaces the staged documents' evidence with the staged rows, in one transaction. */
  async commit(): Promise<void> {
    this.rows.closeSync();
    this.docs.closeSync();
    await this.store.transaction(async () => {
      await this.store.run(
        'DELETE FROM evidence WHERE document_id IN (SELECT document_id FROM evidence_stage_docs)',
      );
      await this.store.run(
        `INSERT INTO evidence (event_id, document_id, field, span_start, span_end)
         SELECT event_id, document_id, field, span_start, span_end FROM evidence_stage`,
      );
    });
    await this.store.run('DROP TABLE evidence_stage');
    await this.store.run('DROP TABLE evidence_stage_docs');
  }
}

/** Evidence of one event, by field. */
export async function evidenceOf(store: Store, eventId: string): Promise<Evidence[]> {
  return store.all<Evidence & Record<string, unknown>>(
    `SELECT event_id, document_id, field, span_start AS "start", span_end AS "end"
     FROM evidence WHERE event_id = $id ORDER BY span_start, field`,
    { id: eventId },
  );
}
