/**
 * RSS 2.0 and Atom feed files, parsed with fast-xml-parser (a real XML parser). One document per
 * `<item>`/`<entry>`: title, link, guid/id, pubDate/updated (→ UTC), the body (content:encoded,
 * description, content or summary) reduced from HTML to text, author; `source` is the feed's
 * title. A feed is a small file, so it is read whole (up to MAX_FEED_BYTES).
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FieldError, ImportError } from '../errors.js';
import { htmlToText } from './html-dom.js';
import {
  clipRecord,
  mapRecord,
  type CommsItem,
  type CommsReader,
  type DocumentDraft,
} from './item.js';
import { detectLang } from './lang.js';
import { readWhole } from '../text-source.js';

export const MAX_FEED_BYTES = 64 * 1024 * 1024;

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

export async function openFeed(file: string): Promise<CommsReader> {
  const { text, source } = await readWhole(file, MAX_FEED_BYTES, 'a feed');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // Unclosed elements are reported as "Invalid '["rss","channel"]' found" at line 1.
    const unclosed = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg);
    const what = unclosed
      ? `truncated XML: ${unclosed[1]!.replace(/\s+/g, '').replace(/"([^"]+)"/g, '<$1>')} never closed`
      : `malformed XML: ${valid.err.msg}`;
    const line = unclosed ? text.split('\n').length : valid.err.line;
    throw new ImportError(`${file}:${line}: ${what}; nothing was imported`);
  }
  const doc = parser.parse(text) as Node;
  const rss = obj(doc.rss);
  const atom = obj(doc.feed);
  if (!rss && !atom) {
    throw new ImportError(`${file}:1: not an RSS 2.0 or Atom feed (no <rss> or <feed> root)`);
  }
  const channel = rss ? (obj(rss.channel) ?? {}) : atom!;
  const feed = {
    title: textOf(channel.title) || null,
    language: textOf(channel.language ?? channel['@_xml:lang']) || null,
  };
  const entries = list(rss ? channel.item : atom!.entry);
  const lines = tagLines(text, rss ? 'item' : 'entry');
  const map = rss ? rssItem : atomEntry;
  async function* items(): AsyncGenerator<CommsItem> {
    for (let i = 0; i < entries.length; i++) {
      const entry = obj(entries[i]) ?? {};
      const record = clipRecord(JSON.stringify(entry));
      yield mapRecord(lines[i] ?? 1, record, entry, () => map(entry, feed));
    }
  }
  return {
    format: rss ? 'rss' : 'atom',
    items: items(),
    progress: source.progress,
    sha256: source.sha256,
    duplicates: 'quarantine',
  };
}

interface FeedInfo {
  title: string | null;
  language: string | null;
}

export function rssItem(item: Node, feed: FeedInfo): DocumentDraft {
  const title = textOf(item.title) || null;
  const link = list(item.link).map(textOf).find(Boolean) ?? null;
  const guid = textOf(item.guid) || null;
  const body = item['content:encoded'] ?? item.description;
  const date = textOf(item.pubDate ?? item['dc:date']) || null;
  return draft({
    feed,
    key: guid ?? link,
    title,
    text: htmlToText(textOf(body)),
    published: date ? toUtcDate(date, item.pubDate !== undefined ? 'pubDate' : 'dc:date') : null,
    author: textOf(item.author ?? item['dc:creator']) || null,
    url: link,
  });
}

export function atomEntry(entry: Node, feed: FeedInfo): DocumentDraft {
  const links = list(entry.link).map((l) => obj(l) ?? {});
  const alt = links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? links[0];
  const url = alt ? textOf(alt['@_href']) || null : null;
  const body = entry.content ?? entry.summary;
  const isText = textOf(obj(body)?.['@_type']) === 'text';
  const date = textOf(entry.published ?? entry.updated) || null;
  return draft({
    feed,
    key: textOf(entry.id) || url,
    title: htmlToText(textOf(entry.title)) || null,
    text: isText ? textOf(body) : htmlToText(textOf(body)),
    published: date
      ? toUtcDate(date, entry.published !== undefined ? 'published' : 'updated')
      : null,
    author: textOf(obj(list(entry.author)[0])?.name ?? entry.author) || null,
    url,
  });
}

function draft(d: {
  feed: FeedInfo;
  key: string | null;
  title: string | null;
  text: string;
  published: string | null;
  author: string | null;
  url: string | null;
}): DocumentDraft {
  if (!d.title && !d.text) throw new FieldError('description', 'item has neither title nor text');
  const feedName = d.feed.title ?? 'feed';
  // A guid that is a URL or URN is global; anything else is only unique within its feed.
  const key = d.key ?? `${d.title ?? ''}\u001f${d.published ?? ''}\u001f${d.text}`;
  const global = /^(https?:|urn:|tag:)/i.test(key);
  const id = global ? key : createHash('sha1').update(`${feedName}\u001f${key}`).digest('hex');
  const detected = detectLang(`${d.title ?? ''} ${d.text}`);
  return {
    id: `feed:${id}`,
    source: feedName,
    channel: feedName,
    author: d.author,
    published_at: d.published,
    lang: detected ?? d.feed.language?.toLowerCase().split(/[-_]/)[0] ?? null,
    title: d.title,
    text: d.text,
    forwarded_from: null,
    url: d.url,
  };
}

/** RFC 822 (`Tue, 01 Mar 2016 10:20:30 +0300`) or RFC 3339 → UTC ISO `…Z`. */
function toUtcDate(value: string, field: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    throw new FieldError(field, `"${value}" is not a date, expected RFC 822 or RFC 3339`);
  }
  return d.toISOString().replace('.000Z', 'Z');
}

/** Text of a parsed node: a string, or `#text` of an element with attributes. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  const o = obj(v);
  if (!o) return '';
  if (o['#text'] !== undefined) return textOf(o['#text']);
  // XHTML content parsed into elements: gather their text, scripts and styles excluded.
  return Object.entries(o)
    .filter(([k]) => !k.startsWith('@_') && k !== 'script' && k !== 'style')
    .map(([, c]) => (Array.isArray(c) ? c.map(textOf).join(' ') : textOf(c)))
    .filter(Boolean)
    .join(' ');
}

function obj(v: unknown): Node | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined;
}

function list(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Line numbers where each `<tag>` opens, in document order (the parser gives none). */
function tagLines(text: string, tag: string): number[] {
  const out: number[] = [];
  let line = 1;
  let last = 0;
  for (let at = text.indexOf(`<${tag}`); at >= 0; at = text.indexOf(`<${tag}`, at + 1)) {
    const next = text[at + tag.length + 1];
    if (next !== '>' && next !== ' ' && next !== '\n' && next !== '\r' && next !== '\t') continue;
    for (let i = last; i < at; i++) if (text.charCodeAt(i) === 10) line++;
    last = at;
    out.push(line);
  }
  return out;
}
