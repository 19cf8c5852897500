/**
 * Near-duplicate linking over the stored documents, incremental: only documents not hashed yet
 * (new, or whose text changed) are hashed, and they are compared with every stored document
 * through the LSH buckets kept in the store. Duplicates are linked, never removed: each member
 * of a group of near-identical documents other than the earliest gets a row
 * `(doc_id, canonical_id, similarity, method)` in `document_duplicates`.
 *
 * - `exact`: the same text once normalised (URLs, mentions and `RT @x:` removed, Arabic folded),
 *   similarity 1; found by hash without comparing shingles.
 * - `minhash`: an LSH candidate whose exact shingle Jaccard is at least the threshold.
 *
 * Groups are the connected components of these links (a repost of a repost joins the group),
 * the canonical document is the earliest published (then the smallest id), and `similarity`
 * is the best similarity of the document to any document it was linked to directly.
 */
import { createHash } from 'node:crypto';
import {
  candidatePage,
  commitMinhashStage,
  linksAround,
  MinhashStage,
  prepareNearDuplicates,
  replaceDuplicateLinks,
  unhashedDocuments,
  type DocPair,
  type DuplicateLink,
} from '../../store/comms.js';
import type { Store } from '../../store/index.js';
import {
  jaccard,
  MIN_NEAR_DUP_CHARS,
  MinHasher,
  normalizeForShingles,
  shingleSet,
  type MinHashParams,
} from './minhash.js';

export interface NearDuplicateOptions {
  /** Smallest exact Jaccard of two shingle sets that links them; default 0.8. */
  threshold?: number;
  /** MinHash parameters; the defaults are in DEFAULT_MINHASH. Changing them needs a re-hash. */
  minhash?: Partial<MinHashParams>;
}

export interface NearDuplicateReport {
  /** Documents hashed in this run. */
  hashed: number;
  /** Of those, too short to compare. */
  too_short: number;
  /** Pairs with the same normalised text. */
  exact_pairs: number;
  /** LSH candidate pairs checked, and those at or above the threshold. */
  candidates: number;
  verified: number;
  /** Rows now in document_duplicates for the groups this run touched. */
  linked: number;
  seconds: number;
}

const PAGE = 10_000;
const VERIFY_PAGE = 50_000;

/** Hashes the new documents and links their near-duplicates (see the module comment). */
export async function linkNearDuplicates(
  store: Store,
  options: NearDuplicateOptions = {},
): Promise<NearDuplicateReport> {
  const started = Date.now();
  const threshold = options.threshold ?? 0.8;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`near-duplicate threshold: ${threshold} (expected 0 < t ≤ 1)`);
  }
  const hasher = new MinHasher(options.minhash);
  const total = await prepareNearDuplicates(store);
  const stage = await MinhashStage.open(store);
  let tooShort = 0;
  for (let from = 1; from <= total; from += PAGE) {
    const docs = await unhashedDocuments(store, from, from + PAGE - 1);
    docs.forEach((doc, i) => {
      const norm = normalizeForShingles(doc.text);
      if (norm.length < MIN_NEAR_DUP_CHARS) {
        tooShort++;
        stage.add(from + i, doc, null, []);
        return;
      }
      const normHash = createHash('sha1').update(norm).digest('hex');
      const sig = hasher.signature(shingleSet(norm, hasher.params.k));
      stage.add(from + i, doc, normHash, hasher.bandKeys(sig));
    });
    stage.flush();
  }
  stage.close();
  const { exact, candidates } = await commitMinhashStage(store);

  // Candidates are checked a page at a time; shingle sets are cached within a page only, so
  // memory stays bounded (a document in many pairs is re-shingled once per page).
  const verified: (DocPair & { similarity: number })[] = [];
  for (let offset = 0; offset < candidates; offset += VERIFY_PAGE) {
    const sets = new Map<string, Uint32Array>();
    const setOf = (id: string, text: string) => {
      let s = sets.get(id);
      if (!s) sets.set(id, (s = shingleSet(normalizeForShingles(text), hasher.params.k)));
      return s;
    };
    for (const p of await candidatePage(store, offset, VERIFY_PAGE)) {
      const similarity = jaccard(setOf(p.a, p.text_a), setOf(p.b, p.text_b));
      if (similarity >= threshold) verified.push({ a: p.a, b: p.b, similarity });
    }
  }

  const linked = await relink(store, [
    ...exact.map((p) => ({ ...p, similarity: 1, method: 'exact' as const })),
    ...verified.map((p) => ({ ...p, method: 'minhash' as const })),
  ]);
  return {
    hashed: total,
    too_short: tooShort,
    exact_pairs: exact.length,
    candidates,
    verified: verified.length,
    linked,
    seconds: (Date.now() - started) / 1000,
  };
}

type Edge = DocPair & { similarity: number; method: 'exact' | 'minhash' };

/** Merges new edges with the stored groups they touch and rewrites those groups' links. */
async function relink(store: Store, edges: Edge[]): Promise<number> {
  if (edges.length === 0) return 0;
  const touched = new Set(edges.flatMap((e) => [e.a, e.b]));
  const { links, published } = await linksAround(store, touched);
  const all: Edge[] = [
    ...links.map((l) => ({
      a: l.doc_id,
      b: l.canonical_id,
      similarity: l.similarity,
      method: l.method,
    })),
    ...edges,
  ];
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const best = new Map<string, { similarity: number; method: Edge['method'] }>();
  const note = (id: string, e: Edge) => {
    const b = best.get(id);
    if (!b || e.similarity > b.similarity)
      best.set(id, { similarity: e.similarity, method: e.method });
  };
  for (const e of all) {
    for (const id of [e.a, e.b]) if (!parent.has(id)) parent.set(id, id);
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) parent.set(ra, rb);
    note(e.a, e);
    note(e.b, e);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const r = find(id);
    const g = groups.get(r);
    if (g) g.push(id);
    else groups.set(r, [id]);
  }
  const earlier = (x: string, y: string) => {
    const px = published.get(x) ?? null;
    const py = published.get(y) ?? null;
    if (px !== py) return px === null ? false : py === null ? true : px < py;
    return x < y;
  };
  const out: DuplicateLink[] = [];
  for (const members of groups.values()) {
    const canonical = members.reduce((c, m) => (earlier(m, c) ? m : c));
    for (const m of members) {
      if (m === canonical) continue;
      const b = best.get(m)!;
      out.push({ doc_id: m, canonical_id: canonical, similarity: b.similarity, method: b.method });
    }
  }
  await replaceDuplicateLinks(store, parent.keys(), out);
  return out.length;
}
