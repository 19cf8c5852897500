/** Comms volume: documents per period, overall or per group (channel, author, affiliation…). */
import type { DuckDBValue } from '@duckdb/node-api';
import {
  COMMS_PERIOD_SQL,
  commsWhere,
  periodSeries,
  UTC_DAY,
  type CommsPeriodName,
  type CommsSqlFilter,
} from './comms-filter.js';
import type { Store } from './db.js';

/** Grouping expressions (whitelist); `affiliation` is built from bound channel lists. */
const GROUP_SQL = {
  channel: 'd.channel',
  author: 'd.author',
  lang: 'd.lang',
  source: 'd.source',
} as const;

export interface VolumeQuery {
  period: CommsPeriodName;
  from: string;
  to: string;
  groupBy?: keyof typeof GROUP_SQL | 'affiliation';
  /** Series kept; the rest become `(other)`. */
  top?: number;
  /** Count only documents that are not near-duplicates of another. */
  distinct?: boolean;
  official?: readonly string[];
  supporter?: readonly string[];
}

/** Documents per period (zero-filled), overall or per group, ordered by group size then period. */
export async function volumeRows(
  store: Store,
  f: CommsSqlFilter,
  q: VolumeQuery,
): Promise<{ key: string | null; total: number; period: string; count: number }[]> {
  const extra = ['d.published_at IS NOT NULL'];
  if (q.distinct) extra.push('d.id NOT IN (SELECT doc_id FROM document_duplicates)');
  const w = commsWhere({ ...f, from: q.from, to: q.to }, extra);
  const params: Record<string, DuckDBValue> = { ...w.params, wfrom: q.from, wto: q.to };
  const { part, label } = COMMS_PERIOD_SQL[q.period];
  let key = `CAST(NULL AS VARCHAR)`;
  if (q.groupBy === 'affiliation') {
    const list = (name: string, values: readonly string[] = []) => {
      if (!values.length) return 'FALSE';
      const binds = values.map((v, i) => {
        params[`${name}${i}`] = v.toLowerCase();
        return `$${name}${i}`;
      });
      return `lower(d.channel) IN (${binds.join(', ')})`;
    };
    key = `CASE WHEN ${list('off', q.official)} THEN 'official'
                WHEN ${list('sup', q.supporter)} THEN 'supporter' ELSE 'unclassified' END`;
  } else if (q.groupBy) key = GROUP_SQL[q.groupBy];
  params.top = q.top ?? 1_000_000;
  return store.all(
    `WITH periods AS (${periodSeries(part)}),
     raw AS (
       SELECT ${key} AS key, date_trunc('${part}', ${UTC_DAY})::DATE AS p, count(*) AS n
       FROM documents d ${w.sql} GROUP BY ALL),
     ranked AS (
       SELECT key, sum(n) AS total, row_number() OVER (ORDER BY sum(n) DESC, key NULLS LAST) AS rk
       FROM raw GROUP BY key),
     counts AS (
       SELECT CASE WHEN rk <= $top THEN raw.key ELSE '(other)' END AS key, p, sum(n) AS n
       FROM raw JOIN ranked ON raw.key IS NOT DISTINCT FROM ranked.key GROUP BY ALL),
     keys AS (SELECT key, sum(n)::INTEGER AS total FROM counts GROUP BY key)
     SELECT keys.key, keys.total, strftime(periods.p, '${label}') AS period,
            coalesce(counts.n, 0)::INTEGER AS count
     FROM keys CROSS JOIN periods
     LEFT JOIN counts ON counts.p = periods.p AND counts.key IS NOT DISTINCT FROM keys.key
     ORDER BY keys.key = '(other)', keys.total DESC, keys.key NULLS LAST, periods.p`,
    params,
  );
}
