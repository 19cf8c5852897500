import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '../model/index.js';
import type { ScoredPair } from './cluster.js';
import { exclusiveAmbiguity } from './exclusive.js';

/** Only what the rule reads: which dataset a record is a row of. */
const row = (source_id: string) => ({ origin: 'dataset', source_id }) as LinkRecord;
const report = { origin: 'extracted', source_id: 'news' } as LinkRecord;

// Two month-precise CPOST rows (0, 1) and two IBC bombings in their city that month (2, 3).
const records = [row('cpost'), row('cpost'), row('ibc'), row('ibc')];
const ambiguousOnes = (pairs: ScoredPair[], recs = records) =>
  [...exclusiveAmbiguity(pairs, recs).keys()].map((p) => `${p.a}-${p.b}`).sort();

describe('exclusiveAmbiguity', () => {
  it('lets a match through when the rival bombing is clearly another row’s partner', () => {
    const pairs = [
      { a: 0, b: 2, score: 6 }, // row 0's best …
      { a: 0, b: 3, score: 5.8 }, // … but bombing 3 is close behind
      { a: 1, b: 3, score: 9 }, // bombing 3 is clearly row 1's
      { a: 1, b: 2, score: 1 },
    ];
    expect(ambiguousOnes(pairs)).toEqual(['0-3']);
    const why = [...exclusiveAmbiguity(pairs, records)].find(([p]) => p.a === 0 && p.b === 3)![1];
    // The pair left out names a clearer match that took one of its sides.
    expect(why).toBe("ambiguous: another ibc row scores 6.00 against this pair's 5.80");
  });

  it('abstains when neither rival is settled elsewhere', () => {
    const pairs = [
      { a: 0, b: 2, score: 6 },
      { a: 0, b: 3, score: 5.8 },
      { a: 1, b: 3, score: 6.1 },
      { a: 1, b: 2, score: 5.9 },
    ];
    expect(ambiguousOnes(pairs)).toEqual(['0-2', '0-3', '1-2', '1-3']);
  });

  it('never treats reports as exclusive: two news items may both match one row', () => {
    const recs = [row('ibc'), report, report];
    const pairs = [
      { a: 0, b: 1, score: 6 },
      { a: 0, b: 2, score: 5.9 },
    ];
    expect(ambiguousOnes(pairs, recs)).toEqual([]);
  });
});
