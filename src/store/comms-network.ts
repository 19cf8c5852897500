/** The comms network: retweets, forwards and @mentions between accounts, aggregated. */
import type { DuckDBValue } from '@duckdb/node-api';
import {
  COMMS_PERIOD_SQL,
  commsWhere,
  UTC_DAY,
  type CommsPeriodName,
  type CommsSqlFilter,
} from './comms-filter.js';
import type { Store } from './db.js';

/** One aggregated interaction between two accounts (lower-cased). */
export interface EdgeRow {
  source: string;
  target: string;
  kind: 'mention' | 'retweet' | 'forward';
  /** Period label when asked for, else null. */
  period: string | null;
  weight: number;
}

/**
 * Interactions in the matching documents: retweets (tweets' `forwarded_from`), forwards
 * (other sources' `forwarded_from`) and @mentions in the text other than the retweeted account;
 * each counted once per document, self-loops dropped. Also the number of documents with any.
 */
export async function edgeRows(
  store: Store,
  f: CommsSqlFilter,
  kinds: readonly string[],
  period: CommsPeriodName | null,
): Promise<{ edges: EdgeRow[]; documents: number }> {
  const w = commsWhere(f, ['d.channel IS NOT NULL']);
  const params: Record<string, DuckDBValue> = { ...w.params };
  const kindList = kinds.map((k, i) => {
    params[`k${i}`] = k;
    return `$k${i}`;
  });
  const p = period
    ? `strftime(date_trunc('${COMMS_PERIOD_SQL[period].part}', ${UTC_DAY}), '${COMMS_PERIOD_SQL[period].label}')`
    : 'CAST(NULL AS VARCHAR)';
  const cte = `WITH docs AS (
       SELECT d.id, lower(d.channel) AS src, lower(d.forwarded_from) AS fwd, d.text,
              d.source = 'twitter' AS tweet, ${p} AS period
       FROM documents d ${w.sql}),
     links AS (
       SELECT id, src, fwd AS dst, CASE WHEN tweet THEN 'retweet' ELSE 'forward' END AS kind, period
       FROM docs WHERE fwd IS NOT NULL
       UNION
       SELECT id, src, dst, 'mention' AS kind, period FROM (
         SELECT id, src, fwd, period,
                lower(unnest(regexp_extract_all(text, '(?:^|[^\\w])@(\\w{1,50})', 1))) AS dst
         FROM docs) WHERE fwd IS NULL OR dst <> fwd),
     kept AS (SELECT * FROM links WHERE src <> dst AND dst <> '' AND kind IN (${kindList.join(', ')}))`;
  const edges = await store.all<EdgeRow & Record<string, unknown>>(
    `${cte}
     SELECT src AS source, dst AS target, kind, period, count(*)::INTEGER AS weight
     FROM kept GROUP BY ALL ORDER BY period NULLS FIRST, source, target, kind`,
    params,
  );
  const docs = await store.one<{ n: number }>(
    `${cte} SELECT count(DISTINCT id)::INTEGER AS n FROM kept`,
    params,
  );
  return { edges, documents: docs?.n ?? 0 };
}
