/**
 * The audit log: one row per changed field (who, when, table, row, old, new). Analysts'
 * corrections of extracted events are written here in the same transaction as the change.
 */
import type { Store } from './db.js';

export interface AuditEntry {
  /** UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
  changed_at: string;
  /** Who made the change, e.g. `alice (token 3)`. */
  actor: string;
  table_name: string;
  row_id: string;
  field: string;
  old_value: unknown;
  new_value: unknown;
}

export interface AuditFilter {
  table?: string;
  rowId?: string;
  limit?: number;
  offset?: number;
}

/** Audit rows, newest first. Defaults: limit 100. */
export async function listAudit(
  store: Store,
  { table, rowId, limit = 100, offset = 0 }: AuditFilter = {},
): Promise<AuditEntry[]> {
  const parts: string[] = [];
  const params: Record<string, string | number> = { limit, offset };
  if (table !== undefined) {
    parts.push('table_name = $table');
    params.table = table;
  }
  if (rowId !== undefined) {
    parts.push('row_id = $rowId');
    params.rowId = rowId;
  }
  const rows = await store.all<Record<string, unknown>>(
    `SELECT strftime(changed_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS changed_at, actor, table_name, row_id,
            field, old_value::VARCHAR AS old_value, new_value::VARCHAR AS new_value
     FROM audit ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''}
     ORDER BY changed_at DESC, row_id, field LIMIT $limit OFFSET $offset`,
    params,
  );
  return rows.map((r) => ({
    ...(r as unknown as AuditEntry),
    old_value: parseJson(r.old_value),
    new_value: parseJson(r.new_value),
  }));
}

/** Appends audit rows (call inside the transaction that makes the change). */
export async function recordAudit(
  store: Store,
  entries: readonly Omit<AuditEntry, 'changed_at'>[],
): Promise<void> {
  for (const e of entries) {
    await store.run(
      `INSERT INTO audit VALUES (current_timestamp::TIMESTAMP, $actor, $table, $rowId, $field,
         $old::JSON, $new::JSON)`,
      {
        actor: e.actor,
        table: e.table_name,
        rowId: e.row_id,
        field: e.field,
        old: JSON.stringify(e.old_value ?? null),
        new: JSON.stringify(e.new_value ?? null),
      },
    );
  }
}

function parseJson(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : (v ?? null);
}
