/**
 * SQL for the claims-versus-attacks analysis, over the fused incidents of links.ts. One query per
 * table, all aggregation in DuckDB.
 */
import type { EventFilter } from '../model/index.js';
import type { Store } from './db.js';
import { fusedIncidentsCte } from './links.js';

/** Incidents in the window (by their fused date) as a CTE named `w`. */
function windowed(filter: EventFilter, from: string | null, to: string | null) {
  const cte = fusedIncidentsCte({ ...filter, from: undefined, to: undefined });
  return {
    sql: `WITH ${cte.sql},
      w AS (SELECT *, status IN ('claimed_reported', 'over_claimed') AND n_reports > 0 AS is_claimed
            FROM inc
            WHERE ($from IS NULL OR date >= $from) AND ($to IS NULL OR date <= $to))`,
    params: { ...cte.params, from, to },
  };
}

const SHARES = `count(*) FILTER (WHERE n_reports > 0)::INTEGER AS reported,
  count(*) FILTER (WHERE is_claimed)::INTEGER AS claimed,
  count(*) FILTER (WHERE status = 'claim_only')::INTEGER AS claim_only,
  CASE WHEN count(*) FILTER (WHERE n_reports > 0) > 0
    THEN round(count(*) FILTER (WHERE is_claimed) / count(*) FILTER (WHERE n_reports > 0), 4)
  END AS claimed_share`;

export interface ClaimsRows {
  /** Claimed incidents anywhere in the final `silentDays` of the window. */
  claimsRecentAnywhere: number;
  window: { from: string | null; to: string | null };
  byStatus: { status: string; n: number }[];
  byMonth: Record<string, unknown>[];
  byAdmin1: Record<string, unknown>[];
  lag: Record<string, unknown>;
  lagHistogram: { bucket: string; n: number }[];
  inflation: { n: number; ratio: number | null };
  silent: Record<string, unknown>[];
}

export async function claimsRows(
  store: Store,
  filter: EventFilter,
  { from, to, silentDays }: { from: string | null; to: string | null; silentDays: number },
): Promise<ClaimsRows> {
  const w = windowed(filter, from, to);
  const q = <T extends Record<string, unknown>>(select: string, extra = {}) =>
    store.all<T>(`${w.sql} ${select}`, { ...w.params, ...extra });
  const range = (
    await q<{ lo: string | null; hi: string | null }>(
      'SELECT min(date) AS lo, max(date) AS hi FROM w',
    )
  )[0]!;
  const byStatus = await q<{ status: string; n: number }>(
    'SELECT status, count(*)::INTEGER AS n FROM w GROUP BY status ORDER BY status',
  );
  const byMonth = await q(
    `SELECT substr(date, 1, 7) AS month, ${SHARES} FROM w GROUP BY month ORDER BY month`,
  );
  const byAdmin1 = await q(
    `SELECT admin1, ${SHARES} FROM w GROUP BY admin1 ORDER BY reported DESC, admin1 NULLS LAST`,
  );
  const lag = (
    await q(
      `SELECT count(claim_lag_days)::INTEGER AS n,
         quantile_cont(claim_lag_days, 0.5) AS median_days,
         quantile_cont(claim_lag_days, 0.25) AS p25_days,
         quantile_cont(claim_lag_days, 0.75) AS p75_days,
         quantile_cont(claim_lag_days, 0.9) AS p90_days
       FROM w WHERE claim_lag_days IS NOT NULL`,
    )
  )[0]!;
  const lagHistogram = await q<{ bucket: string; n: number }>(
    `SELECT b.bucket, count(w.id)::INTEGER AS n
     FROM (VALUES (0, 'same day'), (1, '1 day'), (2, '2 days'), (3, '3–7 days'), (4, 'over a week'),
                  (5, 'before the attack date')) b(k, bucket)
     LEFT JOIN w ON w.claim_lag_days IS NOT NULL AND b.k = CASE
         WHEN w.claim_lag_days < 0 THEN 5 WHEN w.claim_lag_days = 0 THEN 0
         WHEN w.claim_lag_days = 1 THEN 1 WHEN w.claim_lag_days = 2 THEN 2
         WHEN w.claim_lag_days <= 7 THEN 3 ELSE 4 END
     GROUP BY b.k, b.bucket ORDER BY b.k`,
  );
  const inflation = (
    await q<{ n: number; ratio: number | null }>(
      `SELECT count(*)::INTEGER AS n,
         CASE WHEN sum(reported_fatalities) > 0
           THEN round(sum(claim_fatalities) / sum(reported_fatalities), 3) END AS ratio
       FROM w WHERE claim_fatalities IS NOT NULL AND reported_fatalities IS NOT NULL`,
    )
  )[0]!;
  // Silent provinces: claims (the group's own, or reports that it claimed) before the last `silentDays` of the window, none within them,
  // while reported attacks went on there.
  const silent = range.hi
    ? await q(
        `, cut AS (SELECT strftime(CAST($hi AS DATE) - to_days($days), '%Y-%m-%d') AS d)
         SELECT admin1,
           count(*) FILTER (WHERE status <> 'unclaimed' AND date <= (SELECT d FROM cut))::INTEGER AS claims_before,
           max(date) FILTER (WHERE status <> 'unclaimed') AS last_claim,
           count(*) FILTER (WHERE n_reports > 0 AND date > (SELECT d FROM cut))::INTEGER AS reported_recent,
           count(*) FILTER (WHERE status <> 'unclaimed' AND date > (SELECT d FROM cut))::INTEGER AS claims_recent
         FROM w WHERE admin1 IS NOT NULL GROUP BY admin1
         HAVING claims_before >= 3 AND claims_recent = 0 AND reported_recent >= 3
         ORDER BY reported_recent DESC, admin1`,
        { hi: range.hi, days: silentDays },
      )
    : [];
  // If nothing was claimed anywhere in the final days, the claim sources probably stop before
  // the window does (an archive that ends): every province would look silent, and none is.
  const claimsRecentAnywhere = range.hi
    ? (
        await q<{ n: number }>(
          `SELECT count(*)::INTEGER AS n FROM w
           WHERE status <> 'unclaimed' AND date > strftime(CAST($hi AS DATE) - to_days($days), '%Y-%m-%d')`,
          { hi: range.hi, days: silentDays },
        )
      )[0]!.n
    : 0;
  return {
    claimsRecentAnywhere,
    window: { from: from ?? range.lo, to: to ?? range.hi },
    byStatus,
    byMonth,
    byAdmin1,
    lag,
    lagHistogram,
    inflation,
    silent: silent.map(({ claims_recent: _drop, ...rest }) => rest),
  };
}
