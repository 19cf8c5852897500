/** Reads of the bookkeeping tables: import runs, quarantine, database summary. */
import type { QuarantineRow } from '../model/index.js';
import type { Store } from './db.js';
import { SCHEMA_VERSION } from './migrations.js';

export async function listQuarantine(
  store: Store,
  { importId, limit = 100 }: { importId?: number; limit?: number } = {},
): Promise<QuarantineRow[]> {
  const where = importId === undefined ? '' : 'WHERE import_id = $importId';
  const params: Record<string, number> = importId === undefined ? { limit } : { importId, limit };
  const rows = await store.all<QuarantineRow>(
    `SELECT import_id, file, line::INTEGER AS line, field, reason, record
     FROM quarantine ${where} ORDER BY import_id DESC, file, line, field LIMIT $limit`,
    params,
  );
  return rows;
}

export async function countQuarantine(store: Store): Promise<number> {
  const row = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM quarantine');
  return row?.n ?? 0;
}

export interface DbInfo {
  path: string;
  schemaVersion: number;
  events: number;
  bySource: { source_id: string; origin: string; n: number; first: string; last: string }[];
  documents: number;
  quarantined: number;
  imports: { id: number; file: string; format: string; finished_at: string; inserted: number }[];
}

export async function dbInfo(store: Store): Promise<DbInfo> {
  const total = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
  const bySource = await store.all<DbInfo['bySource'][number]>(
    `SELECT source_id, origin, count(*)::INTEGER AS n, strftime(min(date), '%Y-%m-%d') AS first,
            strftime(max(date), '%Y-%m-%d') AS last
     FROM events GROUP BY ALL ORDER BY n DESC`,
  );
  const docs = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM documents');
  const imports = await store.all<DbInfo['imports'][number]>(
    `SELECT id, file, format, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
            inserted::INTEGER AS inserted
     FROM imports ORDER BY id DESC LIMIT 10`,
  );
  return {
    path: store.path,
    schemaVersion: SCHEMA_VERSION,
    events: total?.n ?? 0,
    bySource,
    documents: docs?.n ?? 0,
    quarantined: await countQuarantine(store),
    imports,
  };
}

/** Has a file with this content already been imported (and with which import id)? */
export async function findImportBySha(store: Store, sha256: string): Promise<number | null> {
  const row = await store.one<{ id: number }>(
    'SELECT max(id) AS id FROM imports WHERE file_sha256 = $sha',
    { sha: sha256 },
  );
  return row?.id ?? null;
}
