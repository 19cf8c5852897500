/**
 * Name normalisation for admin-unit lookup. Sources spell the same governorate a dozen ways
 * ("Salah ad-Din", "Salah Al-Din Governorate", "صلاح الدين"), so names are compared by a key
 * that ignores case, diacritics, Arabic letter variants, punctuation, article forms and
 * admin-type words, while keeping every letter that distinguishes two places.
 */

/** Arabic and Kurdish letters folded to one Arabic form; hamza carriers are split by NFKD. */
const ARABIC_FOLD: Readonly<Record<string, string>> = {
  '\u0671': 'ا', // alef wasla
  ة: 'ه',
  ى: 'ي',
  '\u06cc': 'ي', // Farsi/Kurdish yeh
  '\u06ce': 'ي', // Kurdish yeh with small v
  '\u06a9': 'ك', // keheh
  '\u06af': 'ك', // gaf
  '\u06d5': 'ه', // Kurdish ae
  '\u06be': 'ه', // heh doachashmee
  '\u06c6': 'و', // Kurdish o
  '\u06c7': 'و',
  '\u06b5': 'ل', // Kurdish ll
  '\u0695': 'ر', // Kurdish rr
  '\u06a4': 'ف', // veh
  '\u067e': 'ب', // peh
  '\u0686': 'ج', // tcheh
  '\u0698': 'ز', // jeh
  ı: 'i',
  ł: 'l',
  ø: 'o',
  ß: 'ss',
};
const FOLD_PATTERN = new RegExp(`[${Object.keys(ARABIC_FOLD).join('')}]`, 'gu');

/** Words naming the kind of unit, not the unit: stripped from either end of a name. */
const ADMIN_WORDS: ReadonlySet<string> = new Set([
  'governorate',
  'governate',
  'gouvernorat',
  'province',
  'muhafazat',
  'muhafazah',
  'muhafaza',
  'mohafazat',
  'mohafaza',
  'district',
  'subdistrict',
  'qadha',
  'qada',
  'qadaa',
  'qaza',
  'kaza',
  'qeza',
  'nahiya',
  'nahiyah',
  'nahia',
  'nahiyat',
  'محافظه',
  'قضا',
  'ناحيه',
  'لوا',
  'باريزكا',
  'باريزكاي',
]);

/** Latin transliterations of the Arabic article, including assimilated forms (ad-Din, as-Sweida). */
const ARTICLES: ReadonlySet<string> = new Set(
  'al el ad ed as es ar er az ez at et an en ash esh adh ath ul ud ur us uz ut'.split(' '),
);

/**
 * Lowercase, diacritic-free, single-spaced form with admin-type words removed.
 * @example normalizeName('Salah Al-Din Governorate') // 'salah al din'
 * @example normalizeName('محافظة صلاح الدين') // 'صلاح الدين'
 */
export function normalizeName(name: string): string {
  const plain = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0640\u0621]/g, '') // tatweel, standalone hamza
    .replace(FOLD_PATTERN, (c) => ARABIC_FOLD[c] ?? c)
    .replace(/['’‘`ʼʻʿʾ´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\bsub district\b/g, 'subdistrict')
    .trim();
  const tokens = plain.split(' ');
  let start = 0;
  let end = tokens.length;
  while (start < end && ADMIN_WORDS.has(tokens[start] ?? '')) start++;
  if (start > 0 && (tokens[start] === 'of' || tokens[start] === 'i')) start++; // Kurdish "Qeza-î X"
  while (end > start && ADMIN_WORDS.has(tokens[end - 1] ?? '')) end--;
  return start < end ? tokens.slice(start, end).join(' ') : plain;
}

/**
 * The comparison key: {@link normalizeName} without article tokens or the Arabic article, with
 * final "ah"/"eh" shortened, and without spaces. "Ar-Raqqah", "Raqqa" and "الرقة" give "raqqa"
 * and "رقه"; spellings that differ in letters ("Nineveh", "Ninawa") need an alias.
 */
export function nameKey(name: string): string {
  const tokens = normalizeName(name).split(' ');
  const kept = tokens.filter((t, i) => !(ARTICLES.has(t) && i < tokens.length - 1));
  return kept.map(shortenToken).join('');
}

function shortenToken(token: string): string {
  if (token.length > 4 && token.startsWith('ال')) return token.slice(2);
  if (token.length > 3 && token.endsWith('h') && /[ae]h$/.test(token)) return token.slice(0, -1);
  return token;
}

/**
 * The name and, for labels like "Lattakia (Al Ladhiqiyah)" or "Al Qadisiyah / Al Diwaniyah",
 * each part on its own, whole name first.
 */
export function nameAlternatives(name: string): string[] {
  const parts = name.split(/[()/|]/).map((p) => p.trim());
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length > 1 ? [name, ...nonEmpty] : [name];
}
