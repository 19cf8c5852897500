/**
 * Imports over HTTP, in process: an admin uploads a small ACLED file, polls the job to the end
 * and sees the events (through the response cache, which the finished import empties); other
 * roles are refused; oversize and unreadable uploads fail with the one error shape.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { createApp, type SitrepApp } from './app.js';
import { safeFileName } from './upload.js';
import { as, roleTokens, type Tokens } from './test-helpers.js';

const GOOD = readFileSync(join('test', 'fixtures', 'ingest', 'acled', 'good.csv'), 'utf8');
const GOOD_ROWS = GOOD.trim().split('\n').length - 1;

let store: Store;
let tokens: Tokens;
let app: SitrepApp;
let uploads: string;
const oldTmp = process.env.TMPDIR;

beforeAll(async () => {
  // Uploads land under os.tmpdir(): a private one shows whether they are cleaned up.
  uploads = mkdtempSync(join(tmpdir(), 'sitrep-import-test-'));
  process.env.TMPDIR = uploads;
  store = await Store.open(':memory:');
  tokens = await roleTokens(store);
  app = createApp({ store, auth: { anonymousRead: false }, maxUploadBytes: 64 * 1024 });
});
afterAll(() => {
  store.close();
  process.env.TMPDIR = oldTmp;
  rmSync(uploads, { recursive: true, force: true });
});

interface Job {
  id: string;
  status: string;
  file: string;
  rows: number;
  percent: number;
  inserted: number | null;
  quarantined: number | null;
  error: string | null;
}

async function upload(
  token: string,
  body: string,
  query = '',
  type = 'text/csv',
): Promise<Response> {
  return await app.request(`/api/imports${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
}

async function finished(id: string): Promise<Job> {
  await app.imports.idle();
  const res = await app.request(`/api/imports/${id}`, as(tokens.admin));
  expect(res.status).toBe(200);
  return (await res.json()) as Job;
}

const total = async () =>
  (
    (await (await app.request('/api/events?limit=1', as(tokens.viewer))).json()) as {
      total: number;
    }
  ).total;

describe('POST /api/imports', () => {
  it('imports an uploaded ACLED file in the background; its events then show in /api/events', async () => {
    const res = await upload(tokens.admin, GOOD, '?filename=good.csv&format=acled');
    expect(res.status).toBe(202);
    const job = (await res.json()) as Job;
    expect(job.status).toMatch(/^(queued|running)$/);
    // Asked while the import runs, so the cache holds the count from before it.
    expect(await total()).toBe(0);
    expect(res.headers.get('location')).toBe(`/api/imports/${job.id}`);

    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'done', file: 'good.csv', percent: 100, error: null });
    expect(done.rows).toBe(GOOD_ROWS);
    expect(done.inserted! + done.quarantined!).toBe(GOOD_ROWS);
    expect(done.inserted).toBeGreaterThan(0);
    // The finished import emptied the response cache: no stale zero.
    expect(await total()).toBe(done.inserted);
    // The temp file went with the job.
    expect(readdirSync(uploads)).toEqual([]);

    const list = (await (await app.request('/api/imports', as(tokens.admin))).json()) as {
      imports: Job[];
    };
    expect(list.imports[0]!.id).toBe(job.id);
  });

  it('takes a multipart form with a file part, and re-importing it adds nothing', async () => {
    const form = new FormData();
    form.set('file', new Blob([GOOD], { type: 'text/csv' }), 'again.csv');
    const res = await app.request('/api/imports', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}` },
      body: form,
    });
    expect(res.status).toBe(202);
    const done = await finished(((await res.json()) as Job).id);
    expect(done).toMatchObject({ status: 'done', file: 'again.csv', inserted: 0 });
  });

  it('fails a file the importer cannot read with its message, not a 500', async () => {
    const res = await upload(tokens.admin, 'name,colour\nfoo,blue\n', '?filename=notes.csv');
    expect(res.status).toBe(202);
    const done = await finished(((await res.json()) as Job).id);
    expect(done.status).toBe('failed');
    // The message names the file as the client called it, not the temp path.
    expect(done.error).toMatch(/^notes\.csv:1: cannot tell the format from the header/);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('refuses viewers and analysts (403) and anonymous callers (401)', async () => {
    for (const role of ['viewer', 'analyst'] as const) {
      const res = await upload(tokens[role], GOOD);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: `role ${role} may not do this (needs admin)`,
        code: 'forbidden',
      });
      expect((await app.request('/api/imports', as(tokens[role]))).status).toBe(403);
    }
    const anon = await app.request('/api/imports', { method: 'POST', body: GOOD });
    expect(anon.status).toBe(401);
  });

  it('answers 413 past the upload limit and keeps nothing on disk', async () => {
    const big = GOOD.repeat(Math.ceil((70 * 1024) / GOOD.length));
    const res = await upload(tokens.admin, big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: `upload over ${64 * 1024} bytes`,
      code: 'payload_too_large',
    });
    expect(readdirSync(uploads)).toEqual([]);
    // A declared length over the limit is refused before anything is read.
    const declared = await app.request('/api/imports', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-length': String(1 << 30) },
      body: 'x',
    });
    expect(declared.status).toBe(413);
  });

  it('rejects an unknown format name with the field named, and 404s an unknown job', async () => {
    const res = await upload(tokens.admin, GOOD, '?format=xlsx');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { field: string }).field).toBe('format');
    const missing = await app.request('/api/imports/nope', as(tokens.admin));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('not_found');
  });

  it('keeps an uploaded name inside its temp directory', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\data\\acled 2021.csv')).toBe('acled 2021.csv');
    expect(safeFileName('..')).toBe('upload.csv');
    expect(safeFileName('a;b|c$.csv')).toBe('a_b_c_.csv');
  });
});
