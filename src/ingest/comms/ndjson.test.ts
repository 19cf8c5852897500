import { describe, expect, it } from 'vitest';
import type { CommsItem } from './item.js';
import { ndjsonToDocument, openNdjson, toUtc } from './ndjson.js';

describe('NDJSON connector', () => {
  it('maps an interchange object, converting the published time to UTC', () => {
    expect(
      ndjsonToDocument({
        id: 'doc-1',
        text: 'Two suicide bombers attacked a police station in Kirkuk, killing five officers.',
        published: '2016-03-01T08:00:00+03:00',
        source: 'news',
        url: 'https://example.org/k',
      }),
    ).toEqual({
      id: 'doc-1',
      source: 'news',
      channel: null,
      author: null,
      published_at: '2016-03-01T05:00:00Z',
      lang: 'en',
      title: null,
      text: 'Two suicide bombers attacked a police station in Kirkuk, killing five officers.',
      forwarded_from: null,
      url: 'https://example.org/k',
    });
  });

  it('keeps a declared language as its primary subtag', () => {
    expect(ndjsonToDocument({ id: 'x', text: 'Short', lang: 'en-GB' }).lang).toBe('en');
  });

  it('reads dates, naive times and offsets as UTC', () => {
    expect(toUtc('2016-03-02')).toBe('2016-03-02T00:00:00Z');
    expect(toUtc('2016-03-02T10:00:00')).toBe('2016-03-02T10:00:00Z');
    expect(toUtc('2016-03-02 10:00:00-0500')).toBe('2016-03-02T15:00:00Z');
    expect(() => toUtc('yesterday')).toThrow(/"yesterday" is not an ISO 8601 date/);
  });

  it('quarantines bad lines by number and loads the rest', async () => {
    const reader = await openNdjson('test/fixtures/comms/docs-bad.ndjson');
    const items: CommsItem[] = [];
    for await (const i of reader.items) items.push(i);
    expect(items.map((i) => [i.line, i.kind, i.kind === 'rejected' ? i.field : i.kind])).toEqual([
      [1, 'document', 'document'],
      [2, 'rejected', '(line)'],
      [3, 'rejected', 'published'],
      [4, 'rejected', 'id'],
      [5, 'document', 'document'],
    ]);
    expect(items[1]).toMatchObject({ reason: expect.stringMatching(/^invalid JSON/) });
  });
});
