/**
 * Corrections to events, each changed field written to the audit log in the same transaction.
 * Only the fields in EDITABLE_EVENT_FIELDS can change; the caller validates the values (the
 * API checks the corrected event against EventSchema before calling).
 */
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { recordAudit } from './audit.js';
import type { Store } from './db.js';

/** SQL type of each editable column: the only identifiers spliced into the UPDATE. */
const COLUMN_TYPES = {
  date: 'DATE',
  date_end: 'DATE',
  date_precision: 'TINYINT',
  country: 'VARCHAR',
  admin1: 'VARCHAR',
  admin1_code: 'VARCHAR',
  admin2: 'VARCHAR',
  admin2_code: 'VARCHAR',
  location: 'VARCHAR',
  lat: 'DOUBLE',
  lon: 'DOUBLE',
  geo_precision: 'TINYINT',
  actor1: 'VARCHAR',
  actor2: 'VARCHAR',
  attack_type: 'VARCHAR',
  tactics: 'VARCHAR[]',
  target_type: 'VARCHAR',
  fatalities: 'INTEGER',
  fatalities_low: 'INTEGER',
  fatalities_high: 'INTEGER',
  wounded: 'INTEGER',
  claimed: 'BOOLEAN',
  notes: 'VARCHAR',
} as const;

export type EditableEventField = keyof typeof COLUMN_TYPES;
export const EDITABLE_EVENT_FIELDS = Object.keys(COLUMN_TYPES) as EditableEventField[];

export interface FieldChange {
  field: EditableEventField;
  old: unknown;
  new: unknown;
}

/**
 * Sets `changes` on event `id` in one UPDATE and records one audit row per field, attributed
 * to `actor`; all or nothing. Changes whose new value equals the old one should be left out.
 */
export async function updateEventFields(
  store: Store,
  id: string,
  changes: readonly FieldChange[],
  actor: string,
): Promise<void> {
  if (changes.length === 0) return;
  const params: Record<string, DuckDBValue> = { id };
  const sets = changes.map((c, i) => {
    const type = COLUMN_TYPES[c.field];
    if (!type) throw new Error(`not an editable event field: ${c.field}`);
    params[`v${i}`] = toValue(c.new);
    return `"${c.field}" = $v${i}::${type}`;
  });
  await store.transaction(async () => {
    await store.run(
      `UPDATE events SET ${sets.join(', ')}, updated_at = current_timestamp::TIMESTAMP WHERE id = $id`,
      params,
    );
    await recordAudit(
      store,
      changes.map((c) => ({
        actor,
        table_name: 'events',
        row_id: id,
        field: c.field,
        old_value: c.old,
        new_value: c.new,
      })),
    );
  });
}

function toValue(v: unknown): DuckDBValue {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return listValue(v.map(String));
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new Error(`unsupported value: ${JSON.stringify(v)}`);
}
