/**
 * Communications analyses: the document filter, options and typed results of volume, network,
 * terms, ops-share and talk-vs-attacks. Every result carries its filter, window and n.
 */
import { z } from 'zod';
import { EventFilterSchema } from './filter.js';

const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Which documents a comms analysis reads; every field optional, lists match any value. */
export const CommsFilterSchema = z.object({
  source: z.array(z.string().min(1)).optional(),
  /** Channels (accounts, Telegram channels, feeds), matched case-insensitively. */
  channel: z.array(z.string().min(1)).optional(),
  lang: z.array(z.string().min(1)).optional(),
  /** Inclusive, UTC days; `YYYY` and `YYYY-MM` cover the whole year or month. */
  from: partialDate.optional(),
  to: partialDate.optional(),
});
export type CommsFilter = z.infer<typeof CommsFilterSchema>;

export const CommsWindowSchema = z.object({ from: isoDate.nullable(), to: isoDate.nullable() });
export type CommsWindow = z.infer<typeof CommsWindowSchema>;

/**
 * Channels known to be the group's own outlets and those of its supporters (a JSON file:
 * `{"official": [...], "supporter": [...]}`); channels in neither list are `unclassified`.
 */
export const ChannelGroupsSchema = z.object({
  official: z.array(z.string().min(1)).default([]),
  supporter: z.array(z.string().min(1)).default([]),
});
export type ChannelGroups = z.infer<typeof ChannelGroupsSchema>;

export const COMMS_PERIODS = ['day', 'week', 'month'] as const;
export const CommsPeriod = z.enum(COMMS_PERIODS);
export type CommsPeriod = z.infer<typeof CommsPeriod>;

// ---- volume ----------------------------------------------------------------------------------

export const COMMS_GROUP_BY = ['channel', 'author', 'lang', 'source', 'affiliation'] as const;
export const CommsGroupBy = z.enum(COMMS_GROUP_BY);
export type CommsGroupBy = z.infer<typeof CommsGroupBy>;

export const CommsVolumeOptionsSchema = z.object({
  /** Period length; default `month`. */
  by: CommsPeriod.optional(),
  /** Also one series per value (the `top` largest; the rest summed as `(other)`). */
  groupBy: CommsGroupBy.optional(),
  /** Series kept when grouping; default 10. */
  top: z.number().int().min(1).max(1000).optional(),
  /** Count each group of near-duplicates once (its canonical document); default false. */
  distinct: z.boolean().optional(),
  /** For `groupBy: 'affiliation'`; default: every channel unclassified. */
  channelGroups: ChannelGroupsSchema.optional(),
});
export type CommsVolumeOptions = z.input<typeof CommsVolumeOptionsSchema>;

export const CommsPointSchema = z.object({
  /** `YYYY-MM` for months; the first day (Monday for weeks) otherwise. */
  period: z.string(),
  count: z.number().int().nonnegative(),
});
export type CommsPoint = z.infer<typeof CommsPointSchema>;

export const CommsSeriesSchema = z.object({
  /** The value; null for documents without one; `(other)` for the rest beyond `top`. */
  key: z.string().nullable(),
  n: z.number().int().nonnegative(),
  periods: z.array(CommsPointSchema),
});
export type CommsSeries = z.infer<typeof CommsSeriesSchema>;

export const CommsVolumeResultSchema = z.object({
  analysis: z.literal('comms_volume'),
  filter: CommsFilterSchema,
  by: CommsPeriod,
  window: CommsWindowSchema,
  distinct: z.boolean(),
  /** Documents counted (dated ones inside the window). */
  n: z.number().int().nonnegative(),
  /** Matching documents without a publication time: not in any period. */
  n_undated: z.number().int().nonnegative(),
  periods: z.array(CommsPointSchema),
  group_by: CommsGroupBy.optional(),
  groups: z.array(CommsSeriesSchema).optional(),
});
export type CommsVolumeResult = z.infer<typeof CommsVolumeResultSchema>;

// ---- network ---------------------------------------------------------------------------------

export const EDGE_KINDS = ['mention', 'retweet', 'forward'] as const;
export const EdgeKind = z.enum(EDGE_KINDS);
export type EdgeKind = z.infer<typeof EdgeKind>;

export const HUB_WINDOWS = ['month', 'quarter', 'year'] as const;

export const CommsNetworkOptionsSchema = z.object({
  /** Edge kinds to include; default all three. */
  kinds: z.array(EdgeKind).min(1).optional(),
  /** Accounts listed; default 20. */
  top: z.number().int().min(1).max(1000).optional(),
  /** Top hubs per window of this length; default `quarter`; `none` for no windows. */
  hubWindow: z.enum([...HUB_WINDOWS, 'none']).optional(),
  /** Hubs listed per window; default 5. */
  hubsPerWindow: z.number().int().min(1).max(100).optional(),
  /** Seed of the Louvain community search (results are the same for the same seed); default 1. */
  seed: z.number().int().optional(),
});
export type CommsNetworkOptions = z.input<typeof CommsNetworkOptionsSchema>;

export const NetworkNodeSchema = z.object({
  rank: z.number().int().positive(),
  /** Account or channel, lower-cased (Twitter handles are case-insensitive). */
  node: z.string(),
  pagerank: z.number(),
  /** Distinct accounts that mention, retweet or forward this one. */
  in_degree: z.number().int().nonnegative(),
  /** Distinct accounts this one mentions, retweets or forwards. */
  out_degree: z.number().int().nonnegative(),
  /** Mentions, retweets and forwards received (edge weights summed). */
  weighted_in: z.number().int().nonnegative(),
  community: z.number().int().nonnegative(),
});
export type NetworkNode = z.infer<typeof NetworkNodeSchema>;

export const CommunitySchema = z.object({
  id: z.number().int().nonnegative(),
  size: z.number().int().positive(),
  /** Its members with the highest PageRank, best first. */
  top_nodes: z.array(z.string()),
});

export const HubWindowSchema = z.object({
  period: z.string(),
  edges: z.number().int().nonnegative(),
  hubs: z.array(z.object({ node: z.string(), pagerank: z.number() })),
});

export const CommsNetworkResultSchema = z.object({
  analysis: z.literal('comms_network'),
  filter: CommsFilterSchema,
  window: CommsWindowSchema,
  kinds: z.array(EdgeKind),
  /** Documents with at least one edge. */
  n_documents: z.number().int().nonnegative(),
  nodes: z.number().int().nonnegative(),
  /** Distinct directed account pairs. */
  edges: z.number().int().nonnegative(),
  /** Mentions + retweets + forwards. */
  interactions: z.number().int().nonnegative(),
  by_kind: z.record(z.string(), z.number().int().nonnegative()),
  top: z.array(NetworkNodeSchema),
  communities: z.array(CommunitySchema),
  modularity: z.number().nullable(),
  hub_window: z.string(),
  windows: z.array(HubWindowSchema),
});
export type CommsNetworkResult = z.infer<typeof CommsNetworkResultSchema>;

// ---- terms -----------------------------------------------------------------------------------

const WindowInput = z.object({ from: partialDate, to: partialDate });

export const CommsTermsOptionsSchema = z.object({
  /** The window whose terms are compared; default the last 30 days of the filtered documents. */
  focus: WindowInput.optional(),
  /** The reference window; default everything in the filter before the focus window. */
  baseline: WindowInput.optional(),
  /** Terms listed each way; default 20. */
  top: z.number().int().min(1).max(500).optional(),
  /** Terms seen fewer times in both windows together are ignored; default 5. */
  minCount: z.number().int().min(1).optional(),
  /** Strength α₀ of the informative Dirichlet prior; default 10% of the pooled token count. */
  prior: z.number().positive().optional(),
  /** `words`, `hashtags` or `all` (default). */
  kind: z.enum(['all', 'words', 'hashtags']).optional(),
});
export type CommsTermsOptions = z.input<typeof CommsTermsOptionsSchema>;

export const TermScoreSchema = z.object({
  term: z.string(),
  /** Weighted log-odds ratio focus vs baseline (Monroe et al. 2008) and its z-score. */
  log_odds: z.number(),
  z: z.number(),
  focus_count: z.number().int().nonnegative(),
  baseline_count: z.number().int().nonnegative(),
});
export type TermScore = z.infer<typeof TermScoreSchema>;

const TermWindowSchema = z.object({
  window: CommsWindowSchema,
  n_documents: z.number().int().nonnegative(),
  n_tokens: z.number().int().nonnegative(),
});

export const CommsTermsResultSchema = z.object({
  analysis: z.literal('comms_terms'),
  filter: CommsFilterSchema,
  kind: z.enum(['all', 'words', 'hashtags']),
  prior: z.number(),
  focus: TermWindowSchema,
  baseline: TermWindowSchema,
  /** Highest z first: terms more frequent in the focus window than the baseline predicts. */
  rising: z.array(TermScoreSchema),
  /** Lowest z first. */
  falling: z.array(TermScoreSchema),
});
export type CommsTermsResult = z.infer<typeof CommsTermsResultSchema>;

// ---- ops share -------------------------------------------------------------------------------

export const CommsOpsShareOptionsSchema = z.object({
  by: CommsPeriod.optional(),
  /**
   * `stored`: documents with evidence of an extracted event (run `sitrep extract` first);
   * `extract`: run the extractor on the documents now; default `stored` when any extracted
   * evidence exists, else `extract`.
   */
  method: z.enum(['stored', 'extract']).optional(),
});
export type CommsOpsShareOptions = z.input<typeof CommsOpsShareOptionsSchema>;

export const OpsSharePointSchema = z.object({
  period: z.string(),
  documents: z.number().int().nonnegative(),
  reporting: z.number().int().nonnegative(),
  /** reporting / documents; null for a period without documents. */
  share: z.number().nullable(),
});

export const CommsOpsShareResultSchema = z.object({
  analysis: z.literal('comms_ops_share'),
  filter: CommsFilterSchema,
  by: CommsPeriod,
  method: z.enum(['stored', 'extract']),
  window: CommsWindowSchema,
  n: z.number().int().nonnegative(),
  n_reporting: z.number().int().nonnegative(),
  share: z.number().nullable(),
  /** Wilson 95% interval of the overall share. */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  periods: z.array(OpsSharePointSchema),
});
export type CommsOpsShareResult = z.infer<typeof CommsOpsShareResultSchema>;

// ---- talk vs attacks -------------------------------------------------------------------------

export const CommsVsAttacksOptionsSchema = z.object({
  /** Largest lag in weeks each way; default 4. */
  maxLag: z.number().int().min(0).max(26).optional(),
  /** Correlate week-on-week changes rather than levels (removes shared trends); default true. */
  difference: z.boolean().optional(),
});
export type CommsVsAttacksOptions = z.input<typeof CommsVsAttacksOptionsSchema>;

export const LagCorrelationSchema = z.object({
  /** Positive: communications lead attacks by this many weeks; negative: they follow. */
  lag: z.number().int(),
  /** Pearson r over the `n` overlapping weeks; null when a series is constant. */
  r: z.number().nullable(),
  n: z.number().int().nonnegative(),
  /** Fisher-z 95% interval; null when n < 4. */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
});
export type LagCorrelation = z.infer<typeof LagCorrelationSchema>;

export const CommsVsAttacksResultSchema = z.object({
  analysis: z.literal('comms_vs_attacks'),
  comms_filter: CommsFilterSchema,
  event_filter: EventFilterSchema,
  window: CommsWindowSchema,
  difference: z.boolean(),
  n_documents: z.number().int().nonnegative(),
  n_events: z.number().int().nonnegative(),
  weeks: z.array(
    z.object({
      week: isoDate,
      documents: z.number().int().nonnegative(),
      events: z.number().int().nonnegative(),
    }),
  ),
  lags: z.array(LagCorrelationSchema),
  /** The lag with the largest |r|; null when no lag has one. */
  best: LagCorrelationSchema.nullable(),
  caution: z.string(),
});
export type CommsVsAttacksResult = z.infer<typeof CommsVsAttacksResultSchema>;
