/**
 * Numbers as news and claims write them: digits (with thousands separators), Arabic-Indic
 * digits, English number words up to the hundreds ("two hundred and five"), "a dozen", and
 * Arabic number words 1–10.
 * Vague quantities ("dozens", "scores", "several") are recognised but have no value.
 */

const ONES: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  dozen: 12,
  'a dozen': 12,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** Arabic number words 1–10 (folded spellings: ة/ه, with or without hamza). */
const ARABIC: Readonly<Record<string, number>> = {
  واحد: 1,
  واحدة: 1,
  اثنين: 2,
  اثنان: 2,
  إثنين: 2,
  ثلاثة: 3,
  ثلاث: 3,
  أربعة: 4,
  اربعة: 4,
  أربع: 4,
  خمسة: 5,
  خمس: 5,
  ستة: 6,
  ست: 6,
  سبعة: 7,
  سبع: 7,
  ثمانية: 8,
  ثماني: 8,
  تسعة: 9,
  تسع: 9,
  عشرة: 10,
  عشر: 10,
};
/** Words for a number the source does not give: the value is null, the lower bound is noted. */
export const VAGUE: Readonly<Record<string, number>> = {
  dozens: 24,
  scores: 40,
  several: 3,
  hundreds: 200,
  عشرات: 20,
  العشرات: 20,
};

const UNIT_WORDS = Object.keys(ONES)
  .filter((w) => ONES[w]! < 10 && w.length > 2)
  .join('|');
/** 1–99 in words: "seven", "fifteen", "forty-two". */
const BELOW_100 = `(?:${Object.keys(TENS).join('|')})(?:[- ](?:${UNIT_WORDS}))?|${Object.keys(ONES)
  .filter((w) => w.length > 2 && w !== 'dozen')
  .join('|')}`;
/**
 * Number words: 1–99 with an optional " hundred …" after it, so that "two hundred" is not read
 * as "two" ("a hundred", "three hundred and twelve"), then "a dozen".
 */
const EN_WORD = `(?:${BELOW_100}|a(?= hundred))(?: hundred(?:(?: and)? (?:${BELOW_100}))?)?|a dozen|dozen`;

/** A number token: digits, Arabic-Indic digits, or a number word (not the bare article "a"). */
const DIGITS = `\\d{1,3}(?:,\\d{3})+|\\d+|[\\u0660-\\u0669\\u06F0-\\u06F9]+`;
const ARABIC_WORDS = Object.keys(ARABIC).join('|');

export const NUMBER_SOURCE = `(?:${DIGITS}|${EN_WORD}|${ARABIC_WORDS})`;

/**
 * A number token of Arabic text: digits, Arabic-Indic digits, Arabic number words. The English
 * words are left out: Arabic patterns then need not try them at every position.
 */
export const ARABIC_NUMBER_SOURCE = `(?:${DIGITS}|${ARABIC_WORDS})`;

/** The value of one number token (as matched by NUMBER_SOURCE), or null. */
export function parseNumber(token: string): number | null {
  const t = token.trim().toLowerCase();
  if (/^[\d,]+$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^[\u0660-\u0669\u06F0-\u06F9]+$/.test(t)) {
    let n = 0;
    for (const ch of t) {
      const c = ch.charCodeAt(0);
      n = n * 10 + (c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
    }
    return n;
  }
  const ar = ARABIC[token.trim()];
  if (ar !== undefined) return ar;
  const h = /^([a-z]+) hundred(?:(?: and)? (.+))?$/.exec(t);
  if (h) {
    const times = ONES[h[1]!];
    const rest = h[2] === undefined ? 0 : belowHundred(h[2]);
    return times === undefined || rest === null ? null : times * 100 + rest;
  }
  return belowHundred(t);
}

/** "seven", "fifteen", "forty-two" → the number; null for anything else. */
function belowHundred(t: string): number | null {
  if (ONES[t] !== undefined) return ONES[t]!;
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(t);
  if (m && TENS[m[1]!] !== undefined) {
    const unit = m[2] ? ONES[m[2]] : 0;
    return unit === undefined ? null : TENS[m[1]!]! + unit;
  }
  return null;
}
