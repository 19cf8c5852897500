/**
 * Guarded agglomeration: matched pairs are merged strongest first, but two groups join only if
 * no pair across them is known to be distinct and every pair across them was at least a
 * candidate. That stops chaining — a matches b, b matches c, yet a and c are 60 km or a week
 * apart — which plain connected components would turn into one sprawling incident.
 */

export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

export interface ClusterInput {
  /** Number of records; records are 0..n-1. */
  n: number;
  /** Pairs that are at least abstentions (score ≥ ABSTAIN); everything else counts as distinct. */
  compatible: ScoredPair[];
  /** The score at which a pair merges. */
  match: number;
  /** Initial groups (existing incidents), as a group index per record or -1. */
  initial?: Int32Array;
}

export interface ClusterOutput {
  /** The group of each record (a record index: the group's first member). */
  group: Int32Array;
  /** Member lists by group index. */
  members: Map<number, number[]>;
  /** Matched pairs left unmerged because a pair across the groups was not compatible. */
  blocked: ScoredPair[];
  /** The score of a compatible pair, by the pair's numeric key (see pairKey). */
  scoreOf: Map<number, number>;
}

/** One number per unordered pair of records 0..n-1 (exact below 2^53, so n up to ~94M). */
export const pairKey = (n: number, x: number, y: number) => (x < y ? x * n + y : y * n + x);

export function clusterPairs({ n, compatible, match, initial }: ClusterInput): ClusterOutput {
  const group = new Int32Array(n);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) group[i] = i;
  // Existing incidents start as groups and are never merged with one another (their ids stay
  // stable); new records may join one.
  const fixed = new Uint8Array(n);
  if (initial) {
    const first = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const g = initial[i]!;
      if (g < 0) continue;
      const head = first.get(g);
      if (head === undefined) first.set(g, i);
      else group[i] = head;
    }
    for (const head of first.values()) fixed[head] = 1;
  }
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  }

  const scoreOf = new Map<number, number>();
  for (const p of compatible) scoreOf.set(pairKey(n, p.a, p.b), p.score);

  const blocked: ScoredPair[] = [];
  // Ties broken by index: the result must not depend on the order DuckDB streamed the pairs.
  const matches = compatible
    .filter((p) => p.score >= match)
    .sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
  for (const p of matches) {
    const ga = group[p.a]!;
    const gb = group[p.b]!;
    if (ga === gb) continue;
    if (fixed[ga] && fixed[gb]) {
      blocked.push(p);
      continue;
    }
    const A = members.get(ga)!;
    const B = members.get(gb)!;
    let ok = true;
    for (const x of A) {
      for (const y of B) {
        if (!scoreOf.has(pairKey(n, x, y))) {
          ok = false;
          break;
        }
      }
      if (!ok) break;
    }
    if (!ok) {
      blocked.push(p);
      continue;
    }
    // Keep the existing incident's head (if any) so its id survives.
    const [keep, drop] = fixed[gb] || (!fixed[ga] && B.length > A.length) ? [gb, ga] : [ga, gb];
    const kept = members.get(keep)!;
    for (const x of members.get(drop)!) {
      group[x] = keep;
      kept.push(x);
    }
    members.delete(drop);
  }
  return { group, members, blocked, scoreOf };
}
