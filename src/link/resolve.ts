/**
 * Incident resolution over the store: load the link set, score the space-time blocked candidate
 * pairs, cluster with the chaining guard, and write members (with roles, scores and reasons) and
 * abstentions. Incremental by default: events already in incidents keep them, new events join
 * one or start their own; `full` rebuilds everything.
 */
import { createHash } from 'node:crypto';
import {
  ClaimPolicySchema,
  type ClaimPolicy,
  type LinkRecord,
  type LinkRun,
} from '../model/index.js';
import {
  candidatePairs,
  linkSetRows,
  prepareLinkSet,
  writeLinks,
  type AbstentionRow,
  type MemberRow,
  type Store,
} from '../store/index.js';
import { clusterPairs, type ScoredPair } from './cluster.js';
import { ABSTAIN, MATCH, probability, scorePair } from './score.js';
import { noteTokens } from './tokens.js';

export interface LinkOptions {
  full?: boolean;
  policy?: Partial<ClaimPolicy>;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** A stable incident id from the member that founded it. */
export function incidentId(founder: string): string {
  return `inc:${createHash('sha256').update(founder).digest('hex').slice(0, 16)}`;
}

export function toRecord(r: {
  id: string;
  origin: 'dataset' | 'extracted';
  source_id: string;
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
  notes: string | null;
  is_claim: boolean;
}): LinkRecord {
  const { notes, ...rest } = r;
  return { ...rest, tokens: noteTokens(notes) };
}

export async function linkEvents(store: Store, options: LinkOptions = {}): Promise<LinkRun> {
  const started = performance.now();
  const full = options.full ?? false;
  const policy = ClaimPolicySchema.parse(options.policy ?? {});
  const progress = options.onProgress ?? (() => undefined);
  const set = await prepareLinkSet(store, { full, claimSources: policy.claimSources });

  const records: LinkRecord[] = [];
  const existing: (string | null)[] = [];
  for await (const row of linkSetRows(store)) {
    records.push(toRecord(row));
    existing.push(row.incident_id);
    if (records.length % 50_000 === 0) progress('loading events', records.length, set.events);
  }
  const n = records.length;

  // Score every candidate; keep only pairs that are at least abstentions (the clusterer treats
  // anything missing as distinct), so memory follows the plausible pairs, not the candidates.
  const compatible: ScoredPair[] = [];
  const reasonsOf = new Map<number, string[]>();
  let candidates = 0;
  for await (const { a, b } of candidatePairs(store, { onlyNew: !full })) {
    for (let k = 0; k < a.length; k++) {
      const s = scorePair(records[a[k]!]!, records[b[k]!]!);
      if (s.score >= ABSTAIN) {
        compatible.push({ a: a[k]!, b: b[k]!, score: s.score });
        reasonsOf.set(a[k]! * n + b[k]!, s.reasons);
      }
    }
    candidates += a.length;
    progress('scoring pairs', candidates, 0);
  }
  // Pairs between old members were scored when they were linked; the guard needs them too.
  const initial = new Int32Array(n).fill(-1);
  if (!full) {
    const groups = new Map<string, number>();
    existing.forEach((inc, i) => {
      if (inc === null) return;
      let g = groups.get(inc);
      if (g === undefined) groups.set(inc, (g = groups.size));
      initial[i] = g;
    });
    addWithinGroupPairs(initial, compatible);
  }

  const { group, members, blocked } = clusterPairs({ n, compatible, match: MATCH, initial });

  const memberRows: MemberRow[] = [];
  const scoreOf = new Map<number, number>();
  for (const p of compatible) scoreOf.set(p.a * n + p.b, p.score);
  const pairScore = (x: number, y: number) => scoreOf.get(x < y ? x * n + y : y * n + x);
  const pairReasons = (x: number, y: number) => reasonsOf.get(x < y ? x * n + y : y * n + x) ?? [];
  let multi = 0;
  for (const list of members.values()) {
    if (list.length > 1) multi++;
    const head = list.find((i) => existing[i] !== null);
    const id = head !== undefined ? existing[head]! : incidentId(records[list[0]!]!.id);
    const anchor = anchorOf(list, records);
    for (const i of list) {
      if (existing[i] !== null) continue;
      let score = 1;
      let reasons = ['only report of this incident'];
      if (list.length > 1) {
        // Score against the anchor when scored, else against the best-scoring fellow member.
        let best = i === anchor ? undefined : pairScore(i, anchor);
        let other = anchor;
        if (best === undefined) {
          for (const j of list) {
            const s = j === i ? undefined : pairScore(i, j);
            if (s !== undefined && (best === undefined || s > best)) [best, other] = [s, j];
          }
        }
        score = probability(best ?? MATCH);
        reasons = [`vs ${records[other]!.id}`, ...pairReasons(i, other)];
      }
      memberRows.push({
        incident_id: id,
        event_id: records[i]!.id,
        role: records[i]!.is_claim ? 'claim' : 'report',
        score: Math.round(score * 1000) / 1000,
        reasons,
      });
    }
  }

  const abstentions: AbstentionRow[] = [];
  const blockedKeys = new Set(blocked.map((p) => p.a * n + p.b));
  for (const p of compatible) {
    if (group[p.a] === group[p.b]) continue;
    const isBlocked = blockedKeys.has(p.a * n + p.b);
    if (p.score >= MATCH && !isBlocked) continue;
    abstentions.push({
      event_a: records[p.a]!.id,
      event_b: records[p.b]!.id,
      score: p.score,
      reasons: [
        ...(isBlocked ? ['matched, but another member of one incident conflicts'] : []),
        ...(reasonsOf.get(p.a * n + p.b) ?? []),
      ],
    });
  }
  progress('writing incidents', memberRows.length, memberRows.length);
  await writeLinks(store, memberRows, abstentions, { full });

  return {
    events: set.events,
    new_events: set.newEvents,
    candidate_pairs: candidates,
    matches: compatible.filter((p) => p.score >= MATCH).length,
    abstentions: abstentions.length,
    incidents: members.size,
    multi_member_incidents: multi,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** Members of one existing incident count as compatible with each other. */
function addWithinGroupPairs(initial: Int32Array, compatible: ScoredPair[]): void {
  const byGroup = new Map<number, number[]>();
  initial.forEach((g, i) => {
    if (g < 0) return;
    const list = byGroup.get(g);
    if (list) list.push(i);
    else byGroup.set(g, [i]);
  });
  for (const list of byGroup.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        compatible.push({ a: list[x]!, b: list[y]!, score: ABSTAIN });
      }
    }
  }
}

/** The member the others are scored against: the most precise place, then date, datasets first. */
function anchorOf(list: readonly number[], records: readonly LinkRecord[]): number {
  const rank = (i: number) => {
    const r = records[i]!;
    return (r.geo_precision ?? 9) * 100 + r.date_precision * 10 + (r.origin === 'dataset' ? 0 : 1);
  };
  return list.reduce((best, i) => (rank(i) < rank(best) ? i : best), list[0]!);
}
