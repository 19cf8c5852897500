/** A communication: a news item, a channel post, a tweet, a claim statement. */
import { z } from 'zod';

export const DocumentSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  channel: z.string().nullable().default(null),
  author: z.string().nullable().default(null),
  /** UTC, ISO 8601. */
  published_at: z.string().datetime({ offset: true }).nullable().default(null),
  /** BCP 47 primary language subtag (`ar`, `en`, …) or null when unknown. */
  lang: z.string().nullable().default(null),
  title: z.string().nullable().default(null),
  text: z.string(),
  forwarded_from: z.string().nullable().default(null),
  url: z.string().nullable().default(null),
});
export type Document = z.infer<typeof DocumentSchema>;

/** A character span in a document that justifies one field of an extracted event. */
export const EvidenceSchema = z.object({
  event_id: z.string(),
  document_id: z.string(),
  field: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
