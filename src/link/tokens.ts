/**
 * Notes → a sorted set of hashed content words, the compact form text similarity needs when a
 * million events are held in memory at once.
 */
import { aliasKey } from '../model/index.js';

const STOP = new Set(
  (
    'a an and at by for from in into of on or the to with was were is are be been near after ' +
    'during over under its his her their this that these those has have had as it he she they ' +
    'killed wounded people said says reported report reports one two three al el'
  ).split(' '),
);

/** FNV-1a, 32-bit: cheap and stable across runs (the set is compared, never stored). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Words that say where within or around a place, not which place. */
const PLACE_STOP = new Set(
  (
    'near north south east west northern southern eastern western central northeast northwest ' +
    'southeast southwest outskirts district neighborhood neighbourhood area city town village ' +
    'province governorate region road highway street market checkpoint km miles of the al el ' +
    'in on at from between'
  ).split(' '),
);

/** Shared by every record without words: a typed array costs ~100 bytes even when empty. */
const NONE = new Uint32Array(0);

function hashedWords(
  text: string | null,
  stop: ReadonlySet<string>,
  form: (word: string) => string = (w) => w,
): Uint32Array {
  if (!text) return NONE;
  const words = aliasKey(text)
    .split(' ')
    .filter((w) => w.length > 2 && !stop.has(w) && !/^\d+$/.test(w));
  return words.length ? Uint32Array.from(new Set(words.map((w) => fnv1a(form(w))))).sort() : NONE;
}

/**
 * A place word's consonant skeleton, so that transliterations of one Arabic name agree:
 * Masarif = Masaref, Suliekh = Sleikh, Kadhimiya = Kadmia = Kadimiyah, Qayara = Qaiyara. An h
 * after a consonant or at the end goes (kh, dh, sh, th, final -ah), then vowels (a leading one
 * leaves a mark) and doubled letters. Skeletons shorter than two letters keep the word.
 */
export function nameKey(word: string): string {
  const s = word
    .replace(/(?<=[^aeiouy])h|h$/g, '')
    .replace(/[aeiouy]+/g, (_, at: number) => (at === 0 ? 'a' : ''))
    .replace(/(.)\1+/g, '$1');
  return s.length >= 2 ? s : word;
}

// Notes words are keyed like place words: one source names the target in its notes ("Baghdad
// Tower Hotel"), another in its location column, and the two must read alike.
export const noteTokens = (notes: string | null) => hashedWords(notes, STOP, nameKey);
export const placeTokens = (location: string | null) => hashedWords(location, PLACE_STOP, nameKey);

/** The sorted union of two sorted, de-duplicated token arrays. */
export function unionTokens(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (!a.length) return b;
  if (!b.length) return a;
  return Uint32Array.from(new Set([...a, ...b])).sort();
}

/**
 * Weighs the words of the linked set by how few of its events use them. Sets `rare` on each
 * record: its place words under `share` of the events (default 2%), since agreeing on "Hay
 * Drag" says much more than agreeing on "Baghdad", which half of an Iraq set names. And sets
 * `weights` (inverse document frequency, ln(N / df), aligned with `tokens`) and `weight`
 * (their sum) for the weighted word overlap (score.ts). The input is changed: it is the
 * linker's own working set.
 */
export function weighWords(
  records: {
    place: Uint32Array;
    geo_precision?: number | null;
    rare?: Uint32Array;
    tokens: Uint32Array;
    weights?: Float32Array;
    weight?: number;
  }[],
  share = 0.02,
): void {
  const placeDf = new Map<number, number>();
  const df = new Map<number, number>();
  for (const r of records) {
    for (const t of r.place) placeDf.set(t, (placeDf.get(t) ?? 0) + 1);
    for (const t of r.tokens) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const most = Math.max(2, share * records.length);
  const n = Math.max(records.length, 1);
  for (const r of records) {
    // A place known only to its governorate ("Ar-Raqqa") names no particular place, however
    // few reports in the set name that governorate.
    if (r.place.length && r.geo_precision !== 3) {
      const rare = r.place.filter((t) => placeDf.get(t)! <= most);
      r.rare = rare.length ? rare : NONE;
    }
    if (r.tokens.length) {
      const w = Float32Array.from(r.tokens, (t) => Math.log(n / df.get(t)!));
      r.weights = w;
      r.weight = w.reduce((a, b) => a + b, 0);
    }
  }
}
