/**
 * HTML pages: a single article (its main text, boilerplate dropped) or an index page that lists
 * many articles with teasers and "read more" links (one document per item).
 *
 * How a page is read:
 * - boilerplate never reaches the text: `nav`, `footer`, `aside`, `form`, page-level `header`,
 *   and elements whose class or id names a menu, sidebar, share bar, cookie notice, comments,
 *   related links, … are pruned; scripts and styles are dropped by the tree builder itself;
 * - an index page is one with two or more "read more" links (English, Arabic, French, German):
 *   each item is the largest ancestor of its link that holds no other such link. Failing that,
 *   two or more `<article>` elements that do not nest are the items;
 * - otherwise the page is one article: `<article>`, else `<main>`/`role=main`, else an element
 *   whose class names the article body, else `<body>`.
 *
 * Item ids are their absolute URLs when known (`html:<url>`), else a hash of the page and the
 * item's title and text, so re-ingesting a page adds nothing.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { FieldError, ImportError } from '../errors.js';
import { readWhole, type TextSource } from '../text-source.js';
import {
  classAndId,
  findAll,
  findFirst,
  parseHtml,
  textOf,
  type HtmlElement,
  type HtmlNode,
} from './html-dom.js';
import {
  clipRecord,
  mapRecord,
  type CommsItem,
  type CommsReader,
  type DocumentDraft,
} from './item.js';
import { detectLang } from './lang.js';

export const MAX_PAGE_BYTES = 32 * 1024 * 1024;

const BOILERPLATE_TAGS = new Set(['nav', 'footer', 'aside', 'form', 'menu', 'dialog']);
const BOILERPLATE_NAMES =
  /(^|[\s_-])(nav|navbar|navigation|menu|footer|sidebar|side-bar|cookies?|consent|share|sharing|social|comments?|related|breadcrumbs?|banner|advert|ads|promo|subscribe|newsletter|popup|modal|masthead|skip-link|pagination)([\s_-]|$)/;
const READ_MORE =
  /^(read more|read the full|continue reading|full story|more|read article|اقرأ المزيد|اقرأ أكثر|المزيد|التفاصيل|تابع القراءة|lire la suite|weiterlesen|devamını oku)(?![\p{L}\p{N}])/iu;
const BODY_NAMES = /(article|post|story|entry)[-_]?(body|content|text)|(^|\s)content(\s|$)/;

/** What a page says about itself, used for every document taken from it. */
interface PageInfo {
  key: string;
  /** The page's own URL (canonical, else where it was fetched from). */
  url: string | null;
  /** What relative links resolve against (`<base href>`, else the page's URL). */
  base: string | null;
  site: string;
  lang: string | null;
}

/** Opens a saved page (or an http(s) URL, fetched once) as a stream of documents. */
export async function openHtml(file: string): Promise<CommsReader> {
  const { text, source } = /^https?:\/\//i.test(file)
    ? await fetchPage(file)
    : await readWhole(file, MAX_PAGE_BYTES, 'an HTML page');
  const docs = pageDocuments(text, { file, url: /^https?:\/\//i.test(file) ? file : undefined });
  async function* items(): AsyncGenerator<CommsItem> {
    for (const d of docs) {
      yield mapRecord(d.line, clipRecord(d.record), { html_item: d.record.slice(0, 4000) }, () =>
        d.draft(),
      );
    }
  }
  return { format: 'html', items: items(), ...source, duplicates: 'quarantine' };
}

async function fetchPage(url: string): Promise<{ text: string; source: TextSource }> {
  let text: string;
  try {
    const res = await fetch(url, { redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    text = await res.text();
  } catch (err) {
    throw new ImportError(`${url}: cannot fetch: ${(err as Error).message}`);
  }
  const bytes = Buffer.byteLength(text);
  const sha = createHash('sha256').update(text).digest('hex');
  async function* none(): AsyncGenerator<string> {}
  return {
    text,
    source: { chunks: none(), progress: () => ({ read: bytes, total: bytes }), sha256: () => sha },
  };
}

/** One document-to-be per item, each with the page line it starts on (for errors). */
export interface PageItem {
  line: number;
  record: string;
  draft: () => DocumentDraft;
}

/**
 * The documents of one page: one per teaser on an index page, else one for the article.
 * `file` names the page in ids when it has no URL; `url` is where it was fetched from.
 */
export function pageDocuments(html: string, where: { file: string; url?: string }): PageItem[] {
  const root = parseHtml(html);
  const page = pageInfo(root, where);
  const body = findFirst(root, (e) => e.tag === 'body') ?? root;
  const items = indexItems(body);
  if (items.length >= 2) {
    return items.map((item) => ({
      line: 1,
      record: textOf(item, isBoilerplate),
      draft: () => teaserDocument(item, page),
    }));
  }
  return [
    { line: 1, record: textOf(body).slice(0, 4000), draft: () => articleDocument(root, page) },
  ];
}

function pageInfo(root: HtmlElement, where: { file: string; url?: string }): PageInfo {
  const meta = metaOf(root);
  const canonical = findFirst(
    root,
    (e) => e.tag === 'link' && (e.attrs.rel ?? '').toLowerCase() === 'canonical',
  )?.attrs.href;
  const base = findFirst(root, (e) => e.tag === 'base')?.attrs.href;
  const url = absolute(canonical ?? meta['og:url'] ?? null, where.url ?? null) ?? where.url ?? null;
  const host = url ? safeHost(url) : null;
  const htmlEl = findFirst(root, (e) => e.tag === 'html');
  return {
    key: url ?? basename(where.file),
    url,
    base: absolute(base ?? null, url) ?? url,
    site: meta['og:site_name'] || host || basename(where.file),
    lang: htmlEl?.attrs.lang?.toLowerCase().split(/[-_]/)[0] || null,
  };
}

function metaOf(root: HtmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of findAll(root, (e) => e.tag === 'meta')) {
    const k = (m.attrs.property ?? m.attrs.name ?? m.attrs.itemprop ?? '').toLowerCase();
    if (k && m.attrs.content !== undefined) out[k] ??= m.attrs.content.trim();
  }
  return out;
}

function isBoilerplate(e: HtmlElement): boolean {
  if (BOILERPLATE_TAGS.has(e.tag)) return true;
  if (e.tag === 'header' && !hasAncestor(e, (a) => a.tag === 'article' || a.tag === 'main')) {
    return true;
  }
  const role = (e.attrs.role ?? '').toLowerCase();
  if (role === 'navigation' || role === 'banner' || role === 'contentinfo') return true;
  return BOILERPLATE_NAMES.test(classAndId(e));
}

function hasAncestor(e: HtmlElement, test: (a: HtmlElement) => boolean): boolean {
  for (let a = e.parent; a; a = a.parent) if (test(a)) return true;
  return false;
}

function insideBoilerplate(e: HtmlElement): boolean {
  return isBoilerplate(e) || hasAncestor(e, isBoilerplate);
}

function isReadMore(e: HtmlElement): boolean {
  if (e.tag !== 'a' || !e.attrs.href) return false;
  const label = textOf(e)
    .replace(/[»›→…>.\s]+$/u, '')
    .replace(/^[«‹←<\s]+/u, '')
    .trim();
  return READ_MORE.test(label) && !insideBoilerplate(e);
}

/** Teaser containers on an index page (empty when the page is not an index). */
function indexItems(body: HtmlElement): HtmlElement[] {
  const links = findAll(body, isReadMore);
  if (links.length >= 2) {
    const counts = new Map<HtmlElement, number>();
    for (const l of links) {
      for (let a = l.parent; a; a = a.parent) counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    const items: HtmlElement[] = [];
    for (const l of links) {
      let item: HtmlElement = l;
      while (item.parent && counts.get(item.parent) === 1) item = item.parent;
      if (item !== l && !items.includes(item)) items.push(item);
    }
    if (items.length >= 2) return items;
  }
  const articles = findAll(
    body,
    (e) =>
      e.tag === 'article' && !hasAncestor(e, (a) => a.tag === 'article') && !insideBoilerplate(e),
  );
  return articles.length >= 2 ? articles : [];
}

function teaserDocument(item: HtmlElement, page: PageInfo): DocumentDraft {
  const heading = findFirst(item, (e) => /^h[1-6]$/.test(e.tag));
  const more = findFirst(item, isReadMore);
  const titleLink = heading ? findFirst(heading, (e) => e.tag === 'a' && !!e.attrs.href) : null;
  const firstLink = findFirst(item, (e) => e.tag === 'a' && !!e.attrs.href);
  const href = more?.attrs.href ?? titleLink?.attrs.href ?? firstLink?.attrs.href ?? null;
  const title = heading ? textOf(heading) || null : null;
  const text = textOf(
    item,
    (e) => e === heading || e === more || isBoilerplate(e) || e.tag === 'time',
  );
  return draft(page, {
    title,
    text,
    url: absolute(href, page.base),
    published: timeOf(item),
    author: authorOf(item),
  });
}

function articleDocument(root: HtmlElement, page: PageInfo): DocumentDraft {
  const meta = metaOf(root);
  const body = findFirst(root, (e) => e.tag === 'body') ?? root;
  const content = mainContent(body);
  const h1 = findFirst(content, (e) => e.tag === 'h1') ?? findFirst(body, (e) => e.tag === 'h1');
  const titleEl = findFirst(root, (e) => e.tag === 'title');
  const title = (h1 && textOf(h1)) || meta['og:title'] || (titleEl && textOf(titleEl)) || null;
  const text = textOf(content, (e) => e === h1 || isBoilerplate(e));
  const published =
    meta['article:published_time'] ||
    meta.datepublished ||
    meta.date ||
    meta.pubdate ||
    timeOf(content);
  return draft(page, {
    title,
    text,
    url: page.url,
    published: published || null,
    author: meta.author || authorOf(content),
  });
}

/** The element that holds an article's own text. */
function mainContent(body: HtmlElement): HtmlElement {
  const candidates: ((e: HtmlElement) => boolean)[] = [
    (e) => e.tag === 'article',
    (e) => e.tag === 'main' || (e.attrs.role ?? '').toLowerCase() === 'main',
    (e) => e.tag !== 'body' && BODY_NAMES.test(classAndId(e)),
  ];
  for (const test of candidates) {
    const found = findAll(body, (e) => test(e) && !insideBoilerplate(e));
    if (found.length) return found.reduce((a, b) => (textLen(b) > textLen(a) ? b : a));
  }
  return body;
}

function textLen(e: HtmlNode): number {
  return typeof e === 'string' ? e.length : textOf(e, isBoilerplate).length;
}

function timeOf(e: HtmlElement): string | null {
  const t = findFirst(e, (x) => x.tag === 'time');
  return t ? t.attrs.datetime || textOf(t) || null : null;
}

function authorOf(e: HtmlElement): string | null {
  const a = findFirst(
    e,
    (x) => (x.attrs.rel ?? '') === 'author' || /(^|\s)(author|byline)(\s|$)/.test(classAndId(x)),
  );
  const name = a ? textOf(a).replace(/^by\s+/i, '') : '';
  return name || null;
}

function draft(
  page: PageInfo,
  d: {
    title: string | null;
    text: string;
    url: string | null;
    published: string | null;
    author: string | null;
  },
): DocumentDraft {
  if (!d.title && !d.text) throw new FieldError('(item)', 'item has neither title nor text');
  const global = d.url && /^https?:\/\//i.test(d.url) && d.url !== page.url;
  const key = global
    ? d.url!
    : createHash('sha1')
        .update(`${page.key}\u001f${d.title ?? ''}\u001f${d.text}`)
        .digest('hex');
  return {
    id: `html:${key}`,
    source: page.site,
    channel: page.site,
    author: d.author,
    published_at: d.published ? toUtcDate(d.published) : null,
    lang: detectLang(`${d.title ?? ''} ${d.text}`) ?? page.lang,
    title: d.title,
    text: d.text,
    forwarded_from: null,
    url: d.url,
  };
}

function toUtcDate(value: string): string {
  const v = value.trim();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(d.getTime())) {
    throw new FieldError('published', `"${value}" is not a date, expected ISO 8601 or RFC 822`);
  }
  return d.toISOString().replace('.000Z', 'Z');
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).toString();
  } catch {
    return href; // relative and no base: kept as written
  }
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
