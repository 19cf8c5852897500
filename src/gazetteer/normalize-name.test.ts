import { describe, expect, test } from 'vitest';
import { nameAlternatives, nameKey, normalizeName } from './normalize-name.js';

describe('normalizeName', () => {
  test.each([
    ['Salah Al-Din Governorate', 'salah al din'],
    ['Muhafazat Dimashq', 'dimashq'],
    ['Governorate of Homs', 'homs'],
    ['Ar Rastan District', 'ar rastan'],
    ["Dar'a", 'dara'],
    ['Wāsiţ', 'wasit'],
    ['Qaḑā’ al Madā’in', 'al madain'],
    ['Qeza-î Mêrgasur', 'mergasur'],
    ['محافظة صلاح الدين', 'صلاح الدين'],
    ['  Deir-ez-Zor  ', 'deir ez zor'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  test('keeps a name that is only an admin word rather than emptying it', () => {
    expect(normalizeName('District')).toBe('district');
  });
});

describe('nameKey', () => {
  test('ignores article forms, hyphens and a final h', () => {
    const keys = ['Ar-Raqqa', 'Raqqah', 'Al Raqqa', 'ar raqqah governorate'].map(nameKey);
    expect(new Set(keys)).toEqual(new Set(['raqqa']));
  });

  test('treats assimilated articles like al- (ad-Din = al-Din)', () => {
    expect(nameKey('Salah ad-Din')).toBe(nameKey('Salah Al-Din'));
    expect(nameKey('Deir ez-Zor')).toBe(nameKey('Deir el Zor'));
  });

  test('folds Arabic letter variants: hamza on alef, ta marbuta, alef maqsura, the article', () => {
    expect(nameKey('الأنبار')).toBe(nameKey('انبار'));
    expect(nameKey('حماة')).toBe(nameKey('حماه'));
    expect(nameKey('ديالى')).toBe(nameKey('ديالي'));
    expect(nameKey('كربلاء')).toBe(nameKey('كربلا'));
  });

  test('keeps letters that tell places apart', () => {
    expect(nameKey('Damascus')).not.toBe(nameKey('Rural Damascus'));
    expect(nameKey('Nineveh')).not.toBe(nameKey('Ninewa')); // needs an alias, not a guess
  });
});

test('nameAlternatives splits "A (B)" and "A / B" labels, whole name first', () => {
  expect(nameAlternatives('Lattakia (Al Ladhiqiyah)')).toEqual([
    'Lattakia (Al Ladhiqiyah)',
    'Lattakia',
    'Al Ladhiqiyah',
  ]);
  expect(nameAlternatives('Al Qadisiyah / Al Diwaniyah')).toHaveLength(3);
  expect(nameAlternatives('Homs')).toEqual(['Homs']);
});
