import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundledDataPath } from '../model/index.js';
import { NeedleAutomaton, NeedleIndex } from './needles.js';
import { TARGET_RULES } from './targets.js';
import { TRIGGER_RULES } from './triggers.js';

/** Real text to check the needles against: the bundled UCDP headlines and the extract fixtures. */
function corpus(): string {
  const ucdp = gunzipSync(readFileSync(bundledDataPath('events/ucdp_ged_syria_2016_2019.csv.gz')))
    .toString()
    .slice(0, 1_500_000); // ~2,300 rows: every rule fires, and the test stays quick
  const docs = readFileSync(
    new URL('../../test/fixtures/extract/docs.ndjson', import.meta.url),
    'utf8',
  );
  const tests = ['extract.test.ts', 'targets.test.ts', 'casualties.test.ts']
    .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
    .join('\n');
  return `${ucdp}\n${docs}\n${tests}`;
}

describe('rule needles (the cheap pre-check before each regex)', () => {
  const text = corpus();
  for (const [name, rules] of [
    ['trigger', TRIGGER_RULES],
    ['target', TARGET_RULES],
  ] as const) {
    it(`never hide a ${name} match: every match in real text contains one of its rule's needles`, () => {
      const missed: string[] = [];
      for (const rule of rules) {
        const re = new RegExp(rule.re.source, rule.re.flags);
        for (const m of text.matchAll(re)) {
          const lower = m[0].toLowerCase();
          if (!rule.needles.some((n) => lower.includes(n))) missed.push(m[0]);
        }
      }
      expect(missed).toEqual([]);
    });
  }
});

describe('NeedleAutomaton', () => {
  it('finds every needle, overlapping ones included, in one pass', () => {
    const a = new NeedleAutomaton(['he', 'she', 'his', 'hers', 'ied']);
    expect(Object.fromEntries(a.scan('ushers carried'))).toEqual({
      she: [1],
      he: [2],
      hers: [2],
      ied: [11],
    });
  });

  it('answers per clause: a needle counts only inside the range', () => {
    const text = 'A car bomb. Gunmen fired.';
    const index = new NeedleIndex(text, new NeedleAutomaton(['bomb', 'gunm']));
    expect(index.mayMatch(['bomb'], 0, 11)).toBe(true);
    expect(index.mayMatch(['bomb'], 12, text.length)).toBe(false);
    expect(index.mayMatch(['gunm'], 12, text.length)).toBe(true);
  });
});
