import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecordParser, CsvSyntaxError } from './csv-parser.js';

/** Feeds `text` in chunks of `size` characters and collects every record. */
function parseAll(text: string, size = 3) {
  const p = new CsvRecordParser();
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
  out.push(...p.end());
  return out;
}

describe('CsvRecordParser', () => {
  it('splits fields and records across arbitrary chunk boundaries', () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      expect(parseAll('a,b,c\n1,22,333\n', size)).toEqual([
        { line: 1, values: ['a', 'b', 'c'] },
        { line: 2, values: ['1', '22', '333'] },
      ]);
    }
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines', () => {
    const rows = parseAll('id,text\n1,"a, ""b""\nc"\n2,x\n', 2);
    expect(rows).toEqual([
      { line: 1, values: ['id', 'text'] },
      { line: 2, values: ['1', 'a, "b"\nc'] },
      { line: 4, values: ['2', 'x'] },
    ]);
  });

  it('handles CRLF, a missing final newline, empty fields and a trailing comma', () => {
    expect(parseAll('a,b\r\n,\r\n1,', 4)).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['', ''] },
      { line: 3, values: ['1', ''] },
    ]);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(parseAll('a\n\n\nb\n')).toEqual([
      { line: 1, values: ['a'] },
      { line: 4, values: ['b'] },
    ]);
  });

  it('strips a byte-order mark', () => {
    expect(parseAll('\uFEFFid\n1\n')[0]!.values).toEqual(['id']);
  });

  it('drops one byte-order mark that opens a field, as DuckDB does, and keeps any other', () => {
    const bom = '\uFEFF';
    const text = `1,${bom}x,"${bom}q"\n${bom}2,z${bom}w," ${bom}p"\n3,${bom}${bom}y,"a\n${bom}b"\n`;
    expect(parseAll(text).map((r) => r.values)).toEqual([
      ['1', 'x', 'q'],
      ['2', `z${bom}w`, ` ${bom}p`],
      ['3', `${bom}y`, `a\n${bom}b`],
    ]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(parseAll('5" shell,x\n')[0]!.values).toEqual(['5" shell', 'x']);
  });

  it('refuses an unclosed quote at the end of input, naming the line it opened on', () => {
    expect(() => parseAll('a\n"open\nmore\n')).toThrow(CsvSyntaxError);
    try {
      parseAll('a\nb\n"open\nmore\n');
    } catch (err) {
      expect((err as CsvSyntaxError).line).toBe(3);
    }
  });

  it('refuses a record longer than the limit instead of buffering the whole file', () => {
    const p = new CsvRecordParser(100);
    expect(() => p.push('"' + 'x'.repeat(200))).toThrow(/longer than 100 characters/);
  });

  it('agrees with csv-parse on a generated file with awkward values', () => {
    const cells = ['plain', '', 'with,comma', 'with "quote"', 'multi\nline', 'ناسفة', ' spaced '];
    const rows: string[][] = [];
    for (let r = 0; r < 200; r++)
      rows.push([0, 1, 2, 3].map((c) => cells[(r * 3 + c) % cells.length]!));
    const text =
      rows
        .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
        .join('\n') + '\n';
    const expected = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    expect(parseAll(text, 13).map((r) => r.values)).toEqual(expected);
  });
});
