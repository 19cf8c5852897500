import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { extractNdjson } from '../cli/extract-command.js';
import { endpoint, extractLlm, requestBody } from './llm.js';
import { locate } from './llm-reply.js';

const TEXT =
  "BAGHDAD, March 4 (Reuters) - A car bomb exploded in a crowded market in Baghdad's Sadr City on Friday, " +
  'killing at least 12 people and wounding 30, police said. ISIS claimed responsibility.';
const DOC = { id: 'wire-1', text: TEXT, published: '2017-03-04' };
const FIXTURE = readFileSync(
  new URL('../../test/fixtures/extract/llm-chat-completion.json', import.meta.url),
  'utf8',
);
const chat = (content: string): string =>
  JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] });

/** A local OpenAI-compatible server: records each request, answers with the next reply queued. */
let server: Server;
let base = '';
const seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: unknown }> =
  [];
let replies: Array<{ status: number; body: string }> = [];
/** How long the server takes to answer its n-th request (0-based) of a test. */
let delayMs: (n: number) => number = () => 0;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const n = seen.length;
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw) });
      const r = replies.shift() ?? { status: 200, body: FIXTURE };
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
      }, delayMs(n));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  seen.length = 0;
  replies = [];
  delayMs = () => 0;
  maxInFlight = 0;
});

describe('LLM extractor: contract with an OpenAI-compatible server', () => {
  it('sends model, system + user messages and a JSON response format, with the key as a bearer token', async () => {
    await extractLlm(DOC, { url: base, model: 'qwen2.5-7b-instruct', apiKey: 'sk-test-123' });
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
    expect(req!.headers.authorization).toBe('Bearer sk-test-123');
    expect(req!.body).toMatchObject({
      model: 'qwen2.5-7b-instruct',
      temperature: 0,
      response_format: { type: 'json_object' },
      messages: [{ role: 'system' }, { role: 'user' }],
    });
    const user = (req!.body as { messages: Array<{ content: string }> }).messages[1]!.content;
    expect(user).toContain('Published: 2017-03-04');
    expect(user).toContain(TEXT);
    expect(requestBody(DOC, { url: base })).toEqual({ ...(req!.body as object), model: 'default' });
  });

  it('parses a realistic chat.completion reply into a validated event with located evidence', async () => {
    const { events, fallback } = await extractLlm(DOC, { url: base, model: 'qwen2.5-7b-instruct' });
    expect(fallback).toBeUndefined();
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e).toMatchObject({
      doc_id: 'wire-1',
      date: '2017-03-03',
      attack_type: 'bombing',
      tactics: ['vbied'],
      target_type: 'private_citizens',
      fatalities: 12,
      wounded: 30,
      claimed: true,
      actor1: 'Islamic State',
      admin1_code: 'IQG08', // Baghdad governorate, resolved in the gazetteer
      extractor: { name: 'sitrep-llm:qwen2.5-7b-instruct' },
    });
    const at = (f: string): string => TEXT.slice(...(e!.evidence[f] as [number, number]));
    expect(at('fatalities')).toBe('killing at least 12 people');
    expect(at('attack_type')).toBe('car bomb');
    expect(at('claimed')).toBe('ISIS claimed responsibility');
    expect(e!.confidence).toBeGreaterThan(0);
  });

  it('repairs near-misses: a fenced reply, GTD labels, numbers as strings; a quote not in the text gives no span', async () => {
    const content =
      '```json\n' +
      JSON.stringify({
        events: [
          {
            attack_type: 'Bombing/Explosion',
            target_type: 'Private Citizens & Property',
            fatalities: 'at least 12',
            admin1: 'Baghdad',
            country: 'Iraq',
            quotes: { fatalities: 'killing at least 12', wounded: 'nowhere in the text' },
          },
        ],
      }) +
      '\n```';
    replies = [{ status: 200, body: chat(content) }];
    const { events } = await extractLlm(DOC, { url: base });
    expect(events[0]).toMatchObject({
      attack_type: 'bombing',
      target_type: 'private_citizens',
      fatalities: 12,
      admin1_code: 'IQG08',
    });
    expect(events[0]!.evidence.wounded).toBeUndefined();
  });

  it('falls back to the rules per document on an HTTP error, a non-JSON reply or no valid event', async () => {
    replies = [
      { status: 500, body: '{"error":"overloaded"}' },
      { status: 200, body: chat('Sure! Here are the events: none I think.') },
      { status: 200, body: chat('{"events": [42, "x"]}') },
    ];
    for (const why of ['HTTP 500', 'reply: not JSON', 'reply: 2 invalid event(s)']) {
      const r = await extractLlm(DOC, { url: base });
      expect(r.fallback).toBe(why);
      expect(r.events[0]).toMatchObject({
        attack_type: 'bombing',
        extractor: { name: 'sitrep-rules' },
      });
    }
  });

  it('reports fallbacks on stderr in pipe mode and never prints the API key', async () => {
    replies = [{ status: 401, body: '{"error":"bad key"}' }];
    const file = new URL('../../test/fixtures/extract/docs.ndjson', import.meta.url).pathname;
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      errors.push(String(s));
      return true;
    });
    try {
      await extractNdjson(file, sink, { url: base, apiKey: 'sk-secret-999' });
    } finally {
      spy.mockRestore();
    }
    expect(out).toContain('"doc_id":"wire-1"');
    expect(errors.join('')).toContain('1 × HTTP 401');
    expect(errors.join('')).not.toContain('sk-secret-999');
  });

  it('accepts a base URL or the full endpoint, and locates quotes ignoring case', () => {
    expect(endpoint('http://h:1/v1/')).toBe('http://h:1/v1/chat/completions');
    expect(endpoint('http://h:1/v1/chat/completions')).toBe('http://h:1/v1/chat/completions');
    expect(locate('A Car Bomb', 'car bomb')).toEqual([2, 10]);
  });

  it('keeps --llm-concurrency requests in flight (default 4) and writes events in input order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-llm-'));
    const file = join(dir, 'docs.ndjson');
    const ids = Array.from({ length: 9 }, (_, i) => `d${i}`);
    writeFileSync(file, ids.map((id) => JSON.stringify({ ...DOC, id })).join('\n') + '\n');
    // Earlier requests answer later, so completion order is the reverse of input order.
    delayMs = (n) => 400 - 40 * n;
    const run = async (concurrency?: number): Promise<string[]> => {
      let out = '';
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          out += chunk.toString();
          done();
        },
      });
      await extractNdjson(file, sink, { url: base, ...(concurrency ? { concurrency } : {}) });
      return out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { doc_id: string }).doc_id);
    };
    try {
      expect(await run(3)).toEqual(ids);
      expect(maxInFlight).toBe(3);
      maxInFlight = 0;
      seen.length = 0;
      expect(await run()).toEqual(ids);
      expect(maxInFlight).toBe(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
