import { describe, expect, it } from 'vitest';
import { kindCue, offset, relativeCue } from './cues.js';
import { looseKey, spanKey, tokenize } from './tokens.js';
import { nameKey } from './normalize-name.js';

/** The relative cue before the last word of `text`. */
function before(text: string): ReturnType<typeof relativeCue> {
  const tokens = tokenize(text);
  return relativeCue(tokens, tokens.length - 1);
}

describe('relative expressions', () => {
  it('reads distance, unit and direction in English', () => {
    expect(before('40 km northeast of Baqubah')).toMatchObject({
      distance_km: 40,
      direction: 'northeast',
    });
    expect(before('40km north-east of Baqubah')).toMatchObject({
      distance_km: 40,
      direction: 'northeast',
    });
    expect(before('12 kilometres south west of Mosul')).toMatchObject({
      distance_km: 12,
      direction: 'southwest',
    });
    expect(before('10 miles east of Tikrit')?.distance_km).toBeCloseTo(16.09, 1);
  });

  it('reads a direction or "near" without a distance', () => {
    expect(before('south of Mosul')).toEqual({ direction: 'south', from: 0 });
    expect(before('near Hit')).toEqual({ from: 0 });
    expect(before('on the outskirts of Raqqa')?.direction).toBeUndefined();
    expect(before('in Mosul')).toBeUndefined();
  });

  it('reads Arabic directions and Arabic-Indic digits', () => {
    expect(before('جنوب غربي كركوك')).toMatchObject({ direction: 'southwest' });
    expect(before('٤٠ كم شمال شرق بعقوبة')).toMatchObject({
      distance_km: 40,
      direction: 'northeast',
    });
    expect(before('قرب سنجار')).toEqual({ from: 0 });
  });

  it('moves a point by distance and bearing', () => {
    const [lat, lon] = offset(33.0, 44.0, 111.32, 'north');
    expect(lat).toBeCloseTo(34.0, 3);
    expect(lon).toBe(44.0);
  });
});

describe('kind cues', () => {
  it('reads the kind word after or before a name', () => {
    const t = tokenize('the city of Homs and Homs province and محافظة حمص');
    expect(kindCue(t, 3, 3)).toBe('city');
    expect(kindCue(t, 5, 5)).toBe('governorate');
    expect(kindCue(t, 9, 9)).toBe('governorate');
  });
});

describe('tokens', () => {
  it('keys a run of tokens as nameKey keys the name', () => {
    for (const name of [
      'Deir ez-Zor',
      'Al-Hawija',
      'Ar-Raqqah',
      'الحويجة',
      'Tal Afar',
      'Abu Ghraib',
    ]) {
      expect(spanKey(tokenize(name)), name).toBe(nameKey(name));
    }
  });

  it('gives UTF-16 offsets into the original text', () => {
    const text = '🙂 in Ḥamāh, الموصل';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).not.toMatch(/[ ,]/);
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual([
      'in',
      'Ḥamāh',
      'الموصل',
    ]);
  });

  it('offers the word without an Arabic clitic', () => {
    const [t] = tokenize('بالموصل');
    expect(t?.alt).toBe('موصل');
  });

  it('folds transliteration variants in the loose key', () => {
    expect(looseKey('tallbisa')).toBe(looseKey('talbise'));
    expect(looseKey('baiji')).toBe(looseKey('bayji'));
  });
});
