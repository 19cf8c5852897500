import { describe, expect, it } from 'vitest';
import { canonicalActor } from './actors.js';
import { gwnoToIso3, toIso3 } from './countries.js';

describe('canonicalActor', () => {
  it.each([
    'ISIS',
    'ISIL',
    'IS',
    'Daesh',
    "Da'esh",
    'DAESH',
    'Islamic State of Iraq and the Levant (ISIL)',
    'Islamic State of Iraq and the Levant',
    'الدولة الإسلامية',
    'الدولة الاسلامية',
    'داعش',
  ])('maps %s to Islamic State', (alias) => {
    expect(canonicalActor(alias)).toBe('Islamic State');
  });

  it('keeps the predecessor Islamic State of Iraq distinct', () => {
    expect(canonicalActor('Islamic State of Iraq (ISI)')).toBe('Islamic State of Iraq');
  });

  it('keeps unknown groups as given, trimmed, and empty values as null', () => {
    expect(canonicalActor('  Saraya Awliya al-Dam ')).toBe('Saraya Awliya al-Dam');
    expect(canonicalActor('')).toBeNull();
    expect(canonicalActor(null)).toBeNull();
  });
});

describe('toIso3', () => {
  it.each([
    ['Iraq', 'IRQ'],
    ['Syrian Arab Republic', 'SYR'],
    ['SY', 'SYR'],
    ['irq', 'IRQ'],
    ['العراق', 'IRQ'],
  ] as const)('maps %s to %s', (input, iso3) => {
    expect(toIso3(input)).toBe(iso3);
  });
  it('returns null for unknown names', () => {
    expect(toIso3('Atlantis')).toBeNull();
  });
  it('refuses bare numbers, which mean different countries in ISO and Gleditsch-Ward', () => {
    expect(toIso3('620')).toBeNull();
    expect(gwnoToIso3(620)).toBe('LBY');
    expect(gwnoToIso3('652')).toBe('SYR');
  });
});
