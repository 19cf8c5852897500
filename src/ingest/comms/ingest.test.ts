import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countDocuments, listDocuments, listQuarantine, Store } from '../../store/index.js';
import { ImportError } from '../errors.js';
import { ingestDocuments } from './ingest.js';

const DIR = 'test/fixtures/comms';
const tmp = mkdtempSync(join(tmpdir(), 'sitrep-comms-'));

describe('ingestDocuments', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  it('ingests a Telegram export: documents in, service message skipped and counted', async () => {
    const r = await ingestDocuments(store, `${DIR}/telegram.json`);
    expect(r).toMatchObject({
      format: 'telegram',
      read: 5,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      quarantined: 0,
      skipped: 1,
      warnings: {
        'service messages skipped': 1,
        'telegram date without date_unixtime: local time read as UTC': 1,
      },
    });
    const raw = await store.one<{ raw: string }>(
      `SELECT raw::VARCHAR AS raw FROM documents WHERE id = 'tg:1234567890:4'`,
    );
    expect(JSON.parse(raw!.raw)).toMatchObject({ photo: expect.any(String), width: 1280 });
  });

  it('re-ingesting the same file adds nothing', async () => {
    for (const f of ['telegram.json', 'feed.rss', 'feed.atom', 'docs.ndjson', 'tweets.csv']) {
      await ingestDocuments(store, `${DIR}/${f}`);
    }
    const before = await countDocuments(store);
    expect(before).toBe(4 + 2 + 2 + 3 + 3);
    for (const f of ['telegram.json', 'feed.rss', 'feed.atom', 'docs.ndjson', 'tweets.csv']) {
      const r = await ingestDocuments(store, `${DIR}/${f}`);
      expect(r).toMatchObject({ inserted: 0, updated: 0, quarantined: 0 });
      expect(r.unchanged).toBeGreaterThan(0);
    }
    expect(await countDocuments(store)).toBe(before);
  });

  it('merges a tweet repeated in the archive instead of rejecting it', async () => {
    const r = await ingestDocuments(store, `${DIR}/tweets.csv`);
    expect(r).toMatchObject({ read: 4, inserted: 3, merged: 1, quarantined: 0 });
  });

  it('updates a document whose text changed and leaves the others alone', async () => {
    await ingestDocuments(store, `${DIR}/docs.ndjson`);
    const changed = join(tmp, 'changed.ndjson');
    writeFileSync(
      changed,
      readFileSync(`${DIR}/docs.ndjson`, 'utf8').replace('killing five', 'killing six'),
    );
    const r = await ingestDocuments(store, changed);
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const [doc] = await listDocuments(store, { source: 'news' });
    expect(doc!.text).toContain('killing six');
  });

  it('quarantines bad records with file, line, field and reason, and loads the rest', async () => {
    const r = await ingestDocuments(store, `${DIR}/docs-bad.ndjson`);
    expect(r).toMatchObject({ read: 5, inserted: 2, quarantined: 3 });
    const q = await listQuarantine(store);
    expect(q.map((x) => [x.line, x.field])).toEqual([
      [2, '(line)'],
      [3, 'published'],
      [4, 'id'],
    ]);
    expect(q[1]).toMatchObject({
      file: `${DIR}/docs-bad.ndjson`,
      reason: '"yesterday" is not an ISO 8601 date or time',
    });
  });

  it('quarantines a tweet with a bad time and a Telegram message that is not JSON', async () => {
    await ingestDocuments(store, `${DIR}/tweets-bad.csv`);
    await ingestDocuments(store, `${DIR}/telegram-bad.txt`);
    const q = await listQuarantine(store);
    expect(q.map((x) => [x.file.split('/').pop(), x.line, x.field])).toEqual([
      ['telegram-bad.txt', 55, 'id'],
      ['telegram-bad.txt', 67, '(record)'],
      ['tweets-bad.csv', 4, 'time'],
    ]);
  });

  it('writes nothing when a file is truncated', async () => {
    for (const f of ['telegram-truncated.txt', 'feed-truncated.rss']) {
      await expect(ingestDocuments(store, `${DIR}/${f}`)).rejects.toBeInstanceOf(ImportError);
    }
    expect(await countDocuments(store)).toBe(0);
    const imports = await store.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM imports');
    expect(imports?.n).toBe(0);
  });

  it('stores no script or handler text from feeds', async () => {
    await ingestDocuments(store, `${DIR}/feed.rss`);
    await ingestDocuments(store, `${DIR}/feed.atom`);
    const rows = await store.all<{ t: string }>(
      `SELECT coalesce(title, '') || ' ' || text AS t FROM documents`,
    );
    expect(rows).toHaveLength(4);
    for (const { t } of rows) expect(t).not.toMatch(/alert|<script|onerror/i);
  });
});

const REAL = new URL(
  '../../../../shared/data/comms/fifthtribe_how_isis_uses_twitter_tweets.csv',
  import.meta.url,
).pathname;

describe.skipIf(!existsSync(REAL))('the real Fifth Tribe archive', () => {
  it('reads all 17,410 tweets and loads them, re-ingesting adds nothing', async () => {
    const store = await Store.open(':memory:');
    try {
      const t0 = Date.now();
      const r = await ingestDocuments(store, REAL);
      const seconds = (Date.now() - t0) / 1000;
      expect(r.read).toBe(17_410);
      expect(r.inserted + r.merged + r.quarantined).toBe(17_410);
      const langs = await store.all<{ lang: string | null; n: number }>(
        'SELECT lang, count(*)::INTEGER AS n FROM documents GROUP BY ALL ORDER BY n DESC',
      );
      const accounts = await store.one<{ n: number; rt: number }>(
        `SELECT count(DISTINCT channel)::INTEGER AS n, count(forwarded_from)::INTEGER AS rt FROM documents`,
      );
      console.log(
        `Fifth Tribe: ${r.inserted} loaded, ${r.merged} merged, ${r.quarantined} quarantined in ` +
          `${seconds.toFixed(1)} s; ${accounts?.n} accounts, ${accounts?.rt} retweets; languages ` +
          langs.map((l) => `${l.lang ?? 'und'} ${l.n}`).join(', '),
      );
      expect(accounts?.n).toBe(112);
      expect(langs[0]).toMatchObject({ lang: 'en' });
      const again = await ingestDocuments(store, REAL);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: r.inserted });
    } finally {
      store.close();
    }
  });
});
