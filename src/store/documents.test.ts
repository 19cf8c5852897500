import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentSchema, type Document } from '../model/index.js';
import { Store } from './db.js';
import { countDocuments, DocumentStage, listDocuments } from './documents.js';

const doc = (over: Partial<Document>): Document =>
  DocumentSchema.parse({ id: 'x', source: 'telegram', text: 'text', ...over });

const RUN = {
  file: 'f.json',
  sha256: 'abc',
  format: 'telegram',
  startedAt: new Date(),
  rowsRead: 3,
};

async function load(store: Store, docs: Document[], rejected = 0) {
  const stage = await DocumentStage.open(store);
  docs.forEach((d, i) =>
    stage.addDocument(i + 2, d, { i }, { content: d.text, row: JSON.stringify(d) }),
  );
  for (let i = 0; i < rejected; i++) {
    stage.addRejected({ line: 100 + i, field: 'date', reason: 'bad', record: '{}' });
  }
  return stage.commit(RUN, 'quarantine', {});
}

describe('documents store', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  const docs = [
    doc({ id: 'a', channel: 'c1', lang: 'ar', published_at: '2016-03-01T23:30:00Z' }),
    doc({ id: 'b', channel: 'c2', lang: 'en', published_at: '2016-03-02T00:30:00+03:00' }),
    doc({ id: 'c', source: 'twitter', channel: 'c1', lang: 'en', published_at: null }),
  ];

  it('commits staged documents, quarantine rows and the import run in one go', async () => {
    const c = await load(store, docs, 2);
    expect(c).toMatchObject({
      inserted: 3,
      updated: 0,
      unchanged: 0,
      quarantined: 2,
      duplicates: 0,
    });
    const run = await store.one<{ format: string; inserted: number }>(
      'SELECT format, inserted::INTEGER AS inserted FROM imports',
    );
    expect(run).toEqual({ format: 'telegram', inserted: 3 });
    expect(await load(store, docs)).toMatchObject({ inserted: 0, unchanged: 3 });
  });

  it('quarantines a second record with an id already seen in the file', async () => {
    const c = await load(store, [docs[0]!, docs[0]!]);
    expect(c).toMatchObject({ inserted: 1, quarantined: 1, duplicates: 1 });
    const q = await store.one<{ line: number; reason: string }>(
      'SELECT line::INTEGER AS line, reason FROM quarantine',
    );
    expect(q).toEqual({ line: 3, reason: 'duplicate id a (first at line 2)' });
  });

  it('lists newest first in UTC, undated last, and filters by source, channel, language, dates', async () => {
    await load(store, docs);
    const all = await listDocuments(store);
    expect(all.map((d) => [d.id, d.published_at])).toEqual([
      ['a', '2016-03-01T23:30:00Z'],
      ['b', '2016-03-01T21:30:00Z'],
      ['c', null],
    ]);
    expect((await listDocuments(store, { channel: 'c1' })).map((d) => d.id)).toEqual(['a', 'c']);
    expect((await listDocuments(store, { source: 'twitter' })).map((d) => d.id)).toEqual(['c']);
    expect(await countDocuments(store, { lang: 'en' })).toBe(2);
    // A bare `to` date covers the whole (UTC) day.
    expect(await countDocuments(store, { from: '2016-03-01', to: '2016-03-01' })).toBe(2);
    expect(await countDocuments(store, { from: '2016-03-01T22:00:00Z' })).toBe(1);
    expect((await listDocuments(store, { limit: 1, offset: 1 })).map((d) => d.id)).toEqual(['b']);
  });
});
