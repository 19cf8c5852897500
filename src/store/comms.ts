/**
 * Communications queries: near-duplicate bookkeeping (MinHash LSH buckets and duplicate links,
 * tables of migration 4) and the SQL behind the comms analyses (src/analyze/comms). Values are
 * always bound parameters; the only identifiers spliced in come from whitelists here.
 */
import type { DuckDBAppender, DuckDBValue } from '@duckdb/node-api';
import type { Store } from './db.js';

// ---- near-duplicates ------------------------------------------------------------------------

/** A document not yet hashed for near-duplicates, in publication order. */
export interface UnhashedDocument {
  id: string;
  text: string;
  content_hash: string | null;
}

/**
 * Forgets the hashes of documents whose text changed or that are gone (and their links as
 * duplicates), then lists the documents to hash in the table `nd_new`. Returns their number.
 */
export async function prepareNearDuplicates(store: Store): Promise<number> {
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_stale AS
    SELECT m.doc_id FROM document_minhash m LEFT JOIN documents d ON d.id = m.doc_id
    WHERE d.id IS NULL OR d.content_hash IS DISTINCT FROM m.content_hash`);
  await store.transaction(async () => {
    await store.run(`DELETE FROM document_lsh WHERE doc_id IN (SELECT doc_id FROM nd_stale)`);
    await store.run(`DELETE FROM document_minhash WHERE doc_id IN (SELECT doc_id FROM nd_stale)`);
    await store.run(
      `DELETE FROM document_duplicates WHERE doc_id IN (SELECT doc_id FROM nd_stale)`,
    );
  });
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_new AS
    SELECT d.id, row_number() OVER (ORDER BY d.published_at NULLS LAST, d.id) AS rn
    FROM documents d ANTI JOIN document_minhash m ON m.doc_id = d.id`);
  const row = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM nd_new`);
  return row?.n ?? 0;
}

/** Documents `from`…`to` (1-based, inclusive) of `nd_new`. */
export function unhashedDocuments(
  store: Store,
  from: number,
  to: number,
): Promise<UnhashedDocument[]> {
  return store.all<UnhashedDocument & Record<string, unknown>>(
    `SELECT d.id, d.text, d.content_hash FROM nd_new n JOIN documents d ON d.id = n.id
     WHERE n.rn BETWEEN $from AND $to ORDER BY n.rn`,
    { from, to },
  );
}

/** Appenders for one near-duplicate run: hashes and band keys of the new documents. */
export class MinhashStage {
  private constructor(
    private readonly docs: DuckDBAppender,
    private readonly bands: DuckDBAppender,
  ) {}

  static async open(store: Store): Promise<MinhashStage> {
    await store.run(`CREATE OR REPLACE TEMP TABLE nd_stage_docs (
      ord BIGINT, doc_id VARCHAR, content_hash VARCHAR, norm_hash VARCHAR)`);
    await store.run(`CREATE OR REPLACE TEMP TABLE nd_stage_lsh (
      band SMALLINT, bucket BIGINT, doc_id VARCHAR)`);
    return new MinhashStage(
      await store.conn.createAppender('nd_stage_docs'),
      await store.conn.createAppender('nd_stage_lsh'),
    );
  }

  /** One new document; `normHash` null when it is too short to compare. */
  add(ord: number, doc: UnhashedDocument, normHash: string | null, bandKeys: number[]): void {
    const d = this.docs;
    d.appendBigInt(BigInt(ord));
    d.appendVarchar(doc.id);
    if (doc.content_hash === null) d.appendNull();
    else d.appendVarchar(doc.content_hash);
    if (normHash === null) d.appendNull();
    else d.appendVarchar(normHash);
    d.endRow();
    bandKeys.forEach((key, band) => {
      this.bands.appendSmallInt(band);
      this.bands.appendBigInt(BigInt(key));
      this.bands.appendVarchar(doc.id);
      this.bands.endRow();
    });
  }

  flush(): void {
    this.docs.flushSync();
    this.bands.flushSync();
  }

  close(): void {
    this.flush();
    this.docs.closeSync();
    this.bands.closeSync();
  }
}

/** A pair of documents to link or to check: `a` < `b`. */
export interface DocPair {
  a: string;
  b: string;
}

/**
 * Stores the staged hashes. The first document (in publication order) with a given normalised
 * text is its `representative` and the only one whose bands are stored; the others are exact
 * duplicates of it. Returns those exact pairs and the number of LSH candidate pairs (a new
 * representative sharing a bucket with any other), left in `nd_cand` for `candidatePage`.
 */
export async function commitMinhashStage(
  store: Store,
): Promise<{ exact: DocPair[]; candidates: number }> {
  await store.transaction(async () => {
    await store.run(`INSERT INTO document_minhash
      SELECT s.doc_id, s.content_hash, s.norm_hash,
             s.norm_hash IS NOT NULL AND old.doc_id IS NULL
               AND row_number() OVER (PARTITION BY s.norm_hash ORDER BY s.ord) = 1
      FROM nd_stage_docs s
      LEFT JOIN document_minhash old ON old.norm_hash = s.norm_hash AND old.representative`);
    await store.run(`INSERT INTO document_lsh
      SELECT l.band, l.bucket, l.doc_id FROM nd_stage_lsh l
      JOIN document_minhash m ON m.doc_id = l.doc_id AND m.representative`);
  });
  const exact = await store.all<DocPair & Record<string, unknown>>(
    `SELECT least(s.doc_id, r.doc_id) AS a, greatest(s.doc_id, r.doc_id) AS b
     FROM nd_stage_docs s
     JOIN document_minhash m ON m.doc_id = s.doc_id AND NOT m.representative
     JOIN document_minhash r ON r.norm_hash = s.norm_hash AND r.representative
     ORDER BY a, b`,
  );
  // Numbered once, so that pages are ranges rather than re-sorted OFFSETs.
  await store.run(`CREATE OR REPLACE TEMP TABLE nd_cand AS
    SELECT row_number() OVER (ORDER BY a, b) AS rn, a, b FROM (
      SELECT DISTINCT least(s.doc_id, l.doc_id) AS a, greatest(s.doc_id, l.doc_id) AS b
      FROM nd_stage_lsh s
      JOIN document_minhash m ON m.doc_id = s.doc_id AND m.representative
      JOIN document_lsh l ON l.band = s.band AND l.bucket = s.bucket AND l.doc_id <> s.doc_id)`);
  const row = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM nd_cand`);
  return { exact, candidates: row?.n ?? 0 };
}

/** A candidate pair with both texts, for the exact Jaccard check. */
export interface CandidatePair extends DocPair {
  text_a: string;
  text_b: string;
}

/**
 * Candidate pairs `offset`…`offset + limit` (ordered by `a`, `b`) with their texts: read in
 * pages so that memory stays bounded however many candidates LSH produced.
 */
export function candidatePage(
  store: Store,
  offset: number,
  limit: number,
): Promise<CandidatePair[]> {
  return store.all<CandidatePair & Record<string, unknown>>(
    `SELECT c.a, c.b, da.text AS text_a, db.text AS text_b
     FROM nd_cand c JOIN documents da ON da.id = c.a JOIN documents db ON db.id = c.b
     WHERE c.rn > $offset AND c.rn <= $end ORDER BY c.rn`,
    { offset, end: offset + limit },
  );
}

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

// ---- comms analyses ---------------------------------------------------------------------------

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
    `WITH periods AS (
       SELECT unnest(generate_series(date_trunc('${part}', $wfrom::DATE)::TIMESTAMP,
         date_trunc('${part}', $wto::DATE)::TIMESTAMP, INTERVAL 1 ${part}))::DATE AS p),
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

/** A document as the text analyses read it. */
export interface CommsText {
  id: string;
  text: string;
  /** UTC day. */
  day: string | null;
  lang: string | null;
  source: string;
}

/** Matching dated documents, `limit` at a time from `offset` (stable order: day, id). */
export function commsTexts(
  store: Store,
  f: CommsSqlFilter,
  offset: number,
  limit: number,
): Promise<CommsText[]> {
  const w = commsWhere(f, ['d.published_at IS NOT NULL']);
  return store.all<CommsText & Record<string, unknown>>(
    `SELECT d.id, d.text, strftime(${UTC_DAY}, '%Y-%m-%d') AS day, d.lang, d.source
     FROM documents d ${w.sql} ORDER BY ${UTC_DAY}, d.id LIMIT $limit OFFSET $offset`,
    { ...w.params, limit, offset },
  );
}

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
    `WITH periods AS (
       SELECT unnest(generate_series(date_trunc('${part}', $wfrom::DATE)::TIMESTAMP,
         date_trunc('${part}', $wto::DATE)::TIMESTAMP, INTERVAL 1 ${part}))::DATE AS p),
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
