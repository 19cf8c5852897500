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
    ['Two hundred people were killed and 1,200 wounded.', 200, 1200],
    ['One hundred and five people died.', 105, null],
    ['Four soldiers and two civilians were killed.', 6, null],
    ['Three soldiers, two policemen and a civilian were killed.', 6, null],
    ['A bomb killed 3 people and 12 soldiers were wounded.', 3, 12],
    ['Eleven people, including three children, were killed.', 11, null],
    ['قتل خمسة أشخاص وأصيب عشرة آخرون بانفجار', 5, 10],
    ['The bomb killed nine civilians and four soldiers.', 13, null],
    ['The blast killed 10 people and 20 were wounded.', 10, 20],
    ['A suicide bomber detonated his vest, killing himself and 12 others.', 12, null],
    ['The death toll from the attack rose to 12 on Tuesday.', 12, null],
    ['No one was killed.', 0, 0],
    ['The attack caused no casualties.', 0, 0],
    ['There were no reported casualties.', 0, 0],
    ['The blast killed seven people including Adnan Bakkur, a local commander.', 7, null],
    // killed and wounded together: neither count is known
    ['مقتل وإصابة ١٥ شخصا', null, null],
  ])('%s → killed %s, wounded %s', (text, killed, wounded) => {
    const c = casualties(text);
    expect([c.fatalities, c.wounded]).toEqual([killed, wounded]);
  });

  it('gives null for "dozens" with a note of the lower bound', () => {
    const c = casualties('Dozens of people were killed in the bombing.');
    expect(c.fatalities).toBeNull();
    expect(c.notes[0]).toMatch(/dozens.*at least 24/i);
  });

  it('counts attackers apart from victims', () => {
    const c = casualties('Security forces killed three suicide bombers.');
    expect([c.fatalities, c.attackersKilled]).toEqual([null, 3]);
    const d = casualties('At least 15 assailants were killed and 16 others were injured.');
    expect([d.fatalities, d.wounded, d.attackersKilled]).toEqual([null, 16, 15]);
    expect(casualties('Two of the attackers were killed.').attackersKilled).toBe(2);
    expect(casualties('The assailant was also killed in the blast.').attackersKilled).toBe(1);
    expect(casualties('The perpetrator also died in the blast.').attackersKilled).toBe(1);
  });

  it('keeps "Peshmerga fighters" as victims although "fighters" names attackers elsewhere', () => {
    const c = casualties('The bombing killed 20 Peshmerga fighters.');
    expect([c.fatalities, c.attackersKilled]).toEqual([20, 0]);
  });

  it.each([
    ['Between 10 and 15 people were killed.', '10–15'],
    ['The blast killed 10 to 15 people.', '10–15'],
    ['Some 20-25 people were killed.', '20–25'],
  ])('gives null for the range in "%s", noting %s', (text, range) => {
    const c = casualties(text);
    expect(c.fatalities).toBeNull();
    expect(c.notes.join(' ')).toContain(range);
  });
});
