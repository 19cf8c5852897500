/**
 * The scanning pieces of HTML handling (html-dom.ts builds the tree from them): which elements
 * carry no text or break lines, where a tag ends, entity decoding, whitespace tidying.
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
/** Elements that break lines in the text. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section article header ' +
    'footer aside nav pre hr dd dt dl figure figcaption main form address details summary'
  ).split(' '),
);

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

/** One decoder for every text Sitrep reads (pages, feeds, tweets, dataset cells). */
export { decodeEntities } from '../entities.js';

/** Collapses spaces within lines, trims lines, and keeps at most one blank line. */
export function tidyText(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
