/**
 * HTML character references in dataset text (UCDP GED headlines carry `&#8217;`, `&quot;`…
 * copied from the sources' web pages). Only references are decoded; tags are never looked at,
 * so `&lt;b&gt;` becomes the text `<b>`, which stays text wherever it is shown (renderers
 * escape it).
 */

/**
 * Named references decoded (case-sensitive, as in HTML). Not the whole HTML table (2,231
 * names): punctuation, symbols and Latin letters that news text uses; others stay as written.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  AMP: '&',
  lt: '<',
  LT: '<',
  gt: '>',
  GT: '>',
  quot: '"',
  QUOT: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  minus: '−',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  prime: '′',
  Prime: '″',
  bull: '•',
  middot: '·',
  dagger: '†',
  sect: '§',
  para: '¶',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  copy: '©',
  COPY: '©',
  reg: '®',
  REG: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  aacute: 'á',
  Aacute: 'Á',
  agrave: 'à',
  acirc: 'â',
  auml: 'ä',
  Auml: 'Ä',
  ccedil: 'ç',
  Ccedil: 'Ç',
  eacute: 'é',
  Eacute: 'É',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  oacute: 'ó',
  ocirc: 'ô',
  ouml: 'ö',
  Ouml: 'Ö',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  Uuml: 'Ü',
  szlig: 'ß',
};

/**
 * `&#128;`–`&#159;` as HTML reads them: pages saved as Windows-1252 write `&#146;` for ’. The
 * five codes Windows-1252 leaves undefined are absent and stay as written.
 */
const WINDOWS_1252: Readonly<Record<number, string>> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * `s` with its character references (`&amp;`, `&#1583;`, `&#x2019;`) replaced by the
 * characters, in one pass: `&amp;quot;` becomes `&quot;`, never `"`, because text escaped
 * twice at the source says `&quot;` literally. Unknown names and numbers that are no usable
 * character (0, surrogates, past U+10FFFF, control characters other than tab and line breaks,
 * which would let a cell write terminal escapes) are left as written.
 *
 * @example decodeEntities('Al-Fu&#8217;ah &amp; Kafriya') // 'Al-Fu’ah & Kafriya'
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (ref, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? ref;
    return codePoint(parseInt(hex ?? dec!, hex === undefined ? 10 : 16)) ?? ref;
  });
}

function codePoint(code: number): string | null {
  const cp1252 = WINDOWS_1252[code];
  if (cp1252 !== undefined) return cp1252;
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  if (code === 0x09 || code === 0x0a || code === 0x0d) return String.fromCodePoint(code);
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return null;
  return String.fromCodePoint(code);
}
