import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openCsv, toCsvLine } from './csv.js';
import { ImportError } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-csv-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function readAll(path: string) {
  const csv = await openCsv(path);
  const rows = [];
  for await (const r of csv.rows) rows.push(r);
  return { header: csv.header, rows, sha: csv.sha256() };
}

describe('openCsv', () => {
  it('numbers records by the line they start on, across quoted line breaks', async () => {
    const { rows } = await readAll(file('multi.csv', 'a,b\n1,"two\nlines"\n3,x\n'));
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0]!.values).toEqual(['1', 'two\nlines']);
  });

  it('strips a UTF-8 byte-order mark from the header', async () => {
    const { header } = await readAll(file('bom.csv', '\uFEFFid,name\n1,x\n'));
    expect(header).toEqual(['id', 'name']);
  });

  it('reads gzip files and hashes the bytes on disk', async () => {
    const plain = await readAll(file('p.csv', 'id\n1\n2\n'));
    const gz = await readAll(file('p.csv.gz', gzipSync('id\n1\n2\n')));
    expect(gz.rows.map((r) => r.values[0])).toEqual(['1', '2']);
    expect(plain.sha).toMatch(/^[0-9a-f]{64}$/);
    expect(gz.sha).not.toBe(plain.sha);
  });

  it('keeps short rows so the importer can quarantine them', async () => {
    const { rows } = await readAll(file('short.csv', 'a,b,c\n1,2\n'));
    expect(rows[0]!.values).toEqual(['1', '2']);
  });

  it('says an empty file is empty', async () => {
    await expect(openCsv(file('empty.csv', ''))).rejects.toThrow(/empty\.csv: empty file/);
  });

  it('names the file for a missing path', async () => {
    await expect(openCsv(join(dir, 'nope.csv'))).rejects.toThrow(/nope\.csv: cannot read: ENOENT/);
  });

  it('reports an unclosed quote as malformed CSV with a line, not a crash', async () => {
    const path = file('quote.csv', 'a,b\n1,2\n3,"open\n4,5\n');
    const err = await readAll(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/quote\.csv:\d+: malformed CSV/);
  });

  it('refuses a header that is not UTF-8', async () => {
    const latin1 = Buffer.from('id,ville\xe9\n1,x\n', 'latin1');
    await expect(openCsv(file('latin1.csv', latin1))).rejects.toThrow(
      /:1: header is not valid UTF-8/,
    );
  });

  it('reports corrupt gzip data', async () => {
    const broken = gzipSync('id\n1\n').subarray(0, 12);
    const err = await readAll(file('broken.csv.gz', broken)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
  });
});

describe('toCsvLine', () => {
  it('quotes only the cells that need it', () => {
    expect(toCsvLine(['a', 'b,c', 'd"e', 'f\ng'])).toBe('a,"b,c","d""e","f\ng"');
  });
});
