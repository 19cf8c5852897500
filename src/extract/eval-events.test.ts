import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventGoldDocSchema, evaluateEventGold } from './eval-events.js';
import { extract } from './extract.js';

const docs = readFileSync(
  new URL('../../test/fixtures/extract/events-gold.ndjson', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => EventGoldDocSchema.parse(JSON.parse(l)));

describe('event-level evaluation on golden paragraphs (tuning part)', () => {
  it('yields no event from any background-only paragraph', () => {
    const r = evaluateEventGold(docs);
    expect(r.backgroundOnly).toBeGreaterThanOrEqual(9);
    expect(r.backgroundClean).toBe(r.backgroundOnly);
  });

  it('reaches event precision and recall of at least 0.90', () => {
    const r = evaluateEventGold(docs);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds every event of the multi-event roundups in the right governorate', () => {
    // tune-syria-wave opens with a summary ("a wave of bombings hit … Syria") that is no event
    // of its own; tune-ar-news-diyala joins two events with "فيما" (while).
    for (const id of ['roundup-1', 'syria-two', 'tune-syria-wave', 'tune-ar-news-diyala']) {
      const d = docs.find((x) => x.id === id)!;
      const got = extract(d).map((e) => [e.admin1_code !== null, e.attack_type]);
      expect(got).toEqual(d.events.map((g) => [true, g.attack_type]));
    }
  });

  it('dates "on Sunday" after a "BAGHDAD, June 12 -" dateline to the Sunday, not the dateline', () => {
    const d = docs.find((x) => x.id === 'roundup-1')!;
    expect(extract(d)[0]!.date).toBe('2017-06-11');
  });
});
