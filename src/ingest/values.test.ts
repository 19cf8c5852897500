import { describe, expect, it } from 'vitest';
import { FieldError } from './errors.js';
import { coordinates, count, dayFormat, parseDay, ymd } from './values.js';

describe('parseDay', () => {
  it.each([
    ['2021-09-05', '2021-09-05'],
    ['2021-9-5', '2021-09-05'],
    ['2021/09/05', '2021-09-05'],
    ['2016-01-01 00:00:00.000', '2016-01-01'],
    ['05 September 2021', '2021-09-05'],
    ['5 Sep 2021', '2021-09-05'],
    ['5-September-2021', '2021-09-05'],
    ['28 Feb 2017', '2017-02-28'],
    ['September 5, 2021', '2021-09-05'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDay(input, 'event_date')).toBe(expected);
  });

  it.each(['05/09/2021', 'yesterday', '2021-02-30', '31 Smarch 2021', ''])(
    'refuses %j and names the field',
    (input) => {
      expect(() => parseDay(input, 'event_date')).toThrow(FieldError);
      try {
        parseDay(input, 'event_date');
      } catch (err) {
        expect((err as FieldError).field).toBe('event_date');
      }
    },
  );
});

describe('ymd', () => {
  it('accepts 29 February in a leap year only', () => {
    expect(ymd(2020, 2, 29, 'd')).toBe('2020-02-29');
    expect(() => ymd(2021, 2, 29, 'd')).toThrow(/not a calendar date/);
  });
});

describe('count', () => {
  it('reads whole numbers with thousands separators and returns null for empty cells', () => {
    expect(count({ n: '1,204' }, 'n')).toBe(1204);
    expect(count({ n: ' ' }, 'n')).toBeNull();
    expect(count({}, 'n')).toBeNull();
  });
  it.each(['-1', '2.5', 'dozens'])('refuses %s', (v) => {
    expect(() => count({ n: v }, 'n')).toThrow(FieldError);
  });
});

describe('coordinates', () => {
  it('treats 0,0 as unknown rather than a place in the Gulf of Guinea', () => {
    expect(coordinates({ a: '0', o: '0' }, 'a', 'o')).toBeNull();
  });
  it('names the missing half of a pair', () => {
    expect(() => coordinates({ a: '33.3', o: '' }, 'a', 'o')).toThrow(/o|missing/);
    try {
      coordinates({ a: '', o: '44.4' }, 'a', 'o');
    } catch (err) {
      expect((err as FieldError).field).toBe('a');
    }
  });
  it('refuses out-of-range latitudes', () => {
    expect(() => coordinates({ a: '123', o: '44' }, 'a', 'o')).toThrow(/outside -90..90/);
  });
});

describe('dayFormat', () => {
  it.each([
    ['DD/MM/YYYY', '05/09/2021', '2021-09-05'],
    ['MM/DD/YYYY', '09/05/2021', '2021-09-05'],
    ['D MMM YYYY', '5 Sep 2021', '2021-09-05'],
    ['D MMM YYYY', '28  February 2017', '2017-02-28'],
    ['YYYY-MM-DD', '2021-9-5', '2021-09-05'],
    ['DD.MM.YYYY', ' 05.09.2021 ', '2021-09-05'],
  ])('reads with %s: %j as %s', (format, input, expected) => {
    expect(dayFormat(format)(input, 'day')).toBe(expected);
  });

  it.each([
    ['DD/MM/YYYY', '09/13/2021', /not a calendar date/],
    ['DD/MM/YYYY', '2021-09-05', /does not match the date format DD\/MM\/YYYY/],
    ['D MMM YYYY', '5 Smarch 2021', /no month name/],
  ])('with %s refuses %j and names the field', (format, input, message) => {
    expect(() => dayFormat(format)(input, 'day')).toThrow(message);
    expect(() => dayFormat(format)(input, 'day')).toThrow(FieldError);
  });

  it.each(['DD/MM', 'YYYY-MM-DD-DD', 'whenever'])('refuses the layout %j', (format) => {
    expect(() => dayFormat(format)).toThrow(/invalid date format/);
  });
});
