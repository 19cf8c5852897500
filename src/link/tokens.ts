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

function hashedWords(text: string | null, stop: ReadonlySet<string>): Uint32Array {
  if (!text) return NONE;
  const words = aliasKey(text)
    .split(' ')
    .filter((w) => w.length > 2 && !stop.has(w) && !/^\d+$/.test(w));
  return words.length ? Uint32Array.from(new Set(words.map(fnv1a))).sort() : NONE;
}

export const noteTokens = (notes: string | null) => hashedWords(notes, STOP);
export const placeTokens = (location: string | null) => hashedWords(location, PLACE_STOP);

/**
 * Place words few events of the set share (under `share` of them, default 2%): agreeing on
 * "Hay Drag" says much more than agreeing on "Baghdad", which half of an Iraq set names. Sets
 * `rare` on each record (the input is changed: it is the linker's own working set).
 */
export function markRarePlaces(
  records: { place: Uint32Array; rare?: Uint32Array }[],
  share = 0.02,
): void {
  const df = new Map<number, number>();
  for (const r of records) for (const t of r.place) df.set(t, (df.get(t) ?? 0) + 1);
  const most = Math.max(2, share * records.length);
  for (const r of records) {
    if (!r.place.length) continue;
    const rare = r.place.filter((t) => df.get(t)! <= most);
    r.rare = rare.length ? rare : NONE;
  }
}
