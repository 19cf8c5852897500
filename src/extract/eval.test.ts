import { describe, expect, it } from 'vitest';
import { evaluateExtraction, parseGoldPage, writesNumber } from './eval.js';

const page = (id: string, summary: string, fatalities: number) =>
  parseGoldPage(
    JSON.stringify({
      gtdid: id,
      summary,
      date: '2016-01-11',
      country: 'Iraq',
      provstate: 'Diyala',
      attack_types: ['Bombing/Explosion'],
      targets: [{ type: 'Private Citizens & Property' }],
      groups: [],
      fatalities,
      injured: null,
    }),
  );

describe('writesNumber', () => {
  it('finds a count written as digits or words, in English or Arabic', () => {
    expect(writesNumber('At least 20 people were killed', 20)).toBe(true);
    expect(writesNumber('eleven soldiers were killed', 11)).toBe(true);
    expect(writesNumber('مقتل ١٢ شخصا', 12)).toBe(true);
    expect(writesNumber('At least 20 people were killed', 21)).toBe(false);
    expect(writesNumber('120 people', 20)).toBe(false);
  });
});

describe('evaluateExtraction', () => {
  it('counts a fatality miss the text could not give apart from one it could', () => {
    const r = evaluateExtraction(
      [
        // Read right: three victims plus the bomber, as GTD counts.
        page(
          'a',
          'A suicide bomber detonated an explosives-laden vehicle in Nahrawan, Diyala, Iraq. In addition to the bomber, at least three people were killed.',
          4,
        ),
        // The text gives 29 for two attacks; GTD coded 14 for this one: no reading gets it.
        page(
          'b',
          'A suicide bomber in a car detonated near a police building in Baquba, Diyala, Iraq. This was one of two attacks in the city on this day. A total of 29 people were killed in both attacks.',
          14,
        ),
        // The text writes 3 (of vehicles): a miss, but not one the text rules out.
        page(
          'c',
          'A car bomb exploded in a market in Baquba, Diyala, Iraq, burning three vehicles. No one was killed.',
          3,
        ),
      ],
      'dev',
    );
    expect(r.fatalities.n).toBe(3);
    expect(r.fatalities.hits).toBe(1);
    expect(r.fatalities.unwritten).toBe(1);
  });
});
