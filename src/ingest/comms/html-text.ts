/**
 * HTML → plain text for feed items (and later HTML pages). A small tag scanner, not a regex:
 * the content of script, style and other non-text elements is dropped entirely, tags are
 * removed (block tags become line breaks), entities are decoded, whitespace is tidied.
 */

/** Elements whose content is never text. */
export const DROP_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'head',
  'title',
]);
const BLOCK = new Set(
  (
    'p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section article header ' +
    'footer aside nav pre hr dd dt dl figure figcaption main form'
  ).split(' '),
);

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  zwnj: '\u200c',
  zwj: '\u200d',
  rlm: '\u200f',
  lrm: '\u200e',
};

/**
 * The text of an HTML fragment. Feeds that escape their HTML twice (`&amp;lt;p&amp;gt;`) are
 * unwrapped by a second pass, so markup written that way does not survive as text either.
 */
export function htmlToText(html: string): string {
  let text = stripOnce(html);
  if (/<\/?[a-z!]/i.test(text)) text = stripOnce(text);
  return tidyText(text);
}

function stripOnce(html: string): string {
  let out = '';
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const closing = html[lt + 1] === '/';
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < n && /[A-Za-z0-9:-]/.test(html[j]!)) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    const isDecl = !closing && (html[lt + 1] === '!' || html[lt + 1] === '?');
    if (!name && !isDecl) {
      out += '<'; // a lone less-than sign in text ("3 < 5")
      i = lt + 1;
      continue;
    }
    i = tagEnd(html, j);
    if (!closing && DROP_ELEMENTS.has(name)) {
      i = closeTagEnd(html, i, name);
      continue;
    }
    if (BLOCK.has(name)) out += '\n';
  }
  return decodeEntities(out);
}

/** The index just past the `>` that ends a tag whose attributes start at `from`. */
export function tagEnd(html: string, from: number): number {
  let quote = '';
  let prev = '';
  for (let j = from; j < html.length; j++) {
    const c = html[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && prev === '=') {
      quote = c;
    } else if (c === '>') {
      return j + 1;
    }
    if (c !== ' ') prev = c;
  }
  return html.length;
}

/** The index just past `</name …>` (case-insensitive), or the end when it never closes. */
export function closeTagEnd(html: string, from: number, name: string): number {
  let at = from;
  for (;;) {
    const lt = html.indexOf('</', at);
    if (lt < 0) return html.length;
    const after = html.slice(lt + 2, lt + 2 + name.length);
    const next = html[lt + 2 + name.length] ?? '>';
    if (after.toLowerCase() === name && !/[A-Za-z0-9-]/.test(next)) {
      return tagEnd(html, lt + 2 + name.length);
    }
    at = lt + 2;
  }
}

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/** Collapses spaces within lines, trims lines, and keeps at most one blank line. */
export function tidyText(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
