/**
 * Tweet archives in the Fifth Tribe schema ("How ISIS Uses Twitter", Kaggle, CC0): one row per
 * tweet with the account's name, username, description, location, followers, numberstatuses,
 * time (`YYYY-MM-DD HH:MM:SS`, UTC) and the text in `tweets`.
 *
 * The file carries no tweet id, so the id is a hash of what identifies a tweet: username, time
 * and text (`tweet:<sha1>`). The same account posting the same text in the same minute is the
 * same record for us (the archive repeats some rows); those repeats are merged, not rejected.
 */
import { createHash } from 'node:crypto';
import { openCsv, toCsvLine } from '../csv.js';
import { FieldError, ImportError } from '../errors.js';
import {
  clipRecord,
  mapRecord,
  type CommsItem,
  type CommsReader,
  type DocumentDraft,
} from './item.js';
import { decodeEntities } from './html-text.js';
import { detectLang } from './lang.js';

export const TWEET_COLUMNS = ['name', 'username', 'time', 'tweets'] as const;

/** Does this CSV header look like a Fifth Tribe tweet archive? */
export function isTweetHeader(header: readonly string[]): boolean {
  return TWEET_COLUMNS.every((c) => header.includes(c));
}

export async function openTweets(file: string): Promise<CommsReader> {
  const csv = await openCsv(file);
  const missing = TWEET_COLUMNS.filter((c) => !csv.header.includes(c));
  if (missing.length) {
    throw new ImportError(
      `${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `required by format tweets (name, username, time, tweets)`,
    );
  }
  const header = csv.header;
  async function* items(): AsyncGenerator<CommsItem> {
    for await (const { line, values } of csv.rows) {
      const record = clipRecord(toCsvLine(values));
      if (values.length !== header.length) {
        yield {
          kind: 'rejected',
          line,
          field: '(row)',
          reason: `expected ${header.length} columns, found ${values.length}`,
          record,
        };
        continue;
      }
      const row: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) row[header[i]!] = values[i]!;
      yield mapRecord(line, record, row, () => tweetToDocument(row));
    }
  }
  return {
    format: 'tweets',
    items: items(),
    progress: csv.progress,
    sha256: csv.sha256,
    duplicates: 'keep-first',
  };
}

/** Maps one archive row to a document draft; throws FieldError for unusable values. */
export function tweetToDocument(row: Readonly<Record<string, string>>): DocumentDraft {
  const username = (row.username ?? '').trim();
  if (!username) throw new FieldError('username', 'empty, expected the account name');
  const text = (row.tweets ?? '').trim();
  if (!text) throw new FieldError('tweets', 'empty, expected the tweet text');
  const time = (row.time ?? '').trim();
  const published = parseUtcTime(time);
  // Twitter escapes &, < and > in tweet text (`&amp;`); the stored text is what was written.
  const plain = decodeEntities(text);
  const id = createHash('sha1').update(`${username}\u001f${time}\u001f${text}`).digest('hex');
  return {
    id: `tweet:${id}`,
    source: 'twitter',
    channel: username,
    author: row.name?.trim() || null,
    published_at: published,
    lang: detectLang(plain),
    title: null,
    text: plain,
    forwarded_from: retweetOf(text),
    url: null,
  };
}

/** `2015-01-06 21:07:00` (UTC) → `2015-01-06T21:07:00Z`. */
function parseUtcTime(time: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z` : '';
  const d = new Date(iso);
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 19) !== iso.slice(0, 19)) {
    throw new FieldError('time', `"${time}" is not a time, expected YYYY-MM-DD HH:MM:SS (UTC)`);
  }
  return iso;
}

/** The account a retweet quotes: `RT @Nidalgazaui: …` → `Nidalgazaui`. */
export function retweetOf(text: string): string | null {
  const m = /^RT @(\w{1,50}):?/.exec(text);
  return m ? m[1]! : null;
}
