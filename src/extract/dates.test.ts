import { describe, expect, it } from 'vitest';
import { resolveDate } from './dates.js';

// Published on Saturday 2017-03-04.
const PUB = '2017-03-04';

describe('resolveDate: relative to the publication day', () => {
  it.each([
    ['on Friday', '2017-03-03', 1],
    ['yesterday', '2017-03-03', 1],
    ['يوم الجمعة', '2017-03-03', 1],
    ['last week', '2017-02-25', 2],
    ['early last month', '2017-02-01', 3],
    ['late last month', '2017-02-21', 3],
    ['in March', '2017-03-01', 3],
    ['in November', '2016-11-01', 3], // a month after publication is last year's
    ['on March 2', '2017-03-02', 1],
    ['07/09/2014', '2014-07-09', 1],
    ['9 July 2014', '2014-07-09', 1],
  ])('%s → %s (precision %i)', (phrase, date, precision) => {
    const text = `A bomb exploded ${phrase} in Mosul.`;
    const hit = resolveDate(text, PUB);
    expect(hit).toMatchObject({ date, precision });
    expect(text.slice(hit!.span[0], hit!.span[1])).toContain(phrase.replace(/^(on|in) /, ''));
  });

  it('gives null for a relative phrase without a publication date', () => {
    expect(resolveDate('A bomb exploded on Friday.', null)).toBeNull();
  });
});
