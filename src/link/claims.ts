/**
 * Claims versus attacks over linked incidents: what share of reported attacks the group claimed,
 * where and when, how fast, how much it inflated casualties, and which provinces fell silent.
 *
 * An incident is *claimed and reported* when it holds a claim (an event read from the group's
 * own channels) and an independent report, or a report that says the group claimed it;
 * *over-claimed* when the claim's death toll is at least twice the highest report and 3 more;
 * *unclaimed* when only reported; *claim-only* when only claimed.
 */
import {
  CLAIM_STATUSES,
  ClaimsSummarySchema,
  endOf,
  startOf,
  type ClaimsSummary,
  type EventFilter,
} from '../model/index.js';
import { claimsRows, type Store } from '../store/index.js';

export interface ClaimsOptions {
  /** A province is silent when it had claims but none in this many final days. Default 90. */
  silentDays?: number;
}

export async function claimsSummary(
  store: Store,
  filter: EventFilter,
  { silentDays = 90 }: ClaimsOptions = {},
): Promise<ClaimsSummary> {
  const from = filter.from ? startOf(filter.from) : null;
  const to = filter.to ? endOf(filter.to) : null;
  const rows = await claimsRows(store, filter, { from, to, silentDays });
  const byStatus = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<
    (typeof CLAIM_STATUSES)[number],
    number
  >;
  for (const r of rows.byStatus) byStatus[r.status as keyof typeof byStatus] = r.n;
  const reported = byStatus.claimed_reported + byStatus.over_claimed + byStatus.unclaimed;
  return ClaimsSummarySchema.parse({
    n_incidents: Object.values(byStatus).reduce((a, b) => a + b, 0),
    by_status: byStatus,
    claimed_share: reported
      ? Math.round(((byStatus.claimed_reported + byStatus.over_claimed) / reported) * 1e4) / 1e4
      : null,
    by_month: rows.byMonth,
    by_admin1: rows.byAdmin1,
    claim_lag: { ...rows.lag, histogram: rows.lagHistogram },
    casualty_inflation: rows.inflation,
    silent_provinces: rows.claimsRecentAnywhere ? rows.silent : [],
    notes: rows.claimsRecentAnywhere
      ? []
      : [
          `no claims anywhere in the last ${silentDays} days of the window: the claim sources ` +
            'may not cover that period, so no province is called silent',
        ],
    window: rows.window,
  });
}
