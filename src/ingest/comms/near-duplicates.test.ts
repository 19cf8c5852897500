import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDuplicateLinks } from '../../store/comms.js';
import { Store } from '../../store/index.js';
import { ingestDocuments } from './ingest.js';
import { jaccard, MinHasher, normalizeForShingles, shingleSet } from './minhash.js';
import { linkNearDuplicates } from './near-duplicates.js';

const FIXTURE = 'test/fixtures/comms/claims-reposted.ndjson';

describe('MinHash', () => {
  it('normalises Arabic letter forms, diacritics, links and mentions away', () => {
    expect(normalizeForShingles('RT @x: مقتلُ عنصراً في تجمّع http://t.co/a ٣')).toBe(
      normalizeForShingles('مقتل عنصرا في تجمع 3'),
    );
  });

  it('gives the same signature on every run (seeded) and estimates Jaccard', () => {
    const a = shingleSet(normalizeForShingles('the same claim posted in two channels today'));
    const b = shingleSet(normalizeForShingles('the same claim posted in three channels today'));
    const s1 = new MinHasher().signature(a);
    expect(new MinHasher().signature(a)).toEqual(s1);
    const est = MinHasher.estimate(s1, new MinHasher({ bands: 50, rows: 4 }).signature(b));
    expect(est).toBeLessThan(1);
    const exact = jaccard(a, b);
    const wide = new MinHasher({ bands: 100, rows: 4 });
    expect(Math.abs(MinHasher.estimate(wide.signature(a), wide.signature(b)) - exact)).toBeLessThan(
      0.12,
    );
  });
});

describe('linkNearDuplicates', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  it('links an Arabic claim reposted in two channels with small edits, and an exact repost', async () => {
    const r = await ingestDocuments(store, FIXTURE);
    expect(r.inserted).toBe(6);
    expect(r.near_duplicates).toMatchObject({ hashed: 6, too_short: 1, exact_pairs: 1 });
    const links = await listDuplicateLinks(store);
    expect(links.map((l) => [l.doc_id, l.canonical_id, l.method])).toEqual([
      ['tg:nashir:5530', 'tg:amaq:101', 'minhash'],
      ['tweet:repost-1', 'tg:amaq:101', 'exact'],
    ]);
    const edited = links.find((l) => l.doc_id === 'tg:nashir:5530')!;
    expect(edited.similarity).toBeGreaterThanOrEqual(0.8);
    expect(edited.similarity).toBeLessThan(1);
  });

  it('keeps a different claim in the same template and a translation apart', async () => {
    await ingestDocuments(store, FIXTURE);
    const ids = (await listDuplicateLinks(store)).map((l) => l.doc_id);
    expect(ids).not.toContain('tg:amaq:102');
    expect(ids).not.toContain('tg:amaq-en:101');
  });

  it('is incremental: a later run hashes only new documents and joins them to the group', async () => {
    await ingestDocuments(store, FIXTURE, { nearDuplicates: false });
    await store.run(`DELETE FROM documents WHERE id = 'tg:amaq:101'`);
    const first = await linkNearDuplicates(store);
    expect(first.hashed).toBe(5);
    expect((await listDuplicateLinks(store)).map((l) => [l.doc_id, l.canonical_id])).toEqual([
      ['tweet:repost-1', 'tg:nashir:5530'],
    ]);
    await ingestDocuments(store, FIXTURE);
    const again = await linkNearDuplicates(store);
    expect(again.hashed).toBe(0);
    // The original, ingested last, is the earliest published: it becomes the group's canonical.
    expect((await listDuplicateLinks(store)).map((l) => [l.doc_id, l.canonical_id])).toEqual([
      ['tg:nashir:5530', 'tg:amaq:101'],
      ['tweet:repost-1', 'tg:amaq:101'],
    ]);
  });

  it('refuses a threshold outside (0, 1]', async () => {
    await expect(linkNearDuplicates(store, { threshold: 1.5 })).rejects.toThrow(
      'near-duplicate threshold: 1.5',
    );
  });
});
