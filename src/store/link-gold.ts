/**
 * The linking gold set's labelling rule, as SQL over a store holding the CPOST suicide-attack
 * and Iraq Body Count imports. Both datasets are internally de-duplicated, so the only same-
 * incident pairs are across them, and the label uses what the linker never sees: CPOST's
 * `date.day` is the weekday (the importer keeps only the month). A CPOST attack and an IBC
 * incident are the same when the IBC incident is a suicide attack in the month, on the weekday,
 * with CPOST's city named in its location text — and each is the other's only such partner.
 * Distractors are the IBC bombings in the same city and month on other weekdays: certainly other
 * attacks, and the hardest kind to tell apart from month-precise CPOST rows.
 */
import type { Store } from './db.js';

export interface GoldLabel {
  event_id: string;
  cluster: string;
  year: number;
}

export async function cpostIbcGoldLabels(store: Store): Promise<GoldLabel[]> {
  return store.all<GoldLabel & Record<string, unknown>>(`
    WITH c AS (
      SELECT id, date, lower(raw->>'target.city') AS city, TRY_CAST(raw->>'date.day' AS INTEGER) AS dow
      FROM events
      WHERE source_id = 'cpost' AND date >= DATE '2004-01-01' AND date < DATE '2017-02-01'
        AND coalesce(raw->>'target.city', '') <> ''
    ),
    i AS (
      SELECT id, date, lower(location) AS loc, isodow(date) AS dow, lower(raw->>'weapons') AS weapons
      FROM events WHERE source_id = 'ibc' AND date_precision = 1
    ),
    cand AS (
      SELECT c.id AS cid, i.id AS iid FROM c JOIN i
        ON date_trunc('month', i.date) = c.date AND i.dow = c.dow
       AND i.weapons LIKE '%suicide%' AND contains(i.loc, c.city)
    ),
    uniq AS (SELECT cid, any_value(iid) AS iid FROM cand GROUP BY cid HAVING count(*) = 1),
    pos AS (SELECT u.* FROM uniq u WHERE (SELECT count(*) FROM cand x WHERE x.iid = u.iid) = 1),
    dis AS (
      SELECT DISTINCT i.id AS iid FROM pos p JOIN c ON c.id = p.cid
      JOIN i ON date_trunc('month', i.date) = c.date AND contains(i.loc, c.city) AND i.dow <> c.dow
      WHERE regexp_matches(i.weapons, 'bomb|explosi|suicide|\\bied\\b')
        AND i.id NOT IN (SELECT iid FROM pos)
    ),
    labels AS (
      SELECT cid AS event_id, 'g:' || cid AS cluster FROM pos
      UNION ALL SELECT iid, 'g:' || cid FROM pos
      UNION ALL SELECT iid, 'g:' || iid FROM dis
    )
    SELECT l.event_id, l.cluster, year(e.date)::INTEGER AS year
    FROM labels l JOIN events e ON e.id = l.event_id
    ORDER BY l.cluster, l.event_id`);
}

export interface HeadlineTarget {
  id: string;
  admin1_code: string;
  headline: string;
  published: string | null;
  year: number;
  /** Other rows of the dataset in the same governorate within 3 days: other events. */
  distractors: string[];
}

/**
 * UCDP GED rows whose reporting headline belongs to them alone, one in `every` (by id hash, so
 * the sample is stable), with up to 5 nearest-in-time rows of the same governorate within 3
 * days as distractors. The headline read by the extractor and the row coded by UCDP are two
 * reports of one event; the distractors are different events by UCDP's own coding.
 *
 * UCDP's `source_headline` and `source_date` are `;`-joined lists, one entry per source article
 * ("Clashes in Latakia…;Syria Daily Report 01/02/2016"). The first gold set fed the whole list
 * to the extractor with the whole date list as its publication day, so a report title's
 * "01/02/2016" was read as a date months off, and one text stood for several articles: labels no
 * evidence in the extracted event could support. Now each row's headline is its first article
 * that is a headline (a daily report's bare title names no event), dated by that article's own
 * date, and a row whose article is dated before the event (a coding slip: "2015-07-01" for a
 * July 2016 report) or whose lists do not pair up is left out, as is a headline more than one
 * row uses. A row is also left out as a target when another row has its day, its coordinates and
 * its dyad ("Afrin district", 2018-02-18, SNA factions vs SDF, three times over): UCDP split one
 * happening by source article, and nothing a report carries could say which of the twins it is.
 * Twins still serve as distractors of other targets, as do all rows.
 */
export async function ucdpHeadlineTargets(store: Store, every = 4): Promise<HeadlineTarget[]> {
  return store.all<HeadlineTarget & Record<string, unknown>>(
    `WITH r AS (
       SELECT id, date, admin1_code, string_split(notes, ';') AS hs,
              string_split(coalesce(raw->>'source_date', ''), ';') AS ds
       FROM events WHERE source_id = 'ucdp_ged' AND notes IS NOT NULL AND admin1_code IS NOT NULL
     ),
     seg AS (
       SELECT id, date, admin1_code, k, trim(hs[k]) AS headline, TRY_CAST(trim(ds[k]) AS DATE) AS pub
       FROM (SELECT *, unnest(range(1, len(hs) + 1)) AS k FROM r WHERE len(hs) = len(ds))
       WHERE NOT regexp_matches(hs[k], '^\\s*Syria Daily Report')
     ),
     firsts AS (SELECT * FROM seg QUALIFY k = min(k) OVER (PARTITION BY id)),
     u AS (
       SELECT id, headline, strftime(pub, '%Y-%m-%d') AS published, date, admin1_code,
              count(*) OVER (PARTITION BY headline) AS uses
       FROM firsts WHERE pub >= date
     ),
     -- Distractors come from every row of the dataset, headline or not.
     rows AS (
       SELECT id, date, admin1_code,
              count(*) OVER (PARTITION BY date, lat, lon, actor1, actor2) AS twins
       FROM events WHERE source_id = 'ucdp_ged' AND admin1_code IS NOT NULL
     ),
     t AS (
       SELECT u.* FROM u JOIN rows USING (id)
       WHERE uses = 1 AND twins = 1 AND hash(id) % $every = 0
     )
     SELECT t.id, t.admin1_code, t.headline, t.published, year(t.date)::INTEGER AS year,
       coalesce((SELECT list(x.id ORDER BY abs(date_diff('day', x.date, t.date)), x.id)[1:5]
                 FROM rows x
                 WHERE x.admin1_code = t.admin1_code AND x.id <> t.id
                   AND x.date BETWEEN t.date - INTERVAL 3 DAY AND t.date + INTERVAL 3 DAY),
                []) AS distractors
     FROM t ORDER BY t.id`,
    { every },
  );
}
