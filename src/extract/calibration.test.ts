import { describe, expect, it } from 'vitest';
import { calibrationModel, FEATURE_NAMES } from './confidence.js';
import { labelEvent } from './distant.js';
import { eventMatches, parseGoldPage } from './eval.js';
import { extract } from './extract.js';
import { fitLogistic, predictLogistic } from './logistic.js';
import { reliability } from './reliability.js';

describe('confidence calibration', () => {
  it('fits a logistic map that follows the data: 3 of 4 right when x = 1, 1 of 4 when x = 0', () => {
    const xs = [[1], [1], [1], [1], [0], [0], [0], [0]];
    const ys = [true, true, true, false, true, false, false, false];
    const m = fitLogistic(xs, ys, { l2: 0 });
    expect(predictLogistic(m, [1])).toBeCloseTo(0.75, 3);
    expect(predictLogistic(m, [0])).toBeCloseTo(0.25, 3);
  });

  it('measures ECE as the count-weighted gap between stated and observed', () => {
    const r = reliability([
      [0.9, true],
      [0.9, false],
      [0.15, false],
    ]);
    expect(r.ece).toBeCloseTo((2 / 3) * 0.4 + (1 / 3) * 0.15, 6);
    expect(r.bins.filter((b) => b.n > 0).map((b) => b.n)).toEqual([1, 2]);
    expect(r.brier).toBeCloseTo((0.01 + 0.81 + 0.0225) / 3, 6);
  });

  it('ships a model fitted on the current feature layout, and uses it', () => {
    expect(calibrationModel()?.features).toEqual([...FEATURE_NAMES]);
    const [e] = extract({ id: 'c1', text: 'A car bomb killed 5 soldiers in Kirkuk on Friday.' });
    expect(e!.confidence).toBeGreaterThan(0.5);
    expect(Object.keys(e!.field_confidence ?? {}).sort()).toEqual([
      'admin1',
      'attack_type',
      'fatalities',
      'target_type',
    ]);
  });

  it('labels a UCDP-style headline right when its governorate is any of the coded ones', () => {
    const [e] = extract({ id: 'u1', text: 'Shelling targets Azaz city leaving 3 dead' });
    const labels = labelEvent(e!, {
      admin1: ['SY02', 'SY07'],
      attack: null,
      targets: null,
      fatalities: null,
    });
    expect(labels).toEqual({ admin1: true, event: true });
  });

  it('matches an event to a gold page only with the same governorate and a compatible type', () => {
    const page = parseGoldPage(
      JSON.stringify({
        gtdid: '1',
        date: '2017-03-03',
        summary: '03/03/2017: A car bomb exploded in Kirkuk.',
        attack_types: ['Bombing/Explosion'],
      }),
    );
    const [e] = extract({ id: '1', text: page.text });
    expect(eventMatches(e!, { page, admin1Gold: 'IQG13' })).toBe(true);
    expect(eventMatches(e!, { page, admin1Gold: 'IQG08' })).toBe(false);
    expect(eventMatches({ ...e!, attack_type: 'kidnapping' }, { page, admin1Gold: 'IQG13' })).toBe(
      false,
    );
  });
});
