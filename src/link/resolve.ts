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
  type LinkSetRow,
  type MemberRow,
  type Store,
} from '../store/index.js';
import { clusterPairs, pairKey, type ScoredPair } from './cluster.js';
import { exclusiveAmbiguity } from './exclusive.js';
import { ABSTAIN, MATCH, pairScore, probability, scorePair, type ScoreRecord } from './score.js';
import { noteTokens, placeTokens, unionTokens, weighWords } from './tokens.js';

export interface LinkOptions {
  full?: boolean;
  policy?: Partial<ClaimPolicy>;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** A stable incident id from the member that founded it. */
export function incidentId(founder: string): string {
  return `inc:${createHash('sha256').update(founder).digest('hex').slice(0, 16)}`;
}

/** Shared by every record until weighed. */
const NO_WEIGHTS = new Float32Array(0);

export function toRecord(r: LinkSetRow): ScoreRecord {
  const place = placeTokens(r.location);
  const notes = r.origin === 'dataset' ? noteTokens(r.notes) : noteTokens(null);
  // An explicit literal, not a spread: millions of records share one hidden class, which keeps
  // the scorer's property reads monomorphic (a spread of rest properties made them 5× slower).
  return {
    id: r.id,
    origin: r.origin,
    source_id: r.source_id,
    doc: r.doc,
    lo: r.lo,
    hi: r.hi,
    date_precision: r.date_precision,
    lat: r.lat,
    lon: r.lon,
    geo_precision: r.geo_precision,
    country: r.country,
    admin1_code: r.admin1_code,
    admin2_code: r.admin2_code,
    attack_type: r.attack_type,
    tactics: r.tactics,
    target_type: r.target_type,
    actor1: r.actor1,
    actor2: r.actor2,
    fatalities: r.fatalities,
    is_claim: r.is_claim,
    // An extracted event's notes are the extractor's own remarks ("date: not in the text"),
    // identical across unrelated events: only a dataset's notes describe the event. The place
    // words join notes, never stand alone: place names are weighed as places already.
    tokens: notes.length ? unionTokens(notes, place) : notes,
    place,
    // Filled in by weighWords once the whole set is loaded; present from the start so that
    // every record keeps one shape.
    rare: placeTokens(null),
    weights: NO_WEIGHTS,
    weight: 0,
  };
}

export async function linkEvents(store: Store, options: LinkOptions = {}): Promise<LinkRun> {
  const started = performance.now();
  const full = options.full ?? false;
  const policy = ClaimPolicySchema.parse(options.policy ?? {});
  const progress = options.onProgress ?? (() => undefined);
  const set = await prepareLinkSet(store, { full, claimSources: policy.claimSources });

  const records: ScoreRecord[] = [];
  const existing: (string | null)[] = [];
  for await (const row of linkSetRows(store)) {
    records.push(toRecord(row));
    existing.push(row.incident_id);
    if (records.length % 50_000 === 0) progress('loading events', records.length, set.events);
  }
  const n = records.length;
  weighWords(records);

  // Score every candidate; keep only pairs that are at least abstentions (the clusterer treats
  // anything missing as distinct), so memory follows the plausible pairs, not the candidates.
  let scored: ScoredPair[] = [];
  let candidates = 0;
  for await (const { a, b } of candidatePairs(store, { onlyNew: !full })) {
    for (let k = 0; k < a.length; k++) {
      const score = pairScore(records[a[k]!]!, records[b[k]!]!);
      if (score >= ABSTAIN) scored.push({ a: a[k]!, b: b[k]!, score });
    }
    candidates += a.length;
    progress('scoring pairs', candidates, 0);
  }
  const initial = new Int32Array(n).fill(-1);
  if (!full) {
    const groups = new Map<string, number>();
    existing.forEach((inc, i) => {
      if (inc === null) return;
      let g = groups.get(inc);
      if (g === undefined) groups.set(inc, (g = groups.size));
      initial[i] = g;
    });
  }
  // Only events with a match (or in an existing incident) can end up in a shared incident, so
  // only pairs among them matter to the clusterer's guard; close calls are kept for review.
  const inPlay = new Uint8Array(n);
  for (const p of scored) if (p.score >= MATCH) inPlay[p.a] = inPlay[p.b] = 1;
  for (let i = 0; i < n; i++) if (initial[i]! >= 0) inPlay[i] = 1;
  const touching = scored.filter((p) => inPlay[p.a] || inPlay[p.b]);
  const closeCalls = scored.filter((p) => p.score >= CLOSE_CALL && p.score < MATCH);
  scored = [];

  // Reasons are rebuilt when written (cheap for the few pairs written); only the extra remark
  // on a demoted ambiguous pair has to be remembered.
  const remarks = new Map<number, string>();
  const reasonsFor = (x: number, y: number) => {
    const [lo, hi] = x < y ? [x, y] : [y, x];
    const reasons = scorePair(records[lo]!, records[hi]!).reasons;
    const remark = remarks.get(pairKey(n, lo, hi));
    return remark ? [...reasons, remark] : reasons;
  };
  const ambiguous = exclusiveAmbiguity(touching, records);
  for (const p of touching) {
    const why = ambiguous.get(p);
    if (why === undefined) continue;
    p.score = Math.min(p.score, MATCH - 0.01);
    remarks.set(pairKey(n, p.a, p.b), why);
    closeCalls.push(p);
  }
  const compatible = touching.filter((p) => inPlay[p.a] && inPlay[p.b]);
  const matchCount = compatible.filter((p) => p.score >= MATCH).length;
  // Pairs between old members were scored when they were linked; the guard needs them too.
  if (!full) addWithinGroupPairs(initial, compatible);

  const { group, members, blocked, scoreOf } = clusterPairs({
    n,
    compatible,
    match: MATCH,
    initial,
  });

  const knownScore = (x: number, y: number) => scoreOf.get(pairKey(n, x, y));
  // A re-linked (corrected) event that founded an incident others still hold must not hand its
  // new incident the same id.
  const taken = new Set(existing.filter((id) => id !== null));
  const newId = (founder: string) => {
    let id = incidentId(founder);
    for (let k = 1; taken.has(id); k++) id = incidentId(`${founder}#${k}`);
    taken.add(id);
    return id;
  };
  let multi = 0;
  // Rows are generated while the appender writes them: a million row objects with their reason
  // arrays would otherwise sit in memory at once.
  function* memberRows(): Generator<MemberRow> {
    for (const list of members.values()) {
      if (list.length > 1) multi++;
      const head = list.find((i) => existing[i] !== null);
      const id = head !== undefined ? existing[head]! : newId(records[list[0]!]!.id);
      const anchor = anchorOf(list, records);
      for (const i of list) {
        if (existing[i] !== null) continue;
        let score = 1;
        let reasons = ONLY_REPORT;
        if (list.length > 1) {
          // Score against the anchor when scored, else against the best-scoring fellow member.
          let best = i === anchor ? undefined : knownScore(i, anchor);
          let other = anchor;
          if (best === undefined) {
            for (const j of list) {
              const s = j === i ? undefined : knownScore(i, j);
              if (s !== undefined && (best === undefined || s > best)) [best, other] = [s, j];
            }
          }
          score = probability(best ?? MATCH);
          reasons = [`vs ${records[other]!.id}`, ...reasonsFor(i, other)];
        }
        yield {
          incident_id: id,
          event_id: records[i]!.id,
          role: records[i]!.is_claim ? 'claim' : 'report',
          score: Math.round(score * 1000) / 1000,
          reasons,
        };
      }
    }
  }

  let abstained = 0;
  const blockedKeys = new Set(blocked.map((p) => pairKey(n, p.a, p.b)));
  function* abstentionRows(): Generator<AbstentionRow> {
    for (const p of [...closeCalls, ...blocked]) {
      if (group[p.a] === group[p.b]) continue;
      abstained++;
      yield {
        event_a: records[p.a]!.id,
        event_b: records[p.b]!.id,
        score: p.score,
        reasons: [
          ...(blockedKeys.has(pairKey(n, p.a, p.b))
            ? ['matched, but another member of one incident conflicts']
            : []),
          ...reasonsFor(p.a, p.b),
        ],
      };
    }
  }
  progress('writing incidents', 0, 0);
  await writeLinks(store, memberRows(), abstentionRows(), { full });

  return {
    events: set.events,
    new_events: set.newEvents,
    candidate_pairs: candidates,
    matches: matchCount,
    abstentions: abstained,
    incidents: members.size,
    multi_member_incidents: multi,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

const ONLY_REPORT: readonly string[] = ['only report of this incident'];

/** Unmerged pairs at or above this score are recorded as abstentions for review. */
const CLOSE_CALL = 1;

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
