import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Store, listDocuments } from '../../store/index.js';
import { detectCommsFormat } from './detect.js';
import { pageDocuments } from './html-page.js';
import { ingestDocuments } from './ingest.js';

const DIR = 'test/fixtures/comms';
const read = (f: string) => readFileSync(`${DIR}/${f}`, 'utf8');

describe('HTML pages', () => {
  it('turns an index page into one document per teaser, without scripts, styles or menus', () => {
    const docs = pageDocuments(read('index-page.html'), { file: 'index-page.html' }).map((d) =>
      d.draft(),
    );
    expect(docs).toHaveLength(3);
    expect(docs.map((d) => d.title)).toEqual([
      'Suicide bomber strikes checkpoint near Kirkuk',
      'Mortar fire on Tikrit market',
      'هجوم على نقطة تفتيش في الموصل',
    ]);
    expect(docs[0]).toMatchObject({
      id: 'html:https://euphrates-monitor.example/news/2016/03/kirkuk-checkpoint',
      source: 'Euphrates Monitor',
      url: 'https://euphrates-monitor.example/news/2016/03/kirkuk-checkpoint',
      published_at: '2016-03-01T05:30:00Z',
      lang: 'en',
    });
    expect(docs[0]!.text).toBe(
      'A suicide bomber drove a car packed with explosives into an army checkpoint south of ' +
        'Kirkuk on Tuesday, killing four soldiers.',
    );
    expect(docs[2]).toMatchObject({ lang: 'ar', published_at: '2016-03-03T00:00:00Z' });
    for (const d of docs) {
      expect(d.text).not.toMatch(/LEAK|Read more|اقرأ المزيد|cookies|rights reserved|Old story/);
    }
  });

  it('extracts the main text of an article page and drops boilerplate', () => {
    const [item, ...rest] = pageDocuments(read('article-page.html'), { file: 'article-page.html' });
    expect(rest).toHaveLength(0);
    const d = item!.draft();
    expect(d).toMatchObject({
      title: 'Militants attack Baiji refinery for the third time this month',
      source: 'Tigris Herald',
      published_at: '2015-06-14T09:15:00Z',
      author: 'Staff reporter',
      url: 'https://tigris-herald.example/2015/06/baiji-refinery',
      lang: 'en',
    });
    expect(d.text).toMatch(/^By Staff reporter\n\nIslamic State militants attacked the Baiji/);
    expect(d.text).toMatch(/contested since June 2014\.$/);
    expect(d.text).not.toMatch(/LEAK|Share on|Related|Comment from|Home|Contact/);
  });

  it('is detected by extension and by its first bytes, and ingests idempotently', async () => {
    expect(await detectCommsFormat(`${DIR}/index-page.html`)).toBe('html');
    const store = await Store.open(':memory:');
    try {
      const r = await ingestDocuments(store, `${DIR}/index-page.html`);
      expect(r).toMatchObject({ format: 'html', read: 3, inserted: 3, quarantined: 0 });
      const again = await ingestDocuments(store, `${DIR}/index-page.html`, { format: 'html' });
      expect(again).toMatchObject({ inserted: 0, unchanged: 3 });
      const docs = await listDocuments(store);
      expect(docs.every((d) => !/LEAK/.test(d.text))).toBe(true);
    } finally {
      store.close();
    }
  });

  it('fetches a page from a URL (a loopback server here) and resolves its links', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(read('article-page.html').replace(/<meta property="og:url"[^>]*>/, ''));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/2015/06/baiji`;
    const store = await Store.open(':memory:');
    try {
      const r = await ingestDocuments(store, url, { format: 'html', nearDuplicates: false });
      expect(r).toMatchObject({ inserted: 1, quarantined: 0 });
      const [doc] = await listDocuments(store);
      expect(doc).toMatchObject({ url, source: 'Tigris Herald' });
      await expect(detectCommsFormat(url)).rejects.toThrow(/needs --format/);
    } finally {
      store.close();
      server.close();
    }
  });
});
