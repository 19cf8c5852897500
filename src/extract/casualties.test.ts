import { describe, expect, it } from 'vitest';
import { casualties } from './casualties.js';

describe('casualties', () => {
  it.each([
    ['The attack killed 3 and wounded 7.', 3, 7],
    ['Eleven people were killed and a dozen injured.', 11, 12],
    ['At least 30 civilians were killed.', 30, null],
    ['A policeman was killed.', 1, null],
    ['The blast killed ٥ people and wounded ١٢.', 5, 12],
    ['مقتل ثلاثة جنود وإصابة ٧ آخرين', 3, 7],
    ['No casualties were reported.', 0, 0],
  ])('%s → killed %s, wounded %s', (text, killed, wounded) => {
    const c = casualties(text);
    expect([c.fatalities, c.wounded]).toEqual([killed, wounded]);
  });

  it('gives null for "dozens" with a note of the lower bound', () => {
    const c = casualties('Dozens of people were killed in the bombing.');
    expect(c.fatalities).toBeNull();
    expect(c.notes[0]).toMatch(/dozens.*at least 24/i);
  });

  it('skips counts of attackers', () => {
    const c = casualties('Security forces killed three suicide bombers.');
    expect(c.fatalities).toBeNull();
  });
});
