/**
 * A small, forgiving HTML tree builder for page extraction (html-page.ts). It is not a browser
 * parser: it knows void elements, raw-text elements (whose content is never markup), the
 * implicit closing of `<p>`/`<li>`/table cells, and it pops to the nearest matching open element
 * on a stray end tag. That is enough to find articles, teasers and boilerplate on news pages;
 * scripts, styles and other non-text elements are dropped while building, so their content can
 * never reach a document's text.
 */
import {
  BLOCK_ELEMENTS,
  closeTagEnd,
  decodeEntities,
  DROP_ELEMENTS,
  tagEnd,
  tidyText,
} from './html-text.js';

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}
export type HtmlNode = HtmlElement | string;

const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);
/** Dropped from text but kept in the tree: page metadata lives there. */
const KEEP_IN_TREE = new Set(['head', 'title']);
/** Opening one of these closes an open element of the same kind (`<li>a<li>b`). */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);

/** Parses `html` into a tree under a synthetic `#root` element. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [], parent: null };
  let cur = root;
  let i = 0;
  const n = html.length;
  const text = (s: string) => {
    if (s) cur.children.push(decodeEntities(s));
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const closing = html[lt + 1] === '/';
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < n && /[A-Za-z0-9:-]/.test(html[j]!)) j++;
    const tag = html.slice(nameStart, j).toLowerCase();
    if (!tag) {
      const decl = !closing && (html[lt + 1] === '!' || html[lt + 1] === '?');
      if (decl) i = tagEnd(html, j);
      else {
        text('<'); // a lone less-than sign in text
        i = lt + 1;
      }
      continue;
    }
    const end = tagEnd(html, j);
    if (closing) {
      for (let e: HtmlElement | null = cur; e && e !== root; e = e.parent) {
        if (e.tag === tag) {
          cur = e.parent!;
          break;
        }
      }
      i = end;
      continue;
    }
    if (DROP_ELEMENTS.has(tag) && !KEEP_IN_TREE.has(tag)) {
      i = closeTagEnd(html, end, tag);
      continue;
    }
    const attrs = parseAttrs(html.slice(j, html[end - 2] === '/' ? end - 2 : end - 1));
    if (SELF_CLOSING_SIBLINGS.has(tag) && cur.tag === tag) cur = cur.parent!;
    const el: HtmlElement = { tag, attrs, children: [], parent: cur };
    cur.children.push(el);
    if (tag === 'title') {
      // Raw text: its content is read as text up to </title>, never as markup.
      const close = closeTagEnd(html, end, tag);
      const inner = html.slice(end, close).replace(/<\/title\s*>$/i, '');
      el.children.push(decodeEntities(inner));
      i = close;
      continue;
    }
    if (!VOID.has(tag) && html[end - 2] !== '/') cur = el;
    i = end;
  }
  return root;
}

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    attrs[m[1]!.toLowerCase()] ??= decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** Every element under `node` (depth first, document order) for which `test` holds. */
export function findAll(node: HtmlElement, test: (e: HtmlElement) => boolean): HtmlElement[] {
  const out: HtmlElement[] = [];
  const walk = (e: HtmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (test(c)) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function findFirst(
  node: HtmlElement,
  test: (e: HtmlElement) => boolean,
): HtmlElement | undefined {
  for (const c of node.children) {
    if (typeof c === 'string') continue;
    if (test(c)) return c;
    const found = findFirst(c, test);
    if (found) return found;
  }
  return undefined;
}

/** The visible text under `node`: block elements become line breaks; `skip` prunes subtrees. */
export function textOf(node: HtmlNode, skip: (e: HtmlElement) => boolean = () => false): string {
  const parts: string[] = [];
  const walk = (n: HtmlNode) => {
    if (typeof n === 'string') {
      // Line breaks in the source are spaces in HTML; only block elements break lines.
      parts.push(n.replace(/[ \t\n\r\f]+/g, ' '));
      return;
    }
    if (skip(n) || KEEP_IN_TREE.has(n.tag)) return;
    const block = BLOCK_ELEMENTS.has(n.tag);
    if (block) parts.push('\n');
    for (const c of n.children) walk(c);
    if (block) parts.push('\n');
  };
  walk(node);
  return tidyText(parts.join(''));
}

/** `class` and `id` together, lower-cased: what boilerplate and teaser heuristics look at. */
export function classAndId(e: HtmlElement): string {
  return `${e.attrs.class ?? ''} ${e.attrs.id ?? ''}`.toLowerCase();
}

/**
 * The text of an HTML fragment, through the same tree builder as pages (html-dom.ts). Feeds
 * that escape their HTML twice (`&amp;lt;p&amp;gt;`) are unwrapped by a second pass, so markup
 * written that way does not survive as text either.
 */
export function htmlToText(html: string): string {
  let text = textOf(parseHtml(html));
  if (/<\/?[a-z!]/i.test(text)) text = textOf(parseHtml(text));
  return text;
}
