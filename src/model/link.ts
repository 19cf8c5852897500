/**
 * Linking vocabulary: what the linker reads about each event, how it decides about a pair, and
 * the claims-versus-attacks results. Incidents themselves are in incident.ts.
 */
import { z } from 'zod';

/**
 * The slice of an event the linker scores on. Dates are whole days since 1970-01-01; `lo`/`hi`
 * is the span the event may have happened in, widened by its date precision.
 */
export interface LinkRecord {
  id: string;
  origin: 'dataset' | 'extracted';
  source_id: string;
  /** The document an extracted event was read from (events of one document are distinct). */
  doc: string | null;
  lo: number;
  hi: number;
  date_precision: number;
  lat: number | null;
  lon: number | null;
  geo_precision: number | null;
  country: string | null;
  admin1_code: string | null;
  admin2_code: string | null;
  attack_type: string | null;
  tactics: readonly string[];
  target_type: string | null;
  actor1: string | null;
  fatalities: number | null;
  /** From the group's own communications (see ClaimPolicy): the event is the claim itself. */
  is_claim: boolean;
  /** Hashed, de-duplicated content words of the notes, with the place words when there are notes (for text similarity). */
  tokens: Uint32Array;
  /** Hashed words of the location name, without direction and unit words. */
  place: Uint32Array;
}

export const LinkDecision = z.enum(['match', 'abstain', 'distinct']);
export type LinkDecision = z.infer<typeof LinkDecision>;

export interface PairScore {
  /** Log-odds that the two events report the same happening. */
  score: number;
  decision: LinkDecision;
  /** One short phrase per piece of evidence, signed weight first: "+2.5 same day". */
  reasons: string[];
}

/** Which stored documents are the group's own voice: extracted events from them are claims. */
export const ClaimPolicySchema = z.object({
  /** `documents.source` values of the group's own (or its supporters') channels. */
  claimSources: z.array(z.string().min(1)).default(['twitter', 'telegram']),
});
export type ClaimPolicy = z.infer<typeof ClaimPolicySchema>;

export const CLAIM_STATUSES = [
  'claimed_reported',
  'over_claimed',
  'unclaimed',
  'claim_only',
] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const IncidentSummarySchema = z.object({
  id: z.string(),
  date: z.string(),
  date_precision: z.number().int(),
  country: z.string().nullable(),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  location: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  geo_precision: z.number().int().nullable(),
  attack_type: z.string().nullable(),
  fatalities: z.number().nullable(),
  fatalities_low: z.number().nullable(),
  fatalities_high: z.number().nullable(),
  n_members: z.number().int(),
  n_reports: z.number().int(),
  n_claims: z.number().int(),
  sources: z.array(z.string()),
  status: ClaimStatus,
  claim_lag_days: z.number().nullable(),
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

export const IncidentMemberDetailSchema = z.object({
  event_id: z.string(),
  role: z.enum(['report', 'claim']),
  score: z.number(),
  reasons: z.array(z.string()),
  source_id: z.string(),
  origin: z.string(),
  date: z.string(),
  location: z.string().nullable(),
  fatalities: z.number().nullable(),
  notes: z.string().nullable(),
});
export const IncidentDetailSchema = IncidentSummarySchema.extend({
  members: z.array(IncidentMemberDetailSchema),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

export const LinkRunSchema = z.object({
  events: z.number().int(),
  new_events: z.number().int(),
  candidate_pairs: z.number().int(),
  matches: z.number().int(),
  abstentions: z.number().int(),
  incidents: z.number().int(),
  multi_member_incidents: z.number().int(),
  seconds: z.number(),
});
export type LinkRun = z.infer<typeof LinkRunSchema>;

const count = z.number().int();
export const ClaimsSummarySchema = z.object({
  n_incidents: count,
  by_status: z.record(ClaimStatus, count),
  /** Claimed (or over-claimed) reported attacks over all reported attacks; null with none. */
  claimed_share: z.number().nullable(),
  by_month: z.array(
    z.object({
      month: z.string(),
      reported: count,
      claimed: count,
      claim_only: count,
      claimed_share: z.number().nullable(),
    }),
  ),
  by_admin1: z.array(
    z.object({
      admin1: z.string().nullable(),
      reported: count,
      claimed: count,
      claim_only: count,
      claimed_share: z.number().nullable(),
    }),
  ),
  claim_lag: z.object({
    n: count,
    median_days: z.number().nullable(),
    p25_days: z.number().nullable(),
    p75_days: z.number().nullable(),
    p90_days: z.number().nullable(),
    histogram: z.array(z.object({ bucket: z.string(), n: count })),
  }),
  /** Sum of claimed fatalities over sum of reported fatalities, incidents with both. */
  casualty_inflation: z.object({ n: count, ratio: z.number().nullable() }),
  silent_provinces: z.array(
    z.object({
      admin1: z.string(),
      claims_before: count,
      last_claim: z.string().nullable(),
      reported_recent: count,
    }),
  ),
  /** Caveats about the data behind the figures. */
  notes: z.array(z.string()),
  window: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
});
export type ClaimsSummary = z.infer<typeof ClaimsSummarySchema>;
