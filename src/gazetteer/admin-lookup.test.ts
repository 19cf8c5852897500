import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AdminLookup, type AdminMatch } from './index.js';
import { defaultBoundaryDir } from './boundary-files.js';

const lookup = AdminLookup.load();

describe('locate', () => {
  // [place, lon, lat, expected pcode at the finest level COD-AB has there]
  test.each([
    ['Baghdad city centre (Karkh)', 44.3661, 33.3152, 'IQG08'],
    ['Mosul old city', 43.13, 36.34, 'IQG15'],
    ['Kirkuk city', 44.3922, 35.4681, 'IQG13'],
    ['Erbil citadel', 44.0092, 36.1912, 'IQG11'],
    ['Basra city', 47.7804, 30.5085, 'IQG02'],
    ['Ramadi', 43.3, 33.42, 'IQG01'],
    ['Raqqa city', 39.01, 35.95, 'SY11'],
    ['Deir ez-Zor city', 40.14, 35.336, 'SY09'],
    ['Aleppo citadel', 37.1626, 36.1993, 'SY02'],
    ['Homs city', 36.7167, 34.7333, 'SY04'],
    ['Douma, Rural Damascus', 36.4019, 33.5711, 'SY03'],
    ['Palmyra (Tadmur), Homs governorate', 38.27, 34.56, 'SY04'],
  ])('puts %s in governorate %s', (_place, lon, lat, code) => {
    expect(lookup.locate(lon, lat)?.admin1_code).toBe(code);
  });

  test('gives Baghdad city its district and subdistrict with their pcodes', () => {
    expect(lookup.locate(44.3661, 33.3152)).toEqual({
      country: 'IRQ',
      admin1: 'Baghdad',
      admin1_code: 'IQG08',
      admin2: 'Al-Karkh',
      admin2_code: 'IQG08Q03',
      admin3: 'Markaz Al-Karkh',
      admin3_code: 'IQG08Q03N02',
    });
  });

  test('puts Damascus old city in Damascus, not in the Rural Damascus ring around it (a hole)', () => {
    expect(lookup.locate(36.3064, 33.5116)?.admin1).toBe('Damascus');
  });

  test('finds the island part of a MultiPolygon (Arwad, Tartous)', () => {
    expect(lookup.locate(35.8597, 34.8556)?.admin1).toBe('Tartous');
  });

  test('gives Syria governorates only, Syria having no district boundaries here', () => {
    const raqqa = lookup.locate(39.01, 35.95);
    expect(raqqa).toMatchObject({ country: 'SYR', admin1: 'Ar-Raqqa', admin2: null, admin3: null });
  });

  test.each([
    ['Ankara, Turkey', 32.85, 39.93],
    ['Gaziantep, Turkey, 50 km from the Syrian border', 37.38, 37.06],
    ['Amman, Jordan', 35.93, 31.95],
    ['Kuwait City', 47.98, 29.37],
    ['Mediterranean off Tartous', 35.5, 34.5],
    ['Persian Gulf', 50.0, 29.0],
  ])('returns null for %s', (_place, lon, lat) => {
    expect(lookup.locate(lon, lat)).toBeNull();
  });

  test('returns null for coordinates that are not numbers', () => {
    expect(lookup.locate(Number.NaN, 33)).toBeNull();
    expect(lookup.locate(44, Number.POSITIVE_INFINITY)).toBeNull();
  });

  test('returns frozen matches', () => {
    expect(Object.isFrozen(lookup.locate(44.3661, 33.3152))).toBe(true);
  });
});

describe('resolveName: governorates', () => {
  // Every spelling family analysts meet, each mapped to the COD-AB pcode.
  test.each([
    [
      'IQG16',
      ['Saladin', 'Salah al-Din', 'Salah ad-Din', 'Salahuddin', 'Salahaddin', 'صلاح الدين'],
    ],
    ['IQG15', ['Ninewa', 'Nineveh', 'Ninawa', 'Ninevah', 'نينوى', 'محافظة نينوى']],
    ['IQG01', ['Anbar', 'Al Anbar', 'Al-Anbar Governorate', 'الأنبار']],
    ['IQG10', ['Diyala', 'Diyalah', 'ديالى']],
    ['IQG13', ['Kirkuk', 'Tameem', "At-Ta'mim", 'التأميم', 'كركوك']],
    ['IQG08', ['Baghdad', 'Baghdad Province', 'بغداد']],
    ['IQG07', ['Babil', 'Babylon']],
    ['IQG12', ['Kerbala', 'Karbala', "Karbala'", 'كربلاء']],
    ['IQG04', ['Najaf', 'An Najaf']],
    ['IQG05', ['Qadissiya', 'Al-Qadisiyah', 'Diwaniya', 'Al Qadisiyah / Al Diwaniyah']],
    ['IQG17', ['Thi-Qar', 'Dhi Qar', 'ذي قار']],
    ['IQG14', ['Missan', 'Maysan']],
    ['IQG03', ['Muthanna', 'Al-Muthanna']],
    ['IQG18', ['Wassit', 'Wasit', 'Wāsiţ']],
    ['IQG02', ['Basrah', 'Basra', 'البصرة']],
    ['IQG11', ['Erbil', 'Arbil', 'Hawler', 'هەولێر']],
    ['IQG06', ['Sulaymaniyah', 'Sulaimaniya', 'Slemani', 'As-Sulaymaniyah']],
    ['IQG09', ['Duhok', 'Dohuk', 'Dahuk']],
    [
      'SY09',
      [
        'Deir ez-Zor',
        'Deir-ez-Zor',
        'Dayr az Zawr',
        'Deir al-Zour',
        'Deir Ezzor',
        'Deir Ez-Zor',
        'دير الزور',
      ],
    ],
    ['SY11', ['Ar-Raqqa', 'Raqqa', 'Rakka', 'Ar Raqqah Governorate', 'الرقة']],
    ['SY08', ['Al-Hasakeh', 'Hasakah', 'Al-Hasakah', 'Hassakeh', 'Al Hasakah Governorate']],
    ['SY02', ['Aleppo', 'Halab', 'حلب']],
    ['SY04', ['Homs', 'Hims', 'Homs Governorate', 'حمص']],
    ['SY05', ['Hama', 'Hamah', 'حماة', 'حماه']],
    ['SY07', ['Idleb', 'Idlib', 'إدلب', 'ادلب']],
    ['SY06', ['Lattakia', 'Latakia', 'Al-Ladhiqiyah', 'Lattakia (Al Ladhiqiyah)']],
    ['SY10', ['Tartous', 'Tartus']],
    ['SY01', ['Damascus', 'Dimashq', 'Muhafazat Dimashq', 'دمشق']],
    ['SY03', ['Rural Damascus', 'Rif Dimashq', 'Damascus Countryside', 'ريف دمشق']],
    ['SY12', ["Dar'a", 'Daraa', 'Deraa', 'Dar`a']],
    ['SY13', ['As-Sweida', 'Suwayda', 'Sweida', 'As Suwayda Governorate']],
    ['SY14', ['Quneitra', 'القنيطرة']],
  ])('resolves every spelling of %s', (code, spellings) => {
    for (const spelling of spellings) {
      expect(lookup.resolveName(null, spelling)?.admin1_code, spelling).toBe(code);
    }
  });

  test('returns the canonical COD-AB name, not the spelling given', () => {
    expect(lookup.resolveName(null, 'Saladin')).toEqual({
      country: 'IRQ',
      admin1: 'Salah Al-Din',
      admin1_code: 'IQG16',
      admin2: null,
      admin2_code: null,
      admin3: null,
      admin3_code: null,
    });
  });

  test('looks only in the country given', () => {
    expect(lookup.resolveName('SYR', 'Homs')?.admin1_code).toBe('SY04');
    expect(lookup.resolveName('IRQ', 'Homs')).toBeNull();
    expect(lookup.resolveName('SYR', 'Ninewa')).toBeNull();
  });

  test.each(['Atlantis', 'Gotham Governorate', '', '   ', 'Province'])(
    'returns null for an unknown name: %j',
    (name) => {
      expect(lookup.resolveName(null, name)).toBeNull();
    },
  );

  test('resolves a district given as governorate: Halabja (a governorate since 2014, a district in COD-AB)', () => {
    expect(lookup.resolveName('IRQ', 'Halabja')).toMatchObject({
      admin1_code: 'IQG06',
      admin2: 'Halabcha',
      admin2_code: 'IQG06Q05',
    });
  });
});

describe('resolveName: districts', () => {
  test('keeps a Syrian district name as given (UCDP adm_2), with no code', () => {
    expect(lookup.resolveName('SYR', 'Homs Governorate', 'Ar Rastan district')).toMatchObject({
      admin1: 'Homs',
      admin1_code: 'SY04',
      admin2: 'Ar Rastan district',
      admin2_code: null,
    });
  });

  test('treats an empty district as none', () => {
    expect(lookup.resolveName('SYR', 'Idlib Governorate', '')?.admin2).toBeNull();
    expect(lookup.resolveName('IRQ', 'Ninewa', '  ')?.admin2).toBeNull();
  });

  test.each([
    ['Ninewa', 'Mosul', 'IQG15Q05', 'Al-Mosul'],
    ['Nineveh', 'الموصل', 'IQG15Q05', 'Al-Mosul'],
    ['Salah ad-Din', 'Baiji', 'IQG16Q03', 'Beygee'],
    ['Anbar', 'Fallujah District', 'IQG01Q01', 'Al-Falluja'],
    ['Baghdad', 'Sadr City', 'IQG08Q07', 'Al-Thawra'],
    ['Kirkuk', 'Kirkuk', 'IQG13Q04', 'Kirkuk'],
    ['Ninewa', 'Tal Afar', 'IQG15Q08', 'Telafar'],
    ['Erbil', 'Qaḑā’ Sawrān', 'IQG11Q05', 'Rawanduz'],
  ])('resolves district %s / %s to %s', (admin1, admin2, code, name) => {
    const match = lookup.resolveName('IRQ', admin1, admin2);
    expect(match?.admin2_code).toBe(code);
    expect(match?.admin2).toBe(name);
  });

  test('resolves a subdistrict given as district to its district and itself (Abu Ghraib)', () => {
    expect(lookup.resolveName('IRQ', 'Baghdad', 'Abu Ghraib')).toEqual({
      country: 'IRQ',
      admin1: 'Baghdad',
      admin1_code: 'IQG08',
      admin2: 'Al-Kadhmiyah',
      admin2_code: 'IQG08Q02',
      admin3: 'Abu Ghraib',
      admin3_code: 'IQG08Q02N02',
    });
  });

  test('keeps the governorate and drops an Iraqi district it cannot find', () => {
    expect(lookup.resolveName('IRQ', 'Anbar', 'Nowhere District')).toMatchObject({
      admin1_code: 'IQG01',
      admin2: null,
      admin2_code: null,
    });
  });

  test('does not look for a district outside the governorate given (Mosul is not in Basra)', () => {
    expect(lookup.resolveName('IRQ', 'Basra', 'Mosul')?.admin2).toBeNull();
  });
});

describe('alias data', () => {
  const file = JSON.parse(readFileSync(`${defaultBoundaryDir()}/admin-aliases.json`, 'utf8')) as {
    admin1: Array<{ code: string; aliases: string[] }>;
    admin2: Array<{ code: string; admin1_code: string; aliases: string[] }>;
  };

  test('lists the 18 Iraqi and 14 Syrian governorates', () => {
    const units = lookup.admin1Units();
    expect(units.filter((u) => u.country === 'IRQ')).toHaveLength(18);
    expect(units.filter((u) => u.country === 'SYR')).toHaveLength(14);
    expect(units.find((u) => u.code === 'IQG16')).toEqual({
      country: 'IRQ',
      name: 'Salah Al-Din',
      name_ar: 'صلاح الدين',
      code: 'IQG16',
    });
  });

  test('resolves every stored governorate alias to its own governorate, in either country', () => {
    for (const unit of file.admin1) {
      for (const alias of unit.aliases) {
        expect(lookup.resolveName(null, alias)?.admin1_code, alias).toBe(unit.code);
      }
    }
  });

  test('resolves every stored district alias to its own district', () => {
    for (const unit of file.admin2) {
      for (const alias of unit.aliases) {
        const match = lookup.resolveName('IRQ', unit.admin1_code, alias);
        expect(match?.admin2_code, alias).toBe(unit.code);
      }
    }
  });

  test('has no alias that names two units of the same level and parent', () => {
    expect(lookup.nameAmbiguities()).toEqual([]);
  });

  test('resolves every governorate by its canonical English and Arabic names', () => {
    for (const unit of lookup.admin1Units()) {
      expect(lookup.resolveName(unit.country, unit.name)?.admin1_code).toBe(unit.code);
      expect(lookup.resolveName(unit.country, unit.name_ar)?.admin1_code).toBe(unit.code);
    }
  });
});

test('load() caches one lookup per folder', () => {
  expect(AdminLookup.load()).toBe(lookup);
  const match: AdminMatch | null = lookup.locate(44.3661, 33.3152);
  expect(match).toBe(lookup.locate(44.3661, 33.3152));
});
