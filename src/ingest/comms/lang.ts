/**
 * Language identification with franc, restricted to the languages Sitrep's sources use: franc
 * over all ~190 languages mislabels short English and Arabic as Scots, Pidgin or Urdu.
 */
import { francAll } from 'franc';

/** franc's ISO 639-3 codes we allow → the BCP 47 primary subtag we store. */
const LANGS: Readonly<Record<string, string>> = {
  arb: 'ar',
  eng: 'en',
  ckb: 'ckb', // Central Kurdish (Sorani). franc 6 has no Northern Kurdish (kmr) model.
  tur: 'tr',
  fra: 'fr',
  deu: 'de',
  pes: 'fa',
};
const ONLY = Object.keys(LANGS);

/** Text shorter than this (after removing URLs, mentions and `RT`) gets no language. */
export const MIN_LANG_CHARS = 20;
const MAX_LANG_CHARS = 1000;

/**
 * The BCP 47 primary subtag of `text`'s language, or null when the text is too short or franc
 * cannot tell (`und`). URLs, @mentions and `#` marks are removed first: they are not language.
 */
export function detectLang(text: string): string | null {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(^|\s)RT\s+@\w+:?/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/#/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length < MIN_LANG_CHARS) return null;
  // franc's cost grows with the text; the first 1,000 characters name a language as well as a
  // whole article does.
  const sample = cleaned.length > MAX_LANG_CHARS ? cleaned.slice(0, MAX_LANG_CHARS) : cleaned;
  const ranked = francAll(sample, { only: ONLY, minLength: MIN_LANG_CHARS });
  const [first, second] = ranked;
  if (!first || first[0] === 'und') return null;
  let code = first[0];
  // Trigrams alone cannot separate short English from French (scores within a few percent):
  // a close call between Latin-script languages goes to the one with more function words.
  if (
    second &&
    first[1] - second[1] < CLOSE_CALL &&
    FUNCTION_WORDS[code] &&
    FUNCTION_WORDS[second[0]]
  ) {
    const words = sample.toLowerCase().split(/[^\p{L}']+/u);
    const hits = (lang: string) => words.filter((w) => FUNCTION_WORDS[lang]!.has(w)).length;
    if (hits(second[0]) > hits(code)) code = second[0];
  }
  return LANGS[code] ?? null;
}

const CLOSE_CALL = 0.1;

const FUNCTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  eng: new Set(
    'the of and to in on at a an is are was were by for with from near this that it has have had'.split(
      ' ',
    ),
  ),
  fra: new Set(
    'le la les des du de et un une est sont dans sur pour par avec près au aux ce qui'.split(' '),
  ),
  deu: new Set(
    'der die das und ist sind ein eine im in auf mit von zu bei den dem nicht'.split(' '),
  ),
  tur: new Set('ve bir bu da de ile için olarak olan çok ama gibi en'.split(' ')),
};
