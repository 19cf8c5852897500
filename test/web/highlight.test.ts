/** Evidence spans → text segments for the drawer (web/src/highlight.ts), pure and in Node. */
import { describe, expect, it } from 'vitest';
import { segments } from '../../web/src/highlight.js';

describe('segments', () => {
  it('splits text into plain and highlighted parts in order', () => {
    const text = 'detonated an IED in Mosul';
    expect(
      segments(text, [
        { start: 20, end: 25, field: 'admin1' },
        { start: 0, end: 16, field: 'attack_type' },
      ]),
    ).toEqual([
      { text: 'detonated an IED', fields: ['attack_type'] },
      { text: ' in ', fields: [] },
      { text: 'Mosul', fields: ['admin1'] },
    ]);
  });

  it('merges overlapping spans into one highlight naming every field', () => {
    expect(
      segments('a police patrol', [
        { start: 2, end: 8, field: 'target_type' },
        { start: 2, end: 15, field: 'notes' },
      ]),
    ).toEqual([
      { text: 'a ', fields: [] },
      { text: 'police patrol', fields: ['target_type', 'notes'] },
    ]);
  });

  it('clips spans past the end and drops empty or inverted ones', () => {
    expect(
      segments('short', [
        { start: 3, end: 99, field: 'a' },
        { start: 4, end: 4, field: 'b' },
        { start: 2, end: 1, field: 'c' },
      ]),
    ).toEqual([
      { text: 'sho', fields: [] },
      { text: 'rt', fields: ['a'] },
    ]);
  });

  it('keeps UTF-16 offsets on Arabic text, as the extractor writes them', () => {
    const text = 'تفجير في الموصل';
    const start = text.indexOf('الموصل');
    const parts = segments(text, [{ start, end: start + 6, field: 'admin1' }]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.at(-1)).toEqual({ text: 'الموصل', fields: ['admin1'] });
  });
});
