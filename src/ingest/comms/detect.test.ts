import { describe, expect, it } from 'vitest';
import { ImportError } from '../errors.js';
import { detectCommsFormat, sniff } from './detect.js';

const DIR = 'test/fixtures/comms';

describe('comms format detection', () => {
  it.each([
    ['telegram.json', 'telegram'],
    ['telegram-bad.txt', 'telegram'],
    ['feed.rss', 'rss'],
    ['feed.atom', 'atom'],
    ['docs.ndjson', 'ndjson'],
    ['tweets.csv', 'tweets'],
  ])('detects %s as %s', async (file, format) => {
    expect(await detectCommsFormat(`${DIR}/${file}`)).toBe(format);
  });

  it('tells RSS from Atom and NDJSON from a JSON export by the first bytes', () => {
    expect(sniff('<?xml version="1.0"?>\n<rss version="2.0">')).toBe('rss');
    expect(sniff('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe('atom');
    expect(sniff('{"id":"a","text":"b"}\n{"id":"c","text":"d"}')).toBe('ndjson');
    expect(sniff('{\n "name": "x",\n "id": 1,\n "messages": [')).toBe('telegram');
  });

  it('asks for --format when it cannot tell', async () => {
    const err = await detectCommsFormat('test/fixtures/comms/README.md').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/README\.md:1: cannot tell the format.*--format/);
  });
});
