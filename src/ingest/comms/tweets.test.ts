import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldError } from '../errors.js';
import type { CommsItem } from './item.js';
import { openTweets, retweetOf, tweetToDocument } from './tweets.js';

const row = {
  name: 'Abu Test',
  username: 'TestAccount1',
  description: 'Translations',
  location: 'Sham',
  followers: '640',
  numberstatuses: '49',
  time: '2015-01-06 21:27:00',
  tweets: 'RT @NewsDesk: #IS fighters killed 20 soldiers near Ramadi &amp; Fallujah, sources say',
};

describe('Fifth Tribe tweets connector', () => {
  it('maps a row: hashed id, account as channel, UTC time, retweeted account, entities decoded', () => {
    const sha = createHash('sha1')
      .update(`TestAccount1\u001f2015-01-06 21:27:00\u001f${row.tweets}`)
      .digest('hex');
    expect(tweetToDocument(row)).toEqual({
      id: `tweet:${sha}`,
      source: 'twitter',
      channel: 'TestAccount1',
      author: 'Abu Test',
      published_at: '2015-01-06T21:27:00Z',
      lang: 'en',
      title: null,
      text: 'RT @NewsDesk: #IS fighters killed 20 soldiers near Ramadi & Fallujah, sources say',
      forwarded_from: 'NewsDesk',
      url: null,
    });
  });

  it('rejects an impossible time with the field and the expected form', () => {
    const err = (() => {
      try {
        return tweetToDocument({ ...row, time: '2015-02-30 08:00:00' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FieldError);
    expect(err).toMatchObject({
      field: 'time',
      message: expect.stringMatching(/YYYY-MM-DD HH:MM:SS/),
    });
  });

  it('finds the retweeted account only at the start of the text', () => {
    expect(retweetOf('RT @Nidalgazaui: text')).toBe('Nidalgazaui');
    expect(retweetOf('text RT @someone: text')).toBeNull();
  });

  it('streams the fixture with line numbers and rejects the row with a bad time', async () => {
    const reader = await openTweets('test/fixtures/comms/tweets-bad.csv');
    const items: CommsItem[] = [];
    for await (const i of reader.items) items.push(i);
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['document', 2],
      ['document', 3],
      ['rejected', 4],
    ]);
    expect(items[2]).toMatchObject({
      field: 'time',
      reason: expect.stringContaining('2015-02-30'),
    });
    expect(reader.duplicates).toBe('keep-first');
  });
});
