/**
 * Claims versus attacks as sentences, shared by the CLI's summary and the brief's section, so
 * both say the same thing the same way.
 */
import type { ClaimsSummary } from '../model/index.js';

const n = (x: number) => x.toLocaleString('en-US');
export const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** Statuses and claimed share, lag, inflation, caveats, silent provinces: one sentence each. */
export function claimsSentences(s: ClaimsSummary): string[] {
  const out: string[] = [];
  const b = s.by_status;
  out.push(
    `${n(s.n_incidents)} incidents, ${s.window.from ?? '…'} to ${s.window.to ?? '…'}: ` +
      `${n(b.claimed_reported)} claimed and reported, ${n(b.over_claimed)} over-claimed, ` +
      `${n(b.unclaimed)} unclaimed, ${n(b.claim_only)} claim-only. ` +
      `Claimed share of reported attacks: ${pct(s.claimed_share)}.`,
  );
  const lag = s.claim_lag;
  out.push(
    lag.n
      ? `Claim lag (${n(lag.n)} with both times): median ${lag.median_days} days, ` +
          `p75 ${lag.p75_days}, p90 ${lag.p90_days}.`
      : 'Claim lag: no incident has both an attack day and a claim time.',
  );
  if (s.casualty_inflation.ratio !== null) {
    out.push(
      `Casualty inflation: claims give ${s.casualty_inflation.ratio}× the reported deaths ` +
        `(${n(s.casualty_inflation.n)} incidents with both).`,
    );
  }
  for (const note of s.notes) out.push(`Note: ${note}.`);
  for (const p of s.silent_provinces) {
    out.push(
      `Silent: ${p.admin1} — ${p.claims_before} claimed incidents until ${p.last_claim ?? '?'}, ` +
        `none since, while ${p.reported_recent} attacks were reported.`,
    );
  }
  return out;
}
