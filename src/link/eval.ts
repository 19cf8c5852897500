/**
 * Linking evaluation: pairwise precision/recall/F1 and B-cubed F1 of the incidents `linkEvents`
 * builds from a gold file's events against the gold clusters. Each gold line is one event with
 * its gold cluster and its split (dev for tuning, test for reporting).
 */
import { z } from 'zod';
import { EventSchema } from '../model/index.js';
import { extract } from '../extract/index.js';
import { toEvent } from '../extract/store-mode.js';
import {
  cpostIbcGoldLabels,
  eventsByIds,
  ImportStage,
  Store,
  ucdpHeadlineTargets,
} from '../store/index.js';
import { linkEvents } from './resolve.js';

export const GoldLineSchema = z.object({
  /** Which gold set the line belongs to, when a file holds several (scored separately). */
  set: z.string().min(1).optional(),
  split: z.enum(['dev', 'test']),
  cluster: z.string().min(1),
  event: EventSchema,
});
export type GoldLine = z.infer<typeof GoldLineSchema>;

export interface LinkScores {
  events: number;
  gold_pairs: number;
  predicted_pairs: number;
  true_pairs: number;
  precision: number;
  recall: number;
  f1: number;
  bcubed_precision: number;
  bcubed_recall: number;
  bcubed_f1: number;
  abstentions: number;
}

const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Pairwise and B-cubed scores of `predicted` against `gold` (both: event id → cluster id). */
export function scoreClusters(
  gold: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): Omit<LinkScores, 'abstentions'> {
  const groups = (m: ReadonlyMap<string, string>) => {
    const out = new Map<string, string[]>();
    for (const [id, c] of m) {
      const list = out.get(c);
      if (list) list.push(id);
      else out.set(c, [id]);
    }
    return out;
  };
  const pairs = (m: ReadonlyMap<string, string>) => {
    let n = 0;
    for (const list of groups(m).values()) n += (list.length * (list.length - 1)) / 2;
    return n;
  };
  // True pairs: pairs in the same predicted and the same gold cluster.
  let truePairs = 0;
  for (const list of groups(predicted).values()) {
    const byGold = new Map<string, number>();
    for (const id of list) byGold.set(gold.get(id)!, (byGold.get(gold.get(id)!) ?? 0) + 1);
    for (const k of byGold.values()) truePairs += (k * (k - 1)) / 2;
  }
  const goldPairs = pairs(gold);
  const predPairs = pairs(predicted);
  const precision = predPairs ? truePairs / predPairs : 1;
  const recall = goldPairs ? truePairs / goldPairs : 1;

  const goldGroups = groups(gold);
  const predGroups = groups(predicted);
  let bp = 0;
  let br = 0;
  for (const [id, g] of gold) {
    const inGold = new Set(goldGroups.get(g));
    const inPred = predGroups.get(predicted.get(id)!)!;
    const both = inPred.filter((x) => inGold.has(x)).length;
    bp += both / inPred.length;
    br += both / inGold.size;
  }
  const n = gold.size;
  return {
    events: n,
    gold_pairs: goldPairs,
    predicted_pairs: predPairs,
    true_pairs: truePairs,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1(precision, recall)),
    bcubed_precision: round(bp / n),
    bcubed_recall: round(br / n),
    bcubed_f1: round(f1(bp / n, br / n)),
  };
}

/** A fresh in-memory store holding the gold lines' events (the caller closes it). */
export async function goldStore(lines: readonly GoldLine[]): Promise<Store> {
  const store = await Store.open(':memory:');
  try {
    const stage = await ImportStage.open(store);
    lines.forEach((l, k) => stage.addEvent(k + 1, l.event));
    await stage.commit(
      {
        file: '(gold)',
        sha256: 'gold',
        format: 'gold',
        startedAt: new Date(),
        rowsRead: lines.length,
      },
      'quarantine',
      {},
    );
    return store;
  } catch (e) {
    store.close();
    throw e;
  }
}

/** Links the gold events in a fresh in-memory store and scores the incidents. */
export async function evaluateLink(lines: readonly GoldLine[]): Promise<LinkScores> {
  const store = await goldStore(lines);
  try {
    const run = await linkEvents(store, { full: true });
    const rows = await store.all<{ event_id: string; incident_id: string }>(
      'SELECT event_id, incident_id FROM incident_members',
    );
    const predicted = new Map(rows.map((r) => [r.event_id, r.incident_id]));
    const gold = new Map(lines.map((l) => [l.event.id, l.cluster]));
    for (const id of gold.keys()) if (!predicted.has(id)) predicted.set(id, `missing:${id}`);
    return { ...scoreClusters(gold, predicted), abstentions: run.abstentions };
  } finally {
    store.close();
  }
}

/**
 * Gold lines from a store holding the CPOST and IBC imports (see link-gold.ts for the rule).
 * Split by year: even years are dev, odd years test.
 */
export async function cpostIbcGold(store: Store): Promise<GoldLine[]> {
  const labels = await cpostIbcGoldLabels(store);
  const rows = new Map(
    (
      await eventsByIds(
        store,
        labels.map((l) => l.event_id),
      )
    ).map((r) => [r.id, r]),
  );
  return labels.flatMap((l) => {
    const row = rows.get(l.event_id);
    if (!row) return [];
    return [
      {
        split: l.year % 2 === 0 ? ('dev' as const) : ('test' as const),
        cluster: l.cluster,
        event: EventSchema.parse({ ...row, raw: {} }),
      },
    ];
  });
}

/**
 * Gold lines from a store holding the UCDP GED import: each sampled row's reporting headline is
 * run through the extractor; when it yields exactly one event, in the row's governorate, that
 * extracted event and the row
 * form one gold incident, and the row's distractors (same governorate, within 3 days) are other
 * incidents. This is the news-report-versus-dataset case. Split by year: even dev, odd test.
 */
export async function ucdpHeadlineGold(store: Store, every = 4): Promise<GoldLine[]> {
  const targets = await ucdpHeadlineTargets(store, every);
  const cluster = new Map<string, string>();
  const split = new Map<string, 'dev' | 'test'>();
  const extracted: GoldLine[] = [];
  for (const t of targets) {
    const docId = `ucdp-headline:${t.id}`;
    const found = extract({ id: docId, text: t.headline, published: t.published });
    // A headline may name other events than the coded one (UCDP's codebook says so): the label
    // holds only when its single extracted event lies in the row's governorate.
    if (found.length !== 1 || found[0]!.admin1_code !== t.admin1_code) continue;
    const event = toEvent(found[0]!, 0, 'headlines', t.published);
    if (typeof event === 'string') continue;
    const s = t.year % 2 === 0 ? 'dev' : 'test';
    extracted.push({ split: s, cluster: `g:${t.id}`, event });
    cluster.set(t.id, `g:${t.id}`);
    split.set(t.id, s);
    for (const d of t.distractors) {
      if (!cluster.has(d)) cluster.set(d, `g:${d}`);
      if (!split.has(d)) split.set(d, s);
    }
  }
  const rows = await eventsByIds(store, [...cluster.keys()]);
  return [
    ...extracted,
    ...rows.map((row) => ({
      split: split.get(row.id as string)!,
      cluster: cluster.get(row.id as string)!,
      event: EventSchema.parse({ ...row, raw: {} }),
    })),
  ];
}
