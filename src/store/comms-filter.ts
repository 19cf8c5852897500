/**
 * The documents filter every comms analysis shares (CommsFilter as a bound `WHERE` over
 * `documents d`), the UTC day of a document, and the period whitelist: the only strings from
 * outside the SQL text that become part of it.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Store } from './db.js';

/** A documents filter as SQL (`WHERE …` or empty) with named parameters. */
export interface CommsSql {
  sql: string;
  params: Record<string, DuckDBValue>;
}

/** The filter fields the SQL understands (CommsFilter in src/model, dates already whole days). */
export interface CommsSqlFilter {
  source?: readonly string[];
  channel?: readonly string[];
  lang?: readonly string[];
  /** First UTC day, `YYYY-MM-DD`. */
  from?: string;
  /** Last UTC day (inclusive), `YYYY-MM-DD`. */
  to?: string;
}

/** The UTC day a document was published (documents store TIMESTAMPTZ). */
export const UTC_DAY = `CAST(timezone('UTC', d.published_at) AS DATE)`;

/** `WHERE …` over `documents d`; `extra` conditions are ANDed in. */
export function commsWhere(f: CommsSqlFilter, extra: string[] = []): CommsSql {
  const parts = [...extra];
  const params: Record<string, DuckDBValue> = {};
  let n = 0;
  const bind = (v: DuckDBValue) => {
    const name = `c${n++}`;
    params[name] = v;
    return `$${name}`;
  };
  const inList = (expr: string, values: readonly string[] | undefined, lower = false) => {
    if (!values?.length) return;
    const list = values.map((v) => bind(lower ? v.toLowerCase() : v)).join(', ');
    parts.push(`${expr} IN (${list})`);
  };
  inList('d.source', f.source);
  inList('lower(d.channel)', f.channel, true);
  inList(
    'd.lang',
    f.lang?.map((l) => l.toLowerCase()),
  );
  if (f.from) parts.push(`${UTC_DAY} >= ${bind(f.from)}::DATE`);
  if (f.to) parts.push(`${UTC_DAY} <= ${bind(f.to)}::DATE`);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** First and last UTC day of the matching dated documents. */
export async function commsDays(
  store: Store,
  f: CommsSqlFilter,
): Promise<{ lo: string | null; hi: string | null; undated: number }> {
  const w = commsWhere({ ...f, from: undefined, to: undefined });
  const dated = commsWhere(f, ['d.published_at IS NOT NULL']);
  const range = await store.one<{ lo: string | null; hi: string | null }>(
    `SELECT strftime(min(${UTC_DAY}), '%Y-%m-%d') AS lo, strftime(max(${UTC_DAY}), '%Y-%m-%d') AS hi
     FROM documents d ${dated.sql}`,
    dated.params,
  );
  const undated = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM documents d ${w.sql}
     ${w.sql ? 'AND' : 'WHERE'} d.published_at IS NULL`,
    w.params,
  );
  return { lo: range?.lo ?? null, hi: range?.hi ?? null, undated: undated?.n ?? 0 };
}

/** Period → date part and label. Only these strings reach the SQL. */
export const COMMS_PERIOD_SQL = {
  day: { part: 'day', label: '%Y-%m-%d' },
  week: { part: 'week', label: '%Y-%m-%d' },
  month: { part: 'month', label: '%Y-%m' },
  quarter: { part: 'quarter', label: '%Y-%m' },
  year: { part: 'year', label: '%Y' },
} as const;
export type CommsPeriodName = keyof typeof COMMS_PERIOD_SQL;

/**
 * Every `part` period from `$wfrom` to `$wto` (bound by the caller) as rows `p DATE`: the body
 * of a `periods` CTE that zero-fills a series. `part` must come from COMMS_PERIOD_SQL.
 */
export function periodSeries(part: (typeof COMMS_PERIOD_SQL)[CommsPeriodName]['part']): string {
  return `SELECT unnest(generate_series(date_trunc('${part}', $wfrom::DATE)::TIMESTAMP,
         date_trunc('${part}', $wto::DATE)::TIMESTAMP, INTERVAL 1 ${part}))::DATE AS p`;
}
