import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ToponymSchema } from '../model/index.js';
import { geoparse, type Toponym } from './geoparse.js';
import { primaryPlace } from './primary.js';

/** The toponym whose text is `name` (the first one). */
function find(toponyms: Toponym[], name: string): Toponym {
  const t = toponyms.find((x) => x.text === name);
  if (!t) throw new Error(`no toponym "${name}" in ${JSON.stringify(toponyms.map((x) => x.text))}`);
  return t;
}

/** The span `name` occupies in `text`, as [start, end]. */
function span(text: string, name: string): [number, number] {
  const start = text.indexOf(name);
  return [start, start + name.length];
}

describe('geoparse: English golden sentences', () => {
  it('finds Tarmiyah in Baghdad governorate, and Baghdad as the anchor of "north of"', () => {
    const text = 'A suicide bomber struck a checkpoint in Tarmiyah, north of Baghdad';
    const out = geoparse(text);
    // Tarmiyah (At Tarmiyah), a town in Baghdad governorate (IQG08), GeoNames
    const tarmiyah = find(out, 'Tarmiyah');
    expect([tarmiyah.start, tarmiyah.end]).toEqual(span(text, 'Tarmiyah'));
    expect(tarmiyah.place_id).toBe('gn:IQ.07.at-tarmiyah');
    expect(tarmiyah.admin1_code).toBe('IQG08');
    expect(tarmiyah.geo_precision).toBe(1);
    // "north of Baghdad": relative to Baghdad city (GeoNames 98182)
    const baghdad = find(out, 'Baghdad');
    expect(baghdad.relative).toEqual({ anchor_place_id: 'gn:98182', direction: 'north' });
    expect(baghdad.geo_precision).toBe(2);
  });

  it('reads "the city of Homs" as Homs city and "Homs province" as the governorate', () => {
    // Homs city (GeoNames 169577), not Homs governorate
    const city = find(geoparse('Government forces shelled the city of Homs.'), 'Homs');
    expect(city.place_id).toBe('gn:169577');
    expect(city.kind).toBe('city');
    // Homs governorate (COD-AB SY04), not the city
    const province = find(geoparse('Clashes continued across Homs province.'), 'Homs');
    expect(province.place_id).toBe('cod:SY04');
    expect(province.geo_precision).toBe(3);
  });

  it('takes a bare "Homs" as the city, keeping the governorate among the candidates', () => {
    const homs = find(geoparse('Shelling in Homs killed two.'), 'Homs');
    expect(homs.place_id).toBe('gn:169577');
    expect(homs.candidates.map((c) => c.place_id)).toContain('cod:SY04');
  });

  it('resolves "a village in Kirkuk province, near the town of Hawija"', () => {
    const text = 'Gunmen attacked a village in Kirkuk province, near the town of Hawija.';
    const out = geoparse(text);
    // Kirkuk governorate (IQG13)
    expect(find(out, 'Kirkuk').place_id).toBe('cod:IQG13');
    // Hawija town (Al Hawijah, GeoNames) in Kirkuk governorate
    const hawija = find(out, 'Hawija');
    expect([hawija.start, hawija.end]).toEqual(span(text, 'Hawija'));
    expect(hawija.place_id).toBe('gn:IQ.13.al-hawijah');
    expect(hawija.admin1_code).toBe('IQG13');
  });

  it('places "40 km northeast of Baqubah" relative to Baqubah, 40 km away, geo_precision 2', () => {
    const text = 'A car bomb exploded 40 km northeast of Baqubah on Tuesday.';
    const t = find(geoparse(text), 'Baqubah');
    // anchor: Baqubah city (GeoNames 97990), Diyala (IQG10)
    expect(t.relative).toEqual({
      anchor_place_id: 'gn:97990',
      distance_km: 40,
      direction: 'northeast',
    });
    expect(t.geo_precision).toBe(2);
    expect(t.lat).toBeGreaterThan(33.9);
    expect(t.lon).toBeGreaterThan(44.8);
    expect(t.admin1_code).toBe('IQG10');
  });

  it('reads "south of Mosul" and "near Hit" as relative locations', () => {
    const out = geoparse('Fighting 20 km south of Mosul and near Hit.');
    // Mosul city (GeoNames 99072), 20 km south
    expect(find(out, 'Mosul').relative).toEqual({
      anchor_place_id: 'gn:99072',
      distance_km: 20,
      direction: 'south',
    });
    // Hit town in Al-Anbar (IQG01)
    const hit = find(out, 'Hit');
    expect(hit.relative?.anchor_place_id).toBe('gn:IQ.01.hit');
    expect(hit.admin1_code).toBe('IQG01');
  });

  it('reads "east Mosul" as part of Mosul, but "east of Mosul" and Arabic "شرق الموصل" as beside it', () => {
    const part = find(geoparse('A bomb went off in east Mosul.'), 'Mosul');
    expect(part.relative).toBeUndefined();
    expect(part.geo_precision).toBe(1);
    const beside = find(geoparse('A bomb went off east of Mosul.'), 'Mosul');
    expect(beside.relative).toEqual({ anchor_place_id: 'gn:99072', direction: 'east' });
    expect(beside.geo_precision).toBe(2);
    const arabic = geoparse('انفجار عبوة ناسفة شرق الموصل')[0];
    expect(arabic?.relative?.direction).toBe('east');
  });

  it('does not read the verb "hit" or "white" as the town of Hit', () => {
    expect(geoparse('a roadside bomb hit a patrol')).toEqual([]);
    expect(geoparse('Roadside Bomb Hit A Patrol')).toEqual([]);
    expect(geoparse('The white car was seen in Mosul.').map((t) => t.text)).toEqual(['Mosul']);
  });

  it('returns [] for a text that names no place', () => {
    expect(geoparse('Three soldiers were killed and five wounded in the attack.')).toEqual([]);
  });

  it('captures an unknown village after "the village of", located by the governorate', () => {
    const text = 'Militants attacked the village of Tal Jabal in Kirkuk province.';
    const village = find(geoparse(text), 'Tal Jabal');
    expect(village.place_id).toBeNull();
    expect(village.kind).toBe('village');
    expect(village.admin1_code).toBe('IQG13');
    expect(village.geo_precision).toBe(3); // only the governorate is known
  });

  it('locates an unknown village by a town named beside it, geo_precision 2', () => {
    const village = find(
      geoparse('Militants attacked the village of Tal Jabal, near Hawija.'),
      'Tal Jabal',
    );
    expect(village.admin2_code).toBe('IQG13Q01'); // Hawija district
    expect(village.geo_precision).toBe(2);
  });

  it('abstains between two villages of one name in different governorates, keeping both', () => {
    const t = find(geoparse('Clashes in Kafrah village.'), 'Kafrah');
    expect(t.place_id).toBeNull();
    expect(t.reason).toMatch(/^none: ambiguous/);
    expect(t.candidates.map((c) => c.place_id)).toEqual(
      expect.arrayContaining(['ucdp:kafrah-kesra-village', 'ucdp:kafrah-village']),
    );
  });

  it('decides between same-named villages by the governorate named in the text', () => {
    // Kafrah in Aleppo governorate (SY02), not the one in Al-Hasakeh
    const t = find(geoparse('Clashes in Kafrah village, Aleppo province.'), 'Kafrah');
    expect(t.place_id).toBe('ucdp:kafrah-village');
    expect(t.admin1_code).toBe('SY02');
    expect(t.reason).toMatch(/named in the text/);
  });

  it('matches spelling variants of Deir ez-Zor', () => {
    for (const name of ['Deir ez-Zor', 'Dayr az Zawr', 'Deir Ezzor', 'Deir al-Zour']) {
      const t = find(geoparse(`Airstrikes on ${name} killed five.`), name);
      expect(t.admin1_code, name).toBe('SY09');
    }
  });

  it('reads UCDP village names such as Ein Laroz', () => {
    const t = find(geoparse('Bombardment targets Ein Laroz.'), 'Ein Laroz');
    expect(t.place_id).toBe('ucdp:ein-laroz-town');
    expect(t.admin1_code).toBe('SY07');
  });

  it('reads Islamic State province names as coarse wilayas', () => {
    const t = find(geoparse('Wilayat al-Khayr claimed the attack.'), 'Wilayat al-Khayr');
    expect(t.place_id).toBe('wilaya:al-khayr');
    expect(t.kind).toBe('wilaya');
    expect(t.admin1_code).toBe('SY09'); // Deir ez-Zor
    expect(t.geo_precision).toBe(3);
  });

  it('reads "Damascus countryside" as Rural Damascus', () => {
    const t = find(geoparse('Regime forces target Damascus countryside'), 'Damascus countryside');
    expect(t.place_id).toBe('cod:SY03');
  });

  it("places a town's countryside around the town (precision 2), not at it", () => {
    const around = find(geoparse('Continued clashes in Salamia countryside'), 'Salamia');
    expect(around).toMatchObject({ name: 'As Salamiyah', geo_precision: 2 });
    expect(around.reason).toMatch(/^around As Salamiyah/);
    // a governorate's desert (its badia) is the governorate, as its countryside is
    expect(find(geoparse('Clashes in the eastern desert of Homs'), 'Homs')).toMatchObject({
      kind: 'governorate',
      geo_precision: 3,
    });
    // the town itself stays exact
    expect(find(geoparse('Clashes in Salamia'), 'Salamia').geo_precision).toBe(1);
  });

  it('favours the country of countryHint', () => {
    const t = find(geoparse('Clashes in Hit.', { countryHint: 'IRQ' }), 'Hit');
    expect(t.country).toBe('IRQ');
  });
});

describe('geoparse: a location field (IBC, CPOST place columns)', () => {
  const primary = (text: string) => primaryPlace(geoparse(text, { field: true }));

  it('takes a bare town or subdistrict name that prose would need a preposition for', () => {
    // In prose a capitalised "Hit" may be the verb, and a subdistrict-only name is too weak.
    expect(geoparse('Jalawla.')).toEqual([]);
    expect(geoparse('Hit, Center of town')).toEqual([]);
    expect(primary('Jalawla.')).toMatchObject({ admin1_code: 'IQG10', geo_precision: 2 });
    expect(primary('Hit, Center of town')).toMatchObject({ name: 'Hit', admin1_code: 'IQG01' });
    expect(primary('US and ICDC base, Taji')).toMatchObject({ admin1_code: 'IQG08' });
  });

  it('keeps a field name in the place after its comma, or near the place it names', () => {
    // "Al-Wihda" is also a subdistrict of Baghdad; here it is a quarter of Jalawla (Diyala).
    expect(primary('Al-Wihda, Jalawla')).toMatchObject({ admin1_code: 'IQG10' });
    // "Rasheed" read alone is Al-Rashid in Baghdad, ~100 km from Hilla: not taken, and the
    // field falls back on "near Hilla" as in prose.
    const rasheed = geoparse('Rasheed, near Hilla', { field: true });
    expect(rasheed.find((t) => t.text === 'Rasheed')?.place_id ?? null).toBeNull();
    expect(primaryPlace(rasheed)).toMatchObject({ admin1_code: 'IQG07' });
  });

  it('reads "A, B or C, City" as a chain: A lies in the city', () => {
    // "al-Mustafa" alone is a town in Maysan; "Jihad or Furat" are the quarter's two names.
    const t = geoparse('al-Mustafa Husseiniya, Jihad or Furat, Baghdad', { field: true });
    expect(find(t, 'al-Mustafa')).toMatchObject({ admin1_code: 'IQG08' });
    expect(primaryPlace(t)).toMatchObject({ admin1_code: 'IQG08' });
    // a list that ends in "…, and Baghdad" is still a list
    expect(find(geoparse('Bombs in Mosul, Kirkuk, and Baghdad'), 'Mosul').admin1_code).toBe(
      'IQG15',
    );
  });
});

describe('geoparse: Arabic golden sentences', () => {
  it('finds Hawija district (قضاء الحويجة) in Kirkuk and Kirkuk as the anchor', () => {
    const text = 'قتل ثلاثة من عناصر الشرطة بتفجير عبوة ناسفة في قضاء الحويجة جنوب غربي كركوك';
    const out = geoparse(text);
    // Hawija district (COD-AB IQG13Q01), Kirkuk governorate IQG13
    const hawija = find(out, 'الحويجة');
    expect([hawija.start, hawija.end]).toEqual(span(text, 'الحويجة'));
    expect(hawija.place_id).toBe('cod:IQG13Q01');
    expect(hawija.admin1_code).toBe('IQG13');
    expect(hawija.geo_precision).toBe(2);
    // "جنوب غربي كركوك": southwest of Kirkuk city (GeoNames 94787)
    expect(find(out, 'كركوك').relative).toEqual({
      anchor_place_id: 'gn:94787',
      direction: 'southwest',
    });
  });

  it('reads Arabic-Indic digits and a clitic preposition', () => {
    const t = find(geoparse('انفجار على بعد ٤٠ كم شمال شرق بعقوبة'), 'بعقوبة');
    expect(t.relative).toEqual({
      anchor_place_id: 'gn:97990',
      distance_km: 40,
      direction: 'northeast',
    });
    // بالموصل = "in Mosul": Mosul city (GeoNames 99072)
    expect(find(geoparse('هجوم بالموصل'), 'بالموصل').place_id).toBe('gn:99072');
  });

  it('reads محافظة حمص as the governorate and ولاية الخير as a wilaya', () => {
    expect(find(geoparse('قصف في محافظة حمص'), 'حمص').place_id).toBe('cod:SY04');
    expect(find(geoparse('أعلنت ولاية الخير عن هجوم'), 'ولاية الخير').place_id).toBe(
      'wilaya:al-khayr',
    );
  });

  it('folds Arabic letter variants (ة/ه, ى/ي, أ/ا)', () => {
    const a = find(geoparse('هجوم في الرقة'), 'الرقة');
    const b = find(geoparse('هجوم في الرقه'), 'الرقه');
    expect(a.admin1_code).toBe('SY11');
    expect(b.place_id).toBe(a.place_id);
  });
});

describe('geoparse: bad input', () => {
  it('returns [] for empty and non-string input', () => {
    expect(geoparse('')).toEqual([]);
    expect(geoparse(null as unknown as string)).toEqual([]);
  });

  // Speed is measured by `npm run bench:geoparse`; this guards against a pattern that
  // backtracks without end (the test's time limit fails it), not against a slow machine.
  it('reads 10 MB of text to the end', { timeout: 120_000 }, () => {
    const text = 'Clashes in Mosul and near Hit. '.repeat(350_000);
    const out = geoparse(text);
    expect(out.length).toBeGreaterThan(0);
  });

  it('survives binary garbage and mixed scripts', () => {
    const garbage = randomBytes(200_000).toString('latin1');
    expect(() => geoparse(garbage)).not.toThrow();
    const mixed = 'Clashes في الموصل and 北京 near Raqqa \u0000\uFFFD\uD800 🙂 Ḥamāh';
    const out = geoparse(mixed);
    expect(out.map((t) => t.admin1_code)).toEqual(expect.arrayContaining(['IQG15', 'SY11']));
  });
});

describe('geoparse output', () => {
  it('conforms to the model schema that the CLI and extraction rely on', () => {
    const text =
      'A car bomb exploded 40 km northeast of Baqubah; ولاية كركوك: تفجير عبوة ناسفة في الحويجة.';
    const result = geoparse(text);
    expect(result.length).toBeGreaterThan(1);
    expect(() => ToponymSchema.array().parse(result)).not.toThrow();
  });
});
