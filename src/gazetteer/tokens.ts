/**
 * Word tokens of English and Arabic text, each with the normalised forms the place index is
 * keyed by. The per-token key is what {@link nameKey} does to one word (lowercase, no
 * diacritics, Arabic letter variants folded, "al"/"ال" article dropped, final "ah"/"eh"
 * shortened), so that a run of tokens keys like the alias it spells. Normal forms are cached
 * per distinct word: news text repeats words, so tokenising is mostly a Map lookup.
 */

/** One word of the text: `[start, end)` are UTF-16 offsets into the original string. */
export interface Token {
  start: number;
  end: number;
  /** Lowercase, diacritic-free, Arabic-folded, ASCII digits. */
  norm: string;
  /** The key part this word contributes ('' never; articles keep their own form). */
  key: string;
  /** Key with an Arabic clitic (و ف ب ل ك) removed, or null. */
  alt: string | null;
  article: boolean;
  script: 'latin' | 'arabic' | 'other';
  /** Latin word starting with a capital letter. */
  cap: boolean;
  /** Latin word with no lowercase letter (ACRONYM or SHOUTED TEXT). */
  upper: boolean;
}

interface WordForms {
  norm: string;
  key: string;
  alt: string | null;
  article: boolean;
  script: 'latin' | 'arabic' | 'other';
}

const ARTICLES: ReadonlySet<string> = new Set(
  'al el ad ed as es ar er az ez at et an en ash esh adh ath ul ud ur us uz ut'.split(' '),
);

const FOLD: Readonly<Record<string, string>> = {
  '\u0671': 'ا',
  ة: 'ه',
  ى: 'ي',
  '\u06cc': 'ي',
  '\u06a9': 'ك',
  '\u06af': 'ك',
  '\u06d5': 'ه',
  '\u06be': 'ه',
  '\u06c6': 'و',
  ı: 'i',
};

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ`][\p{L}\p{M}]+)*/gu;
const MAX_WORD = 64;
const CACHE_LIMIT = 100_000;
const cache = new Map<string, WordForms>();

/**
 * Tokens of `text`, at most `limit` of them (a guard for megabyte inputs).
 * @example tokenize('Tal Afar')[1].key // 'afar'
 */
export function tokenize(text: string, limit = Infinity): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0];
    if (word.length > MAX_WORD) continue;
    const forms = wordForms(word);
    const cap = forms.script === 'latin' && word[0] !== word[0]?.toLowerCase();
    out.push({
      start: m.index,
      end: m.index + word.length,
      norm: forms.norm,
      key: forms.key,
      alt: forms.alt,
      article: forms.article,
      script: forms.script,
      cap,
      upper: cap && word === word.toUpperCase(),
    });
    if (out.length >= limit) break;
  }
  return out;
}

/** Normal forms of one word, cached. */
export function wordForms(word: string): WordForms {
  let forms = cache.get(word);
  if (forms) return forms;
  forms = computeForms(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, forms);
  return forms;
}

function computeForms(word: string): WordForms {
  let norm = word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0640\u0621]/g, '')
    .replace(/[ٱةىیکگەھۆı]/g, (ch) => FOLD[ch] ?? ch)
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  norm = norm.replace(/['’ʼ`]s$/, '').replace(/['’ʼ`]/g, '');
  const script = /[a-z]/.test(norm) ? 'latin' : /[\u0600-\u06ff]/.test(norm) ? 'arabic' : 'other';
  const key = shorten(norm);
  let alt: string | null = null;
  if (script === 'arabic' && norm.length >= 4 && 'وفبلك'.includes(norm[0] ?? '')) {
    const rest = norm.startsWith('لل') ? `ال${norm.slice(2)}` : norm.slice(1);
    alt = shorten(rest);
  }
  return { norm, key, alt, article: ARTICLES.has(norm), script };
}

/** {@link nameKey}'s per-token shortening: Arabic article off, final "ah"/"eh" → "a"/"e". */
export function shorten(token: string): string {
  if (token.length > 4 && token.startsWith('ال')) return token.slice(2);
  if (token.length > 3 && (token.endsWith('ah') || token.endsWith('eh'))) return token.slice(0, -1);
  return token;
}

/**
 * The key of a run of tokens: article tokens dropped unless last, the rest concatenated — the
 * same string {@link nameKey} gives for a name without admin-type words.
 */
export function spanKey(tokens: readonly Pick<Token, 'key' | 'article'>[]): string {
  let key = '';
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t && !(t.article && i < n - 1)) key += t.key;
  }
  return key;
}

/**
 * A looser key for transliteration variants the exact key keeps apart (q/k, ou/u, ee/i, e/a,
 * y/i, kh/k, dh/d, doubled letters): "Tallbisah" and "Talbiseh" both give "talbisa".
 */
export function looseKey(key: string): string {
  let loose = looseCache.get(key);
  if (loose === undefined) {
    loose = computeLooseKey(key);
    if (looseCache.size >= CACHE_LIMIT) looseCache.clear();
    looseCache.set(key, loose);
  }
  return loose;
}

const looseCache = new Map<string, string>();

function computeLooseKey(key: string): string {
  return key
    .replace(/ou|oo/g, 'u')
    .replace(/ee|ei|ey/g, 'i')
    .replace(/[qg]/g, 'k')
    .replace(/kh/g, 'k')
    .replace(/dh/g, 'd')
    .replace(/y/g, 'i')
    .replace(/e/g, 'a')
    .replace(/o/g, 'u')
    .replace(/(.)\1/g, '$1')
    .replace(/h$/, '');
}
