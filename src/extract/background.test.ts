import { describe, expect, it } from 'vitest';
import { isBackground, isSummary } from './background.js';

describe('background', () => {
  it('reads a toll over a span of years as background', () => {
    expect(
      isBackground(
        'Between 2014 and 2017, more than 5,000 civilians were killed in the battle for Mosul.',
        2017,
      ),
    ).toBe(true);
  });

  it('lets a specific attack outweigh a policy topic word, but not a bare mention', () => {
    const arson =
      'Militants burned two schools being prepared as polling stations for the provincial elections.';
    expect(isBackground(arson, 2009, true)).toBe(false);
    expect(isBackground('Turnout in the provincial elections was 51 percent.', 2009)).toBe(true);
  });

  it('tells a summary of several attacks from a report of one', () => {
    expect(isSummary('A wave of bombings hit government-held areas of Syria on Monday.')).toBe(
      true,
    );
    expect(isSummary('Attacks across Iraq killed at least 23 people on Wednesday.')).toBe(true);
    expect(isSummary('A car bomb exploded at a checkpoint near Tartus.')).toBe(false);
  });

  it("reads a toll over several attacks as no one attack's count", () => {
    expect(isBackground('Nine people were killed and 30 injured in the two blasts.', 2012)).toBe(
      true,
    );
    expect(isBackground('Nine people were killed and 30 injured in the blast.', 2012)).toBe(false);
  });
});
