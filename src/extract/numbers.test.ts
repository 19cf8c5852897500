import { describe, expect, it } from 'vitest';
import { NUMBER_SOURCE, parseNumber } from './numbers.js';

/** The first number token in `text`, as the casualty patterns would read it. */
const firstToken = (text: string): string | undefined =>
  new RegExp(`\\b${NUMBER_SOURCE}\\b`, 'i').exec(text)?.[0];

describe('numbers', () => {
  it.each([
    ['1,200', 1200],
    ['٣٠', 30],
    ['eleven', 11],
    ['forty-two', 42],
    ['a dozen', 12],
    ['a hundred', 100],
    ['two hundred', 200],
    ['one hundred and five', 105],
    ['three hundred twelve', 312],
    ['خمسة', 5],
  ])('reads %s as %i', (token, value) => {
    expect(parseNumber(token)).toBe(value);
  });

  it('matches "two hundred" whole, not as "two"', () => {
    expect(firstToken('Two hundred people were killed')).toBe('Two hundred');
    expect(parseNumber(firstToken('One hundred and five died')!)).toBe(105);
  });

  it('has no value for a vague word', () => {
    expect(parseNumber('dozens')).toBeNull();
  });
});
