/**
 * Key normalisation for alias tables: one function, so that actor, country and admin lookups
 * agree on what "the same spelling" means.
 */

/** Arabic letter variants that writers use interchangeably (alef forms, ya/alef maqsura, ta marbuta). */
const ARABIC_FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/[\u0622\u0623\u0625\u0671]/g, '\u0627'], // آ أ إ ٱ → ا
  [/\u0649/g, '\u064A'], // ى → ي
  [/\u0629/g, '\u0647'], // ة → ه
  [/[\u064B-\u065F\u0670\u0640]/g, ''], // harakat, dagger alef, tatweel
];

/**
 * Lowercase, strip Latin diacritics, fold Arabic letter variants, and reduce every run of
 * punctuation or whitespace to one space. `"Da'esh"`, `"DAESH"` and `"Daesh"` share a key.
 */
export function aliasKey(value: string): string {
  let s = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  for (const [re, to] of ARABIC_FOLDS) s = s.replace(re, to);
  return s
    .toLowerCase()
    .replace(/['’‘`ʿʾ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
