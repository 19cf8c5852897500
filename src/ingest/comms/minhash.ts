/**
 * MinHash signatures and LSH banding for near-duplicate texts (forwards, reposts, the same claim
 * pasted into several channels with small edits). Pure functions; near-duplicates.ts stores
 * the bands and links the duplicates.
 *
 * Texts are compared as sets of character 5-grams of a normalised form: URLs, `RT @x:` and
 * @mentions removed (they differ between reposts of the same words), Arabic letter variants
 * and diacritics folded and Latin lower-cased (aliasKey), Arabic-Indic digits made ASCII.
 * Character shingles rather than word shingles because one edited word then changes only a few
 * shingles of a short post, and they need no tokeniser for Arabic.
 *
 * Signatures use `bands × rows` hash functions h_i(x) = fmix32(x ⊕ seed_i) over the 32-bit
 * FNV-1a hash of each shingle; the seeds come from a fixed SplitMix32 stream, so signatures are
 * the same on every run and machine. With the defaults (12 bands of 5 rows, 60 hashes) a pair
 * with Jaccard J becomes a candidate with probability 1 − (1 − J⁵)¹²: 0.99 at J = 0.8, 0.50
 * near J = 0.6, 0.04 at J = 0.3. Candidates are then checked with the exact Jaccard of their
 * shingle sets, so the threshold is applied exactly; thresholds much below ~0.6 lose recall.
 */
import { aliasKey } from '../../model/index.js';

export interface MinHashParams {
  bands: number;
  rows: number;
  /** Shingle length in characters. */
  k: number;
  seed: number;
}

export const DEFAULT_MINHASH: Readonly<MinHashParams> = { bands: 12, rows: 5, k: 5, seed: 0x5172 };

/** Normalised texts shorter than this are not compared: too little to call two posts the same. */
export const MIN_NEAR_DUP_CHARS = 30;

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** The form two texts are compared in (see the module comment). */
export function normalizeForShingles(text: string): string {
  const stripped = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(^|\s)RT\s+@\w+:?/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(ARABIC_DIGITS, (d) => {
      const c = d.charCodeAt(0);
      return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
    });
  return aliasKey(stripped);
}

/** The distinct 32-bit shingle hashes of a normalised text, sorted ascending. */
export function shingleSet(norm: string, k = DEFAULT_MINHASH.k): Uint32Array {
  const n = norm.length;
  if (n === 0) return new Uint32Array(0);
  const count = Math.max(1, n - k + 1);
  const all = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(n, i + k);
    for (let j = i; j < end; j++) {
      h ^= norm.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    all[i] = h >>> 0;
  }
  all.sort();
  // Distinct values in place (a typed-array sort and one pass beat a Set several times over).
  let u = 0;
  for (let i = 0; i < count; i++) if (i === 0 || all[i] !== all[u - 1]) all[u++] = all[i]!;
  return all.subarray(0, u);
}

/** Exact Jaccard similarity of two sorted shingle sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** `count` seeds from a SplitMix32 stream started at `seed`. */
export function hashSeeds(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    out[i] = fmix32(s);
  }
  return out;
}

/** MurmurHash3's 32-bit finaliser: a cheap, well-mixing permutation of 32-bit integers. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A MinHasher with its seeds drawn once. */
export class MinHasher {
  readonly params: MinHashParams;
  private readonly seeds: Uint32Array;

  constructor(params: Partial<MinHashParams> = {}) {
    this.params = { ...DEFAULT_MINHASH, ...params };
    const { bands, rows } = this.params;
    if (!Number.isInteger(bands) || bands < 1 || !Number.isInteger(rows) || rows < 1) {
      throw new RangeError(`minhash bands × rows: ${bands} × ${rows} (positive integers)`);
    }
    this.seeds = hashSeeds(bands * rows, this.params.seed);
  }

  /** The signature of a shingle set: for each hash function, its minimum over the set. */
  signature(shingles: Uint32Array): Uint32Array {
    const m = this.seeds.length;
    const sig = new Uint32Array(m).fill(0xffffffff);
    for (let s = 0; s < shingles.length; s++) {
      const x = shingles[s]!;
      for (let i = 0; i < m; i++) {
        const v = fmix32(x ^ this.seeds[i]!);
        if (v < sig[i]!) sig[i] = v;
      }
    }
    return sig;
  }

  /**
   * One bucket key per band: the band's `rows` values hashed together into a non-negative
   * integer below 2^53 (a DuckDB BIGINT), so equal bands give equal keys.
   */
  bandKeys(sig: Uint32Array): number[] {
    const { bands, rows } = this.params;
    const keys: number[] = [];
    for (let b = 0; b < bands; b++) {
      let h1 = 0x811c9dc5 ^ b;
      let h2 = 0x9747b28c ^ b;
      for (let r = 0; r < rows; r++) {
        const v = sig[b * rows + r]!;
        h1 = Math.imul(h1 ^ v, 0x01000193);
        h2 = fmix32(h2 ^ v);
      }
      keys.push((h1 >>> 0) * 0x200000 + (h2 & 0x1fffff));
    }
    return keys;
  }

  /** Estimated Jaccard: the share of signature positions where two signatures agree. */
  static estimate(a: Uint32Array, b: Uint32Array): number {
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
    return a.length ? same / a.length : 0;
  }
}
