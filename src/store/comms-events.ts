/**
 * Comms set against events: how many documents report an extracted event (ops share) and the
 * weekly event counts that comms volume is compared with (vs attacks).
 */
import {
  COMMS_PERIOD_SQL,
  commsWhere,
  periodSeries,
  UTC_DAY,
  type CommsPeriodName,
  type CommsSql,
  type CommsSqlFilter,
} from './comms-filter.js';
import type { Store } from './db.js';

/** Is there any evidence row of an extracted event? */
export async function hasExtractedEvidence(store: Store): Promise<boolean> {
  const row = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM (
       SELECT 1 FROM evidence ev JOIN events e ON e.id = ev.event_id
       WHERE e.origin = 'extracted' LIMIT 1)`,
  );
  return (row?.n ?? 0) > 0;
}

/** Documents and those with evidence of an extracted event, per period (zero-filled). */
export function opsShareRows(
  store: Store,
  f: CommsSqlFilter & { from: string; to: string },
  period: CommsPeriodName,
): Promise<{ period: string; documents: number; reporting: number }[]> {
  const w = commsWhere(f, ['d.published_at IS NOT NULL']);
  const { part, label } = COMMS_PERIOD_SQL[period];
  return store.all(
    `WITH periods AS (${periodSeries(part)}),
     rep AS (
       SELECT DISTINCT ev.document_id FROM evidence ev JOIN events e ON e.id = ev.event_id
       WHERE e.origin = 'extracted'),
     counts AS (
       SELECT date_trunc('${part}', ${UTC_DAY})::DATE AS p, count(*) AS docs,
              count(rep.document_id) AS reporting
       FROM documents d LEFT JOIN rep ON rep.document_id = d.id ${w.sql} GROUP BY 1)
     SELECT strftime(periods.p, '${label}') AS period, coalesce(docs, 0)::INTEGER AS documents,
            coalesce(reporting, 0)::INTEGER AS reporting
     FROM periods LEFT JOIN counts USING (p) ORDER BY periods.p`,
    { ...w.params, wfrom: f.from, wto: f.to },
  );
}

/** Events matching an already-built events WHERE clause (alias `e`), per Monday-started week. */
export function weeklyEventRows(
  store: Store,
  where: CommsSql,
  from: string,
  to: string,
): Promise<{ week: string; count: number }[]> {
  const extra = `e.date BETWEEN $wfrom::DATE AND $wto::DATE`;
  const sql = where.sql ? `${where.sql} AND ${extra}` : `WHERE ${extra}`;
  return store.all(
    `SELECT strftime(date_trunc('week', e.date), '%Y-%m-%d') AS week, count(*)::INTEGER AS count
     FROM events e ${sql} GROUP BY 1 ORDER BY 1`,
    { ...where.params, wfrom: from, wto: to },
  );
}
