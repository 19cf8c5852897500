/**
 * Do the admin names used by real datasets resolve? Runs only where ../shared/data (or
 * SITREP_SHARED_DATA) is present; the bundled boundaries alone do not hold these files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { AdminLookup, type Iso3 } from './index.js';
import { defaultBoundaryDir } from './boundary-files.js';

const shared =
  process.env.SITREP_SHARED_DATA ??
  resolve(defaultBoundaryDir(), '..', '..', '..', 'shared', 'data');
const lookup = AdminLookup.load();

function csvRows(file: string): Array<Record<string, string>> {
  return parse(readFileSync(join(shared, file)), { columns: true }) as Array<
    Record<string, string>
  >;
}

/** Distinct "country:name" pairs that resolveName cannot map. */
function unresolved(pairs: Array<[Iso3, string]>): string[] {
  const bad = pairs.filter(([country, name]) => name && !lookup.resolveName(country, name));
  return [...new Set(bad.map(([country, name]) => `${country}:${name}`))].sort();
}

describe.skipIf(!existsSync(join(shared, 'geo')))('admin names in the shared datasets', () => {
  test('resolves every UCDP GED Syria adm_1 ("Homs Governorate", …)', () => {
    const rows = csvRows('events/ucdp_ged_syria_2016_2019.csv');
    expect(unresolved(rows.map((r): [Iso3, string] => ['SYR', r.adm_1 ?? '']))).toEqual([]);
  });

  test('resolves every GTD provstate ("Saladin", "Al Anbar", "Deir ez-Zor", …)', () => {
    const text = readFileSync(join(shared, 'labelled/gtd_pages_dev.ndjson'), 'utf8');
    const pages = text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { country: string; provstate: string | null });
    const pairs = pages.map((p): [Iso3, string] => [
      p.country === 'Iraq' ? 'IRQ' : 'SYR',
      p.provstate ?? '',
    ]);
    expect(unresolved(pairs)).toEqual([]);
  });

  test('resolves every CPOST target.province ("Sala ad-Din", "Ninawa", …)', () => {
    const rows = csvRows('events/cpost_dsat_suicide_attacks_iraq.csv');
    expect(
      unresolved(rows.map((r): [Iso3, string] => ['IRQ', r['target.province'] ?? ''])),
    ).toEqual([]);
  });

  test('resolves every GeoNames and Natural Earth governorate name but the UNDOF zone', () => {
    const geonames = readFileSync(join(shared, 'geo/geonames_admin1Codes_IQ_SY.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .flatMap(([code = '', name = '', ascii = '']): Array<[Iso3, string]> => {
        const country = code.startsWith('IQ') ? 'IRQ' : 'SYR';
        return [
          [country, name],
          [country, ascii],
        ];
      });
    const ne = JSON.parse(
      readFileSync(join(shared, 'geo/ne_10m_admin_1_label_points_iraq_syria.geojson'), 'utf8'),
    ) as { features: Array<{ properties: { admin: string; name: string } }> };
    const labels = ne.features.map((f): [Iso3, string] => [
      f.properties.admin === 'Iraq' ? 'IRQ' : 'SYR',
      f.properties.name,
    ]);
    // UNDOF is the UN buffer zone on the Golan line, not a governorate.
    expect(unresolved([...geonames, ...labels])).toEqual(['SYR:UNDOF']);
  });

  test('resolves GeoNames Iraq districts within their governorate, bar the known gaps', () => {
    const read = (file: string): string[][] =>
      readFileSync(join(shared, 'geo', file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'));
    const governorate = new Map(read('geonames_admin1Codes_IQ_SY.tsv').map((r) => [r[0], r[2]]));
    const missing = read('geonames_admin2Codes_IQ_SY.tsv')
      .filter(([code = '']) => code.startsWith('IQ.'))
      .filter(([code = '', name = '']) => {
        const admin1 = governorate.get(code.split('.').slice(0, 2).join('.')) ?? '';
        return !lookup.resolveName('IRQ', admin1, name)?.admin2_code;
      })
      .map(([, name]) => name)
      .sort();
    expect(missing).toEqual([
      'Adhamiyah', // filed under Dahuk in GeoNames; a Baghdad district
      'Al-Faris', // not a district or subdistrict in COD-AB 2019
      'Baghdad', // GeoNames' city district; COD-AB splits the city into districts
      'Choman District', // carved from Rawanduz after the COD-AB district set
      'Qaḑā’ Dashtī Hawlayr',
      'Qaḑā’ Jawmān', // Choman
      'Qaḑā’ Khabāt',
      'Qaḑā’ Sayyid Şādiq',
    ]);
  });
});
