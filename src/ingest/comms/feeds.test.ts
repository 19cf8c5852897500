import { describe, expect, it } from 'vitest';
import { ImportError } from '../errors.js';
import { openFeed } from './feeds.js';
import type { CommsItem } from './item.js';

const DIR = 'test/fixtures/comms';

async function readAll(file: string): Promise<{ format: string; items: CommsItem[] }> {
  const reader = await openFeed(file);
  const items: CommsItem[] = [];
  for await (const i of reader.items) items.push(i);
  return { format: reader.format, items };
}

function drafts(items: CommsItem[]) {
  return items.map((i) => (i.kind === 'document' ? i.draft : null));
}

describe('RSS and Atom connector', () => {
  it('reads RSS 2.0 items with UTC dates, links, authors and the feed title as source', async () => {
    const { format, items } = await readAll(`${DIR}/feed.rss`);
    expect(format).toBe('rss');
    expect(items.map((i) => i.line)).toEqual([8, 16]);
    expect(drafts(items)).toEqual([
      {
        id: 'feed:https://wire.example.org/2016/03/car-bomb-baghdad',
        source: 'Iraq Security Wire',
        channel: 'Iraq Security Wire',
        author: 'Staff reporter',
        published_at: '2016-03-01T07:20:30Z', // 10:20:30 +0300
        lang: 'en',
        title: 'Car bomb kills 12 in Baghdad market',
        text: 'A car bomb exploded in a crowded market in Sadr City, killing 12 people.\n\nPolice said the toll may rise.',
        forwarded_from: null,
        url: 'https://wire.example.org/2016/03/car-bomb-baghdad',
      },
      expect.objectContaining({
        // guid "item-2041" is not global: the id hashes it with the feed title
        id: expect.stringMatching(/^feed:[0-9a-f]{40}$/),
        published_at: '2016-03-02T23:45:00Z',
        text: 'Gunmen attacked an army checkpoint north of Tikrit overnight & fled.',
      }),
    ]);
  });

  it('reads Atom entries: alternate link, published over updated, author name, text content', async () => {
    const { format, items } = await readAll(`${DIR}/feed.atom`);
    expect(format).toBe('atom');
    expect(drafts(items)).toEqual([
      expect.objectContaining({
        id: 'feed:urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
        source: 'Syria Monitor',
        url: 'https://monitor.example.org/deir-ez-zor-shelling',
        published_at: '2016-03-03T07:15:00Z', // 09:15 +02:00
        author: 'Field desk',
        text: 'Artillery shelling hit residential areas of Deir ez-Zor on Thursday morning.',
      }),
      expect.objectContaining({
        id: 'feed:tag:monitor.example.org,2016:palmyra',
        url: 'https://monitor.example.org/palmyra',
        published_at: '2016-03-02T18:30:00Z',
        text: 'Fighters attacked a checkpoint west of Palmyra, local sources said.',
      }),
    ]);
  });

  it('never lets script, style or event-handler markup reach the text', async () => {
    for (const file of ['feed.rss', 'feed.atom']) {
      const { items } = await readAll(`${DIR}/${file}`);
      for (const d of drafts(items)) {
        expect(`${d!.title} ${d!.text}`).not.toMatch(/alert|<script|onerror|<img|color: red|</i);
      }
    }
  });

  it('refuses truncated XML and names the line', async () => {
    const err = await readAll(`${DIR}/feed-truncated.rss`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(
      /feed-truncated\.rss:\d+: truncated XML: <rss>,<channel> never closed; nothing was imported/,
    );
  });
});
