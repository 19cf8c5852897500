import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdminLookup } from './admin-lookup.js';
import { defaultPlacesPath, PlaceIndex } from './place-index.js';

const places = PlaceIndex.load();

describe('place index (data/places)', () => {
  it('stays small: places.json under 3 MB', () => {
    expect(statSync(defaultPlacesPath()).size).toBeLessThan(3_000_000);
  });

  it('gives every place a unique id, and every point place its governorate', () => {
    const ids = new Set(places.places.map((p) => p.id));
    expect(ids.size).toBe(places.places.length);
    const points = places.places.filter((p) => !['wilaya', 'river'].includes(p.kind));
    for (const p of points) expect(p.admin1_code, p.id).not.toBeNull();
  });

  it('agrees with AdminLookup.locate on the admin units of each place', () => {
    const lookup = AdminLookup.load();
    const settlements = places.places.filter((p) => ['city', 'town', 'village'].includes(p.kind));
    for (const p of settlements) {
      expect(lookup.locate(p.lon ?? 0, p.lat ?? 0)?.admin1_code, p.id).toBe(p.admin1_code);
    }
  });

  it('merges the same town from several sources into one place', () => {
    // Baqubah: GeoNames + Natural Earth + hoshmandent, one place with GeoNames id 97990
    const hits = places.find('Baqubah').places.filter((p) => p.kind === 'city');
    expect(hits.map((p) => p.id)).toEqual(['gn:97990']);
    expect(hits[0]?.sources).toEqual(['geonames', 'naturalearth', 'hoshmandent']);
    expect(hits[0]?.aliases).toContain('بعقوبة');
  });

  it('finds a name in any common spelling and script', () => {
    for (const name of ['Ba`qubah', 'Baquba', 'بعقوبة']) {
      expect(
        places.find(name).places.map((p) => p.id),
        name,
      ).toContain('gn:97990');
    }
    expect(places.find('Palmyra').places.map((p) => p.id)).toContain('gn:163808'); // Tadmur
  });

  it('lists the Islamic State provinces with the governorates they cover', () => {
    expect(places.byId('wilaya:al-baraka')?.covers).toEqual(['SY08']); // al-Hasakah
    expect(places.find('Wilayat Salahuddin').places[0]?.covers).toEqual(['IQG16']);
  });

  it('keeps the Euphrates and the Tigris as one merged line each', () => {
    const path = join(dirname(defaultPlacesPath()), 'rivers.geojson');
    const rivers = JSON.parse(readFileSync(path, 'utf8')) as {
      features: Array<{ properties: { id: string }; geometry: { type: string } }>;
    };
    expect(rivers.features.map((f) => f.properties.id)).toEqual([
      'river:euphrates',
      'river:tigris',
    ]);
    expect(rivers.features.every((f) => f.geometry.type === 'MultiLineString')).toBe(true);
    expect(places.find('Al Furat').places.map((p) => p.id)).toContain('river:euphrates');
  });

  it('reports a malformed places file with the path and field', () => {
    expect(existsSync(defaultPlacesPath())).toBe(true);
    expect(() => PlaceIndex.load(join(import.meta.dirname, '../../package.json'))).toThrow(
      /package\.json: about: /,
    );
  });
});
