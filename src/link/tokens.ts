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

export function noteTokens(notes: string | null): Uint32Array {
  if (!notes) return new Uint32Array(0);
  const words = aliasKey(notes)
    .split(' ')
    .filter((w) => w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w));
  return Uint32Array.from(new Set(words.map(fnv1a))).sort();
}
