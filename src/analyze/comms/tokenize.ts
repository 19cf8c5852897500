/**
 * Terms of a message for trend analysis, in Arabic and Latin scripts: hashtags kept whole
 * (`#ولاية_الرقة`, `#isis`), words folded like alias keys (Arabic letter variants and
 * diacritics, Latin case and accents), URLs, @mentions and numbers dropped, stopwords removed.
 * The Arabic definite article and the conjunction و are not stripped: prefixes are ambiguous
 * (وزير is a word, not و + زير) and a wrong split costs more than a split form.
 */
import { aliasKey } from '../../model/index.js';
import { STOPWORDS } from './stopwords.js';

export type TermKind = 'all' | 'words' | 'hashtags';

const HASHTAG = /#[\p{L}\p{N}_]+/gu;

/** The terms of `text` (repeats kept: counts matter). */
export function terms(text: string, kind: TermKind = 'all'): string[] {
  const out: string[] = [];
  let rest = text.replace(/https?:\/\/\S+/g, ' ').replace(/@\w+/g, ' ');
  if (kind !== 'words') {
    for (const m of rest.matchAll(HASHTAG)) {
      const key = aliasKey(m[0].slice(1).replace(/_/g, ' ')).replace(/ /g, '_');
      if (key && !/^\d+$/.test(key)) out.push(`#${key}`);
    }
  }
  if (kind === 'hashtags') return out;
  rest = rest.replace(HASHTAG, ' ');
  for (const w of aliasKey(rest).split(' ')) {
    if (w.length < 2 || STOPWORDS.has(w) || /^\p{N}+$/u.test(w)) continue;
    out.push(w);
  }
  return out;
}
