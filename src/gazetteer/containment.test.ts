import { describe, expect, it } from 'vitest';
import { geoparse, type Toponym } from './geoparse.js';
import { primaryPlace } from './primary.js';

/** The primary place of an Iraq Body Count-style location string. */
const place = (text: string, country: 'IRQ' | 'SYR' = 'IRQ'): Toponym | null =>
  primaryPlace(geoparse(text, { countryHint: country }));

describe('"A, B": a name before the comma lies in the city named after it', () => {
  it('reads "Qadisiyah, Baghdad" as the Qadisiyah quarter of Baghdad, not Diwaniyah', () => {
    const out = geoparse('Qadisiyah, Baghdad', { countryHint: 'IRQ' });
    expect(primaryPlace(out)?.place_id).toBe('gn:98182'); // Baghdad city
    expect(primaryPlace(out)?.admin1_code).toBe('IQG08');
    const q = out[0] as Toponym;
    // kept as a place the gazetteer lacks, located by Baghdad, with what it was not
    expect(q.text).toBe('Qadisiyah');
    expect(q.place_id).toBeNull();
    expect(q.admin1_code).toBe('IQG08');
    expect(q.candidates.map((c) => c.place_id)).toContain('gn:99762'); // Al Diwaniyah
    expect(q.reason).toMatch(/not Al Diwaniyah .*lies in Baghdad/);
  });

  it('reads "Ta\'meem, Ramadi" as a quarter of Ramadi, not Kirkuk (Ta\'meem governorate)', () => {
    const p = place("Ta'meem, Ramadi");
    expect(p?.place_id).toBe('gn:98717'); // Ramadi city
    expect(p?.admin1_code).toBe('IQG01'); // Anbar
    expect(place('Tamim, south Ramadi')?.admin1_code).toBe('IQG01');
  });

  it('takes the container through a longer chain and through "A and B areas, east C"', () => {
    expect(place('Qadisiya, east Mosul')?.admin1_code).toBe('IQG15');
    expect(place('Mohammed al-Qassim Highway, east Baghdad')?.admin1_code).toBe('IQG08');
    const list = 'Al-Bakir, Al-Elam, Al-Qadisiyah Al-Ola and Al-Shuhada areas, east Mosul';
    expect(place(list)?.place_id).toBe('gn:99072'); // Mosul
    expect(place('Mustafa, Baquba')?.admin1_code).toBe('IQG10'); // not Mostafa in Maysan
  });

  it('reads a landmark named after a place as inside the container, through unknown names', () => {
    // a highway named after Mohammed al-Qasim, not Al-Qasim town in Babil
    expect(place('Mohammed al-Qasim highway, east Baghdad')?.admin1_code).toBe('IQG08');
    // Swaib is not in the gazetteer; Al-Salam is also a subdistrict of Maysan
    expect(place('Al-Salam checkpoint, Swaib, southwest Baghdad')?.admin1_code).toBe('IQG08');
    // Qayyarah intersection in Sadr City: not Qayyarah in Ninewa
    expect(place('Qayyarah intersection, Sadr City, east Baghdad')?.place_id).toBe(
      'gn:IQ.07.sadr-city',
    );
  });

  it('leaves a known part of the city as it was: "Sadr City, Baghdad"', () => {
    const p = place('Sadr City, Baghdad');
    expect(p?.place_id).toBe('gn:IQ.07.sadr-city');
    expect(p?.geo_precision).toBe(1);
    expect(place('Karrada, Baghdad')?.place_id).toBe('gn:98182');
  });

  it('keeps a town in the governorate that shares the city\'s name: "Hawija, Kirkuk"', () => {
    const p = place('Hawija, Kirkuk');
    expect(p?.place_id).toBe('gn:IQ.13.al-hawijah');
    expect(p?.admin1_code).toBe('IQG13');
    expect(p?.geo_precision).toBe(1);
  });

  it('lets a town beat a container that is only a governorate name: "Rawa, Qadisiyah, …"', () => {
    // "Qadisiyah" reads as Diwaniyah only through al-Qadisiyah governorate's name
    expect(place('Rawa, Qadisiyah, west of Ramadi')?.admin1_code).toBe('IQG01');
  });

  it('does not chain lists, relative places or a name that goes on', () => {
    const mosul = (text: string) => geoparse(text).find((t) => t.text === 'Mosul');
    expect(mosul('Attacks in Mosul, Kirkuk and Baghdad')?.place_id).toBe('gn:99072');
    expect(mosul('Bombs in Mosul, Kirkuk, and Baghdad')?.place_id).toBe('gn:99072');
    expect(mosul('Clashes in Mosul, Kirkuk police said')?.place_id).toBe('gn:99072');
    // Musayyib lies south of Baghdad, in Babil: "south of" is not "in" ("Musayyib, Baghdad" is)
    expect(place('Musayyib, south of Baghdad')?.admin1).toBe('Babil');
    expect(place('Musayyib, Baghdad')?.admin1_code).toBe('IQG08');
  });

  it('ends a chain at a country or at the end of the clause', () => {
    expect(place('Qadisiyah, Baghdad, Iraq')?.admin1_code).toBe('IQG08');
    expect(place('A bomb exploded in Qadisiyah, Baghdad, killing five')?.admin1_code).toBe('IQG08');
  });
});

describe('countryside: the governorate, coarse', () => {
  it.each([
    ['countryside of Aleppo', 'Aleppo', 'SY02'],
    ['Aleppo countryside', 'Aleppo', 'SY02'],
    ['rural Aleppo', 'Aleppo', 'SY02'],
    ['the eastern countryside of Deir ez-Zor', 'Deir ez-Zor', 'SY09'],
    ['ريف حلب', 'حلب', 'SY02'],
    // the countryside of Damascus is Rural Damascus, not the city's own governorate
    ['rural Damascus', 'Damascus', 'SY03'],
    ['countryside of Damascus', 'Damascus', 'SY03'],
  ])('reads "%s" as the governorate', (text, name, code) => {
    const t = geoparse(text).find((x) => x.text === name);
    expect(t?.place_id).toBe(`cod:${code}`);
    expect(t?.kind).toBe('governorate');
    expect(t?.geo_precision).toBe(3);
  });
});
