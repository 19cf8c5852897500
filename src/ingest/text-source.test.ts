import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanFile } from './text-source.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-scan-'));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('scanFile', () => {
  it('counts records quote-aware and says from which row line numbers shift', async () => {
    const text = 'a,b\n1,"two\nlines"\n2,x\n3,"three\r\nlines\nhere"\n4,"say ""hi""\n"\n5,y';
    const scan = await scanFile(file('multi.csv', text), 100);
    expect(scan.records).toBe(6);
    // Data row 0 spans one extra line, so rows from 1 on start a line later; row 2 two more,
    // so rows from 3 on three lines later; row 3 one more.
    expect(scan.shifts).toEqual([
      { row: 1, extra: 1 },
      { row: 3, extra: 3 },
      { row: 4, extra: 4 },
    ]);
    expect(scan.blankLine).toBe(false);
    expect(scan.longestRecord).toBe('3,"three\r\nlines\nhere"'.length);
    // The same through gzip.
    const gz = await scanFile(file('multi.csv.gz', gzipSync(text)), 100);
    expect({ ...gz, sha256: '', bytes: 0 }).toEqual({ ...scan, sha256: '', bytes: 0 });
  });

  it('sees blank lines outside quotes, not inside them', async () => {
    expect((await scanFile(file('blank.csv', 'a\n1\n\n2\n'), 100)).blankLine).toBe(true);
    expect((await scanFile(file('blank-crlf.csv', 'a\r\n1\r\n\r\n2\r\n'), 100)).blankLine).toBe(
      true,
    );
    expect((await scanFile(file('quoted.csv', 'a\n"1\n\n"\n2\n'), 100)).blankLine).toBe(false);
  });
});
