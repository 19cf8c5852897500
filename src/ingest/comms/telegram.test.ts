import { describe, expect, it } from 'vitest';
import { ImportError } from '../errors.js';
import type { CommsItem } from './item.js';
import { flattenText, openTelegram } from './telegram.js';

const DIR = 'test/fixtures/comms';

async function readAll(file: string, warn = (_: string) => undefined): Promise<CommsItem[]> {
  const reader = await openTelegram(file, warn);
  const out: CommsItem[] = [];
  for await (const item of reader.items) out.push(item);
  return out;
}

describe('Telegram export connector', () => {
  it('reads every message with the line it starts on, skipping the service message', async () => {
    const items = await readAll(`${DIR}/telegram.json`);
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['skipped', 6],
      ['document', 18],
      ['document', 44],
      ['document', 55],
      ['document', 67],
    ]);
  });

  it('flattens Arabic text entities and converts the time to UTC from date_unixtime', async () => {
    const [, msg] = await readAll(`${DIR}/telegram.json`);
    expect(msg).toMatchObject({
      kind: 'document',
      draft: {
        id: 'tg:1234567890:2',
        source: 'telegram',
        channel: 'قناة الأخبار التجريبية',
        author: 'قناة الأخبار التجريبية',
        // `date` says 16:20:30 local (UTC+3); date_unixtime 1456838430 is 13:20:30 UTC
        published_at: '2016-03-01T13:20:30Z',
        lang: 'ar',
        text: 'عاجل: مقتل عشرة من عناصر الجيش في هجوم على حاجز قرب مدينة الرمادي #الأنبار التفاصيل هنا',
        forwarded_from: null,
      },
    });
    // The entities themselves stay in the raw record.
    expect(JSON.stringify(msg?.kind === 'document' ? msg.raw : null)).toContain(
      'https://example.org/news/1',
    );
  });

  it('keeps forwarded_from and media placeholders', async () => {
    const items = await readAll(`${DIR}/telegram.json`);
    expect(items[2]).toMatchObject({ draft: { forwarded_from: 'وكالة أعماق' } });
    expect(items[3]).toMatchObject({ draft: { id: 'tg:1234567890:4', text: '' } });
    expect(items[3]).toMatchObject({
      raw: { photo: expect.stringContaining('File not included') },
    });
  });

  it('reads a date without date_unixtime as UTC and warns', async () => {
    const warnings: string[] = [];
    const items = await readAll(`${DIR}/telegram.json`, (w) => void warnings.push(w));
    expect(items[4]).toMatchObject({ draft: { published_at: '2016-03-02T09:30:00Z', lang: 'en' } });
    expect(warnings).toEqual(['telegram date without date_unixtime: local time read as UTC']);
  });

  it('rejects a bad message id and a message that is not JSON, with their lines', async () => {
    const items = await readAll(`${DIR}/telegram-bad.txt`);
    const rejected = items.filter((i) => i.kind === 'rejected');
    expect(rejected.map((r) => [r.line, r.kind === 'rejected' && r.field])).toEqual([
      [55, 'id'],
      [67, '(record)'],
    ]);
    expect(items.filter((i) => i.kind === 'document')).toHaveLength(2);
  });

  it('refuses a truncated export, naming the line of the cut message', async () => {
    const err = await readAll(`${DIR}/telegram-truncated.txt`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(
      /telegram-truncated\.txt:47: truncated JSON: the file ends inside the element starting at line 44/,
    );
  });

  it('flattens plain strings, entity arrays and missing text', () => {
    expect(flattenText('plain')).toBe('plain');
    expect(flattenText(['a ', { type: 'bold', text: 'b' }, ' c'])).toBe('a b c');
    expect(flattenText(undefined)).toBe('');
    expect(() => flattenText([{ type: 'bold' }])).toThrow(/unreadable entity/);
  });
});
