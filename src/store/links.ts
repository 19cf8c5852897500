/**
 * SQL for linking: the working set the linker reads, space-time blocked candidate pairs, writing
 * incidents, and the fused incident records every listing and the claims analysis start from.
 */
import { DuckDBListValue, type DuckDBValue } from '@duckdb/node-api';
import type { EventFilter, LinkRecord } from '../model/index.js';
import type { Store } from './db.js';
import { whereClause, type SqlFragment } from './filter-sql.js';

/** Grid cell edge for blocking, in degrees (~55 km): with the 3×3 neighbourhood it covers the
 * largest radius a "near" location may be off by (50 km). */
const CELL_DEG = 0.5;
/** How far (km) a location at each geo precision may be from where it happened (the scorer's). */
export const RADIUS_KM: Record<1 | 2, number> = { 1: 5, 2: 50 };
/** Day slack either side of an event's date by date precision (when it has no end date). */
const SLACK_SQL = `CASE date_precision WHEN 1 THEN 0 WHEN 2 THEN 3 ELSE 15 END`;
/** The document an extracted event was read from. */
export const DOC_OF_EVENT_SQL = (e: string) =>
  `CASE WHEN ${e}.origin = 'extracted' THEN coalesce(${e}.raw->>'doc_id', split_part(${e}.external_id, '#', 1)) END`;

/**
 * Builds the temp table `link_set`: every event with the fields the linker scores on, its
 * existing incident (none when `full`), and whether it is a claim under `claimSources`.
 *
 * Incremental runs also re-link events an analyst corrected (audit rows on `events`) since the
 * last completed run started: such an event counts as new (no incident), and writeLinks drops
 * its old membership and abstentions. Without a recorded run (a store linked before runs were
 * recorded), every corrected event is re-linked once. Runs are kept in `link_runs`.
 */
export async function prepareLinkSet(
  store: Store,
  { full, claimSources }: { full: boolean; claimSources: readonly string[] },
): Promise<{ events: number; newEvents: number }> {
  const sources = claimSources.length ? claimSources : ['\u0000none'];
  const params = Object.fromEntries(sources.map((s, k) => [`s${k}`, s]));
  await store.run(
    `CREATE OR REPLACE TEMP TABLE link_run_now AS
     SELECT current_timestamp::TIMESTAMP AS started_at, $full AS full_run`,
    { full },
  );
  await store.run(
    `CREATE OR REPLACE TEMP TABLE link_stale AS
     SELECT DISTINCT row_id AS id FROM audit
     WHERE NOT $full AND table_name = 'events'
       AND changed_at >= coalesce((SELECT max(started_at) FROM link_runs), TIMESTAMP '-infinity')`,
    { full },
  );
  await store.run(
    `CREATE OR REPLACE TEMP TABLE link_set AS
     WITH ev AS (
       SELECT e.*, ${DOC_OF_EVENT_SQL('e')} AS doc,
              date_diff('day', DATE '1970-01-01', e.date)::INTEGER AS d0,
              date_diff('day', DATE '1970-01-01', coalesce(e.date_end, e.date))::INTEGER AS d1,
              CASE WHEN e.date_end IS NULL THEN ${SLACK_SQL} ELSE 0 END AS slack
       FROM events e
     )
     SELECT (row_number() OVER (ORDER BY ev.id) - 1)::INTEGER AS i, ev.id, ev.origin, ev.source_id,
            ev.doc, (ev.d0 - ev.slack)::INTEGER AS lo, (ev.d1 + ev.slack)::INTEGER AS hi,
            ev.date_precision::INTEGER AS date_precision, ev.lat, ev.lon,
            -- Coordinates without a stated precision are taken as town-level ("near", 2).
            (CASE WHEN ev.lat IS NOT NULL THEN coalesce(ev.geo_precision, 2) END)::INTEGER
              AS geo_precision, ev.location, ev.country, ev.admin1_code, ev.admin2_code,
            ev.attack_type, ev.tactics, ev.target_type, ev.actor1, ev.actor2, ev.fatalities, ev.notes,
            (ev.origin = 'extracted' AND d.source IN (${sources.map((_, k) => `$s${k}`).join(', ')}))
              IS TRUE AS is_claim,
            ${full ? 'CAST(NULL AS VARCHAR)' : 'CASE WHEN st.id IS NULL THEN m.incident_id END'} AS incident_id
     FROM ev
     LEFT JOIN documents d ON d.id = ev.doc
     ${full ? '' : 'LEFT JOIN incident_members m ON m.event_id = ev.id LEFT JOIN link_stale st ON st.id = ev.id'}`,
    params,
  );
  const row = await store.one<{ n: number; fresh: number }>(
    `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE incident_id IS NULL)::INTEGER AS fresh
     FROM link_set`,
  );
  return { events: row?.n ?? 0, newEvents: row?.fresh ?? 0 };
}

/** Streams the rows of a query as column arrays, one DuckDB chunk (≤ 2048 rows) at a time. */
export async function* streamColumns(
  store: Store,
  sql: string,
  params?: Record<string, DuckDBValue>,
): AsyncGenerator<DuckDBValue[][]> {
  const result = await store.conn.stream(sql, params);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    yield chunk.getColumns();
  }
}

/** Shared by every row without tactics (most): one empty array, not a million. */
const NO_TACTICS: string[] = [];

/** One row of the link set: the scored fields, plus what the linker turns into tokens. */
export type LinkSetRow = Omit<LinkRecord, 'tokens' | 'place'> & {
  i: number;
  /** The second actor: for a dyad-coded source (UCDP) the perpetrator may be this one. */
  actor2: string | null;
  notes: string | null;
  location: string | null;
  incident_id: string | null;
};

const LINK_SET_COLUMNS = [
  'i',
  'id',
  'origin',
  'source_id',
  'doc',
  'lo',
  'hi',
  'date_precision',
  'lat',
  'lon',
  'geo_precision',
  'country',
  'admin1_code',
  'admin2_code',
  'attack_type',
  'tactics',
  'target_type',
  'actor1',
  'fatalities',
  'notes',
  'location',
  'is_claim',
  'incident_id',
  'actor2',
] as const;

/** The link set in index order, one row object at a time (the caller keeps what it needs). */
export async function* linkSetRows(store: Store): AsyncGenerator<LinkSetRow> {
  const sql = `SELECT ${LINK_SET_COLUMNS.join(', ')} FROM link_set ORDER BY i`;
  for await (const cols of streamColumns(store, sql)) {
    const n = cols[0]!.length;
    const [i, id, origin, source, doc, lo, hi, dp, lat, lon, gp, country, a1, a2, type] = cols;
    const [tactics, target, actor, deaths, notes, location, claim, incident, actor2] =
      cols.slice(15);
    const s = (c: DuckDBValue[] | undefined, r: number) => (c![r] ?? null) as string | null;
    const num = (c: DuckDBValue[] | undefined, r: number) => (c![r] ?? null) as number | null;
    for (let r = 0; r < n; r++) {
      const t = tactics![r];
      yield {
        i: i![r] as number,
        id: id![r] as string,
        origin: origin![r] as 'dataset' | 'extracted',
        source_id: source![r] as string,
        doc: s(doc, r),
        lo: lo![r] as number,
        hi: hi![r] as number,
        date_precision: dp![r] as number,
        lat: num(lat, r),
        lon: num(lon, r),
        geo_precision: num(gp, r),
        country: s(country, r),
        admin1_code: s(a1, r),
        admin2_code: s(a2, r),
        attack_type: s(type, r),
        tactics: t instanceof DuckDBListValue && t.items.length ? t.items.map(String) : NO_TACTICS,
        target_type: s(target, r),
        actor1: s(actor, r),
        actor2: s(actor2, r),
        fatalities: num(deaths, r),
        notes: s(notes, r),
        location: s(location, r),
        is_claim: claim![r] === true,
        incident_id: s(incident, r),
      };
    }
  }
}

/**
 * Candidate pairs (a < b, as link-set indices) blocked by space and time: events share a week
 * (after widening each by its date slack and a day), and either both have a fine location in
 * neighbouring 0.5° cells, or one is located only to a governorate (or country) and the other
 * lies in it. With `onlyNew`, pairs where both events already belong to incidents are skipped.
 * Pairs more than 2 days apart, two rows of one dataset and two events of one document are
 * dropped here: the scorer would rule them out anyway.
 */
export async function* candidatePairs(
  store: Store,
  { onlyNew }: { onlyNew: boolean },
): AsyncGenerator<{ a: Int32Array; b: Int32Array }> {
  const sql = `
    WITH s AS (
      SELECT i, lo, hi, country, admin1_code, incident_id IS NULL AS fresh, doc, lat, lon,
             CASE WHEN origin = 'dataset' THEN source_id END AS dataset,
             (lat IS NOT NULL AND geo_precision <= 2) AS fine,
             CASE geo_precision WHEN 1 THEN ${RADIUS_KM[1]} ELSE ${RADIUS_KM[2]} END AS radius,
             floor(lat / ${CELL_DEG})::INTEGER AS cy, floor(lon / ${CELL_DEG})::INTEGER AS cx
      FROM link_set
    ),
    -- Each event's weeks carry its first week (w0): a pair sharing several weeks is kept only
    -- in the later of the two first weeks, so no DISTINCT over millions of pairs is needed.
    weeks AS (
      SELECT i, (lo - 1) // 7 AS w0, unnest(range((lo - 1) // 7, (hi + 1) // 7 + 1)) AS w FROM s
    ),
    cell AS (SELECT s.i, w.w, w.w0, s.cx, s.cy FROM s JOIN weeks w USING (i) WHERE s.fine),
    near AS (
      SELECT c.i, c.w, c.w0, c.cx + dx.v AS cx, c.cy + dy.v AS cy
      FROM cell c, (VALUES (-1), (0), (1)) dx(v), (VALUES (-1), (0), (1)) dy(v)
    ),
    fine_pairs AS (
      SELECT n.i AS a, c.i AS b FROM near n JOIN cell c USING (w, cx, cy)
      WHERE n.i < c.i AND w = greatest(n.w0, c.w0)
    ),
    area_keys AS (
      SELECT i, 'a:' || admin1_code AS k, fine FROM s WHERE admin1_code IS NOT NULL
      UNION ALL SELECT i, 'c:' || country AS k, fine FROM s WHERE country IS NOT NULL
    ),
    probe AS (
      SELECT s.i, w.w, w.w0, coalesce('a:' || s.admin1_code, 'c:' || s.country) AS k
      FROM s JOIN weeks w USING (i)
      WHERE NOT s.fine AND (s.admin1_code IS NOT NULL OR s.country IS NOT NULL)
    ),
    build AS (SELECT k.i, w.w, w.w0, k.k, k.fine FROM area_keys k JOIN weeks w USING (i)),
    -- Two coarse events find each other from both sides: keep the side with the lower index.
    area_pairs AS (
      SELECT least(p.i, b.i) AS a, greatest(p.i, b.i) AS b
      FROM probe p JOIN build b USING (w, k)
      WHERE p.i <> b.i AND (b.fine OR p.i < b.i) AND w = greatest(p.w0, b.w0)
    ),
    pairs AS (SELECT * FROM fine_pairs UNION ALL SELECT * FROM area_pairs)
    SELECT p.a, p.b
    FROM pairs p JOIN s sa ON sa.i = p.a JOIN s sb ON sb.i = p.b
    WHERE greatest(sa.lo, sb.lo) - least(sa.hi, sb.hi) <= 2
      -- Two rows of one dataset, or two events read from one document, are distinct by
      -- construction (the scorer's -8): no need to score them at all.
      AND (sa.dataset IS NULL OR sa.dataset IS DISTINCT FROM sb.dataset)
      AND (sa.doc IS NULL OR sa.doc IS DISTINCT FROM sb.doc)
      -- Two fine locations further apart than twice their precision radius never match (the
      -- scorer's -4): an equirectangular distance is exact enough at this scale.
      AND (NOT (sa.fine AND sb.fine)
           OR power(sa.lat - sb.lat, 2)
              + power((sa.lon - sb.lon) * cos(radians((sa.lat + sb.lat) / 2)), 2)
              <= power(2 * greatest(sa.radius, sb.radius) / 111.2, 2))
      ${onlyNew ? 'AND (sa.fresh OR sb.fresh)' : ''}`;
  for await (const cols of streamColumns(store, sql)) {
    yield { a: Int32Array.from(cols[0] as number[]), b: Int32Array.from(cols[1] as number[]) };
  }
}

const SEP = '\u001f';
const SPLIT = `CASE WHEN reasons = '' THEN []::VARCHAR[] ELSE string_split(reasons, chr(31)) END`;

export interface MemberRow {
  incident_id: string;
  event_id: string;
  role: 'report' | 'claim';
  score: number;
  reasons: readonly string[];
}

export interface AbstentionRow {
  event_a: string;
  event_b: string;
  score: number;
  reasons: string[];
}

/**
 * Writes a linking run in one transaction: with `full`, all incidents and abstentions are
 * replaced; otherwise the new members and abstentions are added to what is there, in place of
 * the rows of re-linked (corrected) events. Records the run in `link_runs`.
 */
export async function writeLinks(
  store: Store,
  members: Iterable<MemberRow>,
  abstentions: Iterable<AbstentionRow>,
  { full }: { full: boolean },
): Promise<void> {
  // Reasons travel as one unit-separator-joined string: appending LIST values row by row costs
  // ~50× more than a VARCHAR, and the split happens once, in SQL.
  await store.run(`CREATE OR REPLACE TEMP TABLE link_members_stage (
    incident_id VARCHAR, event_id VARCHAR, role VARCHAR, score DOUBLE, reasons VARCHAR)`);
  await store.run(`CREATE OR REPLACE TEMP TABLE link_abstentions_stage (
    event_a VARCHAR, event_b VARCHAR, score DOUBLE, reasons VARCHAR)`);
  const m = await store.conn.createAppender('link_members_stage');
  for (const r of members) {
    m.appendVarchar(r.incident_id);
    m.appendVarchar(r.event_id);
    m.appendVarchar(r.role);
    m.appendDouble(r.score);
    m.appendVarchar(r.reasons.join(SEP));
    m.endRow();
  }
  m.closeSync();
  const a = await store.conn.createAppender('link_abstentions_stage');
  for (const r of abstentions) {
    a.appendVarchar(r.event_a);
    a.appendVarchar(r.event_b);
    a.appendDouble(r.score);
    a.appendVarchar(r.reasons.join(SEP));
    a.endRow();
  }
  a.closeSync();
  await store.transaction(async () => {
    if (full) {
      await store.run('DELETE FROM incident_members');
      await store.run('DELETE FROM link_abstentions');
    } else {
      // Corrected events were linked afresh (see prepareLinkSet): their old rows go.
      await store.run('DELETE FROM incident_members WHERE event_id IN (SELECT id FROM link_stale)');
      await store.run(`DELETE FROM link_abstentions
        WHERE event_a IN (SELECT id FROM link_stale) OR event_b IN (SELECT id FROM link_stale)`);
    }
    await store.run('INSERT INTO link_runs SELECT started_at, full_run FROM link_run_now');
    await store.run(`INSERT INTO incident_members
      SELECT incident_id, event_id, role, score, ${SPLIT} FROM link_members_stage`);
    await store.run(`INSERT INTO link_abstentions
      SELECT event_a, event_b, score, ${SPLIT} FROM link_abstentions_stage`);
  });
  await store.run('DROP TABLE link_members_stage');
  await store.run('DROP TABLE link_abstentions_stage');
}

/** Incidents (by id) that have a member matching the filter: the scope of listings. */
function scope(filter: EventFilter): SqlFragment {
  const where = whereClause(filter, 'fe');
  if (!where.sql) return { sql: '', params: {} };
  return {
    sql: `WHERE m.incident_id IN (SELECT fm.incident_id FROM incident_members fm
            JOIN events fe ON fe.id = fm.event_id ${where.sql})`,
    params: where.params,
  };
}

/**
 * The fused incidents as a CTE named `inc`: the best-supported date (the day most members with
 * the finest date precision give, earliest on ties), the most precise location (datasets before
 * extraction on ties), the reports' casualty range with their median as the best estimate, all
 * sources, and the claims-versus-attacks status with the claim lag in days.
 */
export function fusedIncidentsCte(filter: EventFilter): SqlFragment {
  const where = scope(filter);
  return {
    params: where.params,
    sql: `
    mem AS (
      SELECT m.incident_id, m.role, m.score, m.reasons, e.*,
             min(e.date_precision) OVER (PARTITION BY m.incident_id) AS best_dp,
             CASE WHEN m.role = 'claim' THEN d.published_at END AS claim_published
      FROM incident_members m JOIN events e ON e.id = m.event_id
      LEFT JOIN documents d ON m.role = 'claim' AND d.id = ${DOC_OF_EVENT_SQL('e')}
      ${where.sql}
    ),
    day_votes AS (
      SELECT incident_id, date, count(*) AS votes FROM mem WHERE date_precision = best_dp
      GROUP BY incident_id, date
    ),
    best_day AS (
      SELECT incident_id, arg_max(date, votes * 100000 - date_diff('day', DATE '1970-01-01', date)) AS date
      FROM day_votes GROUP BY incident_id
    ),
    agg AS (
      SELECT incident_id AS id, min(best_dp)::INTEGER AS date_precision,
        arg_min({'country': country, 'admin1': admin1, 'admin2': admin2, 'location': location,
                 'lat': lat, 'lon': lon, 'geo_precision': geo_precision},
                coalesce(geo_precision, 9) * 10 + CASE WHEN origin = 'dataset' THEN 0 ELSE 1 END)
          AS place,
        mode(attack_type) AS attack_type,
        round(median(fatalities) FILTER (WHERE role = 'report')) AS fatalities,
        min(fatalities) FILTER (WHERE role = 'report') AS fatalities_low,
        max(fatalities) FILTER (WHERE role = 'report') AS fatalities_high,
        count(*)::INTEGER AS n_members,
        count(*) FILTER (WHERE role = 'report')::INTEGER AS n_reports,
        count(*) FILTER (WHERE role = 'claim')::INTEGER AS n_claims,
        list(DISTINCT source_id ORDER BY source_id) AS sources,
        coalesce(bool_or(role = 'report' AND claimed), false) AS report_says_claimed,
        max(fatalities) FILTER (WHERE role = 'claim') AS claim_fatalities,
        min(date) FILTER (WHERE role = 'report' AND date_precision = 1) AS attack_day,
        min(claim_published) AS claim_at
      FROM mem GROUP BY incident_id
    ),
    inc AS (
      SELECT a.id, strftime(b.date, '%Y-%m-%d') AS date, a.date_precision,
        a.place.country AS country, a.place.admin1 AS admin1, a.place.admin2 AS admin2,
        a.place.location AS location, a.place.lat AS lat, a.place.lon AS lon,
        a.place.geo_precision::INTEGER AS geo_precision, a.attack_type,
        a.fatalities::INTEGER AS fatalities, a.fatalities_low, a.fatalities_high,
        a.n_members, a.n_reports, a.n_claims, a.sources,
        CASE
          WHEN a.n_claims > 0 AND a.n_reports > 0 THEN
            CASE WHEN a.claim_fatalities >= 2 * a.fatalities_high
                  AND a.claim_fatalities - a.fatalities_high >= 3
                 THEN 'over_claimed' ELSE 'claimed_reported' END
          WHEN a.n_claims > 0 THEN 'claim_only'
          WHEN a.report_says_claimed THEN 'claimed_reported'
          ELSE 'unclaimed'
        END AS status,
        CASE WHEN a.n_reports > 0 THEN a.fatalities END AS reported_fatalities,
        a.claim_fatalities,
        date_diff('day', a.attack_day, CAST(a.claim_at AS DATE))::INTEGER AS claim_lag_days
      FROM agg a JOIN best_day b ON b.incident_id = a.id
    )`,
  };
}

const SUMMARY_COLUMNS = `id, date, date_precision, country, admin1, admin2, location, lat, lon,
  geo_precision, attack_type, fatalities, fatalities_low, fatalities_high, n_members, n_reports,
  n_claims, sources, status, claim_lag_days`;

export interface IncidentQuery {
  limit: number;
  offset: number;
  /** Only incidents with at least this many members (2 lists merged reports only). */
  minMembers?: number;
  status?: string;
}

export async function listIncidents(
  store: Store,
  filter: EventFilter,
  q: IncidentQuery,
): Promise<Record<string, unknown>[]> {
  const cte = fusedIncidentsCte(filter);
  return store.all(
    `WITH ${cte.sql}
     SELECT ${SUMMARY_COLUMNS},
       (SELECT list(x.event_id ORDER BY x.event_id) FROM incident_members x
        WHERE x.incident_id = inc.id) AS members
     FROM inc
     WHERE n_members >= $minMembers AND ($status IS NULL OR status = $status)
     ORDER BY date DESC, id LIMIT $limit OFFSET $offset`,
    {
      ...cte.params,
      minMembers: q.minMembers ?? 1,
      status: q.status ?? null,
      limit: q.limit,
      offset: q.offset,
    },
  );
}

export async function countIncidents(
  store: Store,
): Promise<{ incidents: number; members: number }> {
  const row = await store.one<{ incidents: number; members: number }>(
    `SELECT count(DISTINCT incident_id)::INTEGER AS incidents, count(*)::INTEGER AS members
     FROM incident_members`,
  );
  return row ?? { incidents: 0, members: 0 };
}

export async function getIncident(
  store: Store,
  id: string,
): Promise<{ incident: Record<string, unknown>; members: Record<string, unknown>[] } | null> {
  const cte = fusedIncidentsCte({});
  const incident = await store.one(
    `WITH ${cte.sql} SELECT ${SUMMARY_COLUMNS} FROM inc WHERE id = $id`,
    {
      ...cte.params,
      id,
    },
  );
  if (!incident) return null;
  const members = await store.all(
    `SELECT m.event_id, m.role, m.score, m.reasons, e.source_id, e.origin,
            strftime(e.date, '%Y-%m-%d') AS date, e.location, e.fatalities, e.notes
     FROM incident_members m JOIN events e ON e.id = m.event_id
     WHERE m.incident_id = $id ORDER BY m.role DESC, m.score DESC, m.event_id`,
    { id },
  );
  return { incident, members };
}

/** The incident an event belongs to, if linked. */
export async function incidentOfEvent(store: Store, eventId: string): Promise<string | null> {
  const row = await store.one<{ id: string }>(
    'SELECT incident_id AS id FROM incident_members WHERE event_id = $id',
    { id: eventId },
  );
  return row?.id ?? null;
}

export async function listAbstentions(
  store: Store,
  limit: number,
): Promise<Record<string, unknown>[]> {
  return store.all(
    `SELECT event_a, event_b, score, reasons FROM link_abstentions
     ORDER BY score DESC, event_a, event_b LIMIT $limit`,
    { limit },
  );
}
