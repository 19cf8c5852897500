import { describe, expect, it } from 'vitest';
import { geoparse } from './geoparse.js';
import { primaryPlace } from './primary.js';

describe('primaryPlace', () => {
  it('lets the area named in a post-2019 communiqué outrank the wilaya and its header label', () => {
    const text = 'ولاية العراق - كركوك: تفجير عبوة ناسفة على آلية للجيش في الحويجة';
    const p = primaryPlace(geoparse(text));
    // Hawija town in Kirkuk governorate: not Iraq (the wilaya), not Kirkuk (the header label).
    expect(p?.place_id).toBe('gn:IQ.13.al-hawijah');
    expect(p?.admin1).toBe('Kirkuk');
    expect(p?.geo_precision).toBe(1);
    expect(text.slice(p?.start, p?.end)).toBe('الحويجة');
  });

  it('falls back to the header label when the body names no place', () => {
    const p = primaryPlace(geoparse('ولاية العراق - كركوك: تفجير عبوة ناسفة على آلية للجيش'));
    expect(p?.admin1_code).toBe('IQG13'); // Kirkuk, finer than Wilayat al-Iraq
  });

  it('keeps a wilaya alone as a coarse place: Wilayat al-Khayr is Deir-ez-Zor governorate', () => {
    const p = primaryPlace(geoparse('Wilayat al-Khayr'));
    expect(p?.kind).toBe('wilaya');
    expect(p?.admin1).toBe('Deir-ez-Zor');
    expect(p?.geo_precision).toBe(3);
  });

  it('prefers the town to the governorate named before it', () => {
    const p = primaryPlace(
      geoparse('In Diyala governorate, gunmen attacked a checkpoint in Baqubah'),
    );
    expect(p?.name).toBe('Baqubah');
  });

  it('places an event on a river by the town named with it, and keeps a river named alone', () => {
    for (const text of ['Tigris River, south Baghdad', 'a body found in the Tigris near Baghdad']) {
      const p = primaryPlace(geoparse(text));
      expect(p?.kind).not.toBe('river');
      expect(p?.admin1).toBe('Baghdad');
    }
    expect(primaryPlace(geoparse('clashes along the Euphrates'))?.kind).toBe('river');
  });

  it('abstains (null) when nothing resolves', () => {
    expect(primaryPlace(geoparse('Gunmen killed two people.'))).toBeNull();
    expect(primaryPlace([])).toBeNull();
  });
});
