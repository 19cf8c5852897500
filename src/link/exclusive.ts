/**
 * Rows of one dataset are distinct events: the ambiguity rule that follows from it, applied to
 * the scored pairs before clustering.
 */
import type { LinkRecord } from '../model/index.js';
import type { ScoredPair } from './cluster.js';
import { MATCH } from './score.js';

/** How close a rival's score must be for a match to count as ambiguous. */
const AMBIGUITY_MARGIN = 0.5;
/**
 * Each round costs a pass over the pairs; real sets settle in a few. A chain built to need
 * more stops here, its unsettled matches left as abstentions (the cautious side).
 */
const MAX_ROUNDS = 64;

/**
 * A dataset's rows are distinct events, so an event can match at most one row of each dataset.
 * When an event's best match among one dataset's rows is not clearly better than the runner-up
 * (a month-precise record against two bombings in one city that month), the match is ambiguous:
 * it is demoted to an abstention rather than a coin toss.
 *
 * The same premise settles rivals: a row already matched, without doubt, to another event of
 * the first event's dataset cannot be its partner too (a bombing that one CPOST row clearly
 * is, is no other CPOST row's bombing). So clear matches are accepted in rounds, and each round
 * drops the rivals the previous ones took, until no match becomes clear.
 */
export function exclusiveAmbiguity(
  pairs: readonly ScoredPair[],
  records: readonly LinkRecord[],
): Map<ScoredPair, string> {
  // One slot per (event, dataset it has candidate rows in): the linker holds millions of pairs,
  // so the rounds run over typed arrays, not maps of maps.
  const sources = new Map<string, number>();
  const sourceOf = new Int32Array(records.length);
  records.forEach((r, y) => {
    let s = sources.get(r.source_id);
    if (s === undefined && r.origin === 'dataset') sources.set(r.source_id, (s = sources.size));
    sourceOf[y] = r.origin === 'dataset' ? s! : -1;
  });
  const slots = new Map<number, number>();
  const slotOf = (x: number, y: number) => {
    const s = sourceOf[y]!;
    if (s < 0) return -1;
    const key = x * sources.size + s;
    let k = slots.get(key);
    if (k === undefined) slots.set(key, (k = slots.size));
    return k;
  };
  const P = pairs.length;
  // slotA[i]: pair i's a-side among the rows of b's dataset (-1: b is not a dataset row).
  const slotA = new Int32Array(P);
  const slotB = new Int32Array(P);
  for (let i = 0; i < P; i++) {
    slotA[i] = slotOf(pairs[i]!.a, pairs[i]!.b);
    slotB[i] = slotOf(pairs[i]!.b, pairs[i]!.a);
  }
  const K = slots.size;
  slots.clear();
  // The two best scores per slot among pairs still in play; the row each slot is matched to.
  const first = new Float64Array(K);
  const second = new Float64Array(K);
  const takenRow = new Int32Array(K).fill(-1);
  const takenScore = new Float64Array(K);
  // 0 out of play, 1 in play (a rival), 2 an open match, 3 an accepted match.
  const state = new Uint8Array(P);
  for (let i = 0; i < P; i++) state[i] = pairs[i]!.score >= MATCH ? 2 : 1;
  const isOut = (i: number) => {
    const p = pairs[i]!;
    const ta = slotA[i]! >= 0 ? takenRow[slotA[i]!]! : -1;
    const tb = slotB[i]! >= 0 ? takenRow[slotB[i]!]! : -1;
    return (ta >= 0 && ta !== p.b) || (tb >= 0 && tb !== p.a);
  };
  // The rival score that makes pair i ambiguous from slot k's side, or NaN when it is clear.
  const rival = (i: number, k: number) => {
    if (k < 0) return Number.NaN;
    const score = pairs[i]!.score;
    if (score < first[k]!) return first[k]!;
    return second[k]! >= score - AMBIGUITY_MARGIN ? second[k]! : Number.NaN;
  };
  const note = (k: number, score: number) => {
    if (k < 0) return;
    if (score > first[k]!) {
      second[k] = first[k]!;
      first[k] = score;
    } else if (score > second[k]!) second[k] = score;
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    first.fill(-Infinity);
    second.fill(-Infinity);
    for (let i = 0; i < P; i++) {
      if (state[i] === 0) continue;
      note(slotA[i]!, pairs[i]!.score);
      note(slotB[i]!, pairs[i]!.score);
    }
    let accepted = 0;
    for (let i = 0; i < P; i++) {
      if (state[i] !== 2) continue;
      if (!Number.isNaN(rival(i, slotA[i]!)) || !Number.isNaN(rival(i, slotB[i]!))) continue;
      state[i] = 3;
      accepted++;
    }
    if (!accepted) break;
    for (let i = 0; i < P; i++) {
      if (state[i] !== 3) continue;
      const p = pairs[i]!;
      if (slotA[i]! >= 0) [takenRow[slotA[i]!], takenScore[slotA[i]!]] = [p.b, p.score];
      if (slotB[i]! >= 0) [takenRow[slotB[i]!], takenScore[slotB[i]!]] = [p.a, p.score];
    }
    let open = 0;
    for (let i = 0; i < P; i++) {
      if (state[i] === 0 || state[i] === 3) continue;
      if (isOut(i)) state[i] = 0;
      else if (state[i] === 2) open++;
    }
    if (!open) break;
  }
  // What is left open, or was put out of play by a clearer match, is ambiguous.
  const result = new Map<ScoredPair, string>();
  const remark = (i: number, k: number, score: number) => {
    const p = pairs[i]!;
    const other = k === slotA[i] ? p.b : p.a;
    result.set(
      p,
      `ambiguous: another ${records[other]!.source_id} row scores ${score.toFixed(2)} against this pair's ${p.score.toFixed(2)}`,
    );
  };
  for (let i = 0; i < P; i++) {
    const p = pairs[i]!;
    if (p.score < MATCH || state[i] === 3) continue;
    if (state[i] === 2) {
      const ra = rival(i, slotA[i]!);
      if (!Number.isNaN(ra)) remark(i, slotA[i]!, ra);
      else remark(i, slotB[i]!, rival(i, slotB[i]!));
    } else {
      // One side is matched to another row of the other side's dataset: name that match.
      const ka = slotA[i]!;
      const k = ka >= 0 && takenRow[ka]! >= 0 && takenRow[ka] !== p.b ? ka : slotB[i]!;
      remark(i, k, takenScore[k]!);
    }
  }
  return result;
}
