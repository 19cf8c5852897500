import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateGeoparse, parseGoldLine, readGold } from './eval-geoparse.js';
import { km } from './resolve.js';

const GOLD = join(import.meta.dirname, '../../test/fixtures/gazetteer/geoparse-gold.ndjson');
// Mosul (the text) against Kirkuk city (the coded point of document B).
const MOSUL_KIRKUK = km(36.335, 43.11889, 35.46806, 44.39222);

describe('evaluateGeoparse on the hand-made gold file', () => {
  it('reports bad gold lines with file and line, and reads the rest', async () => {
    const { docs, problems } = await readGold(GOLD);
    expect(docs.map((d) => d.id)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/geoparse-gold\.ndjson:6: invalid JSON: /);
    expect(problems[1]).toMatch(/geoparse-gold\.ndjson:7: missing text$/);
  });

  it('computes every column of the table row exactly', async () => {
    const { docs } = await readGold(GOLD);
    const r = evaluateGeoparse(docs, 'hand');
    expect(r.n).toBe(5);
    // A (Tarmiyah, Baghdad) and C (Hawija, Kirkuk) right; B says Mosul for a Kirkuk event;
    // E names no place (a wrong abstention); D has no coded governorate (not scored).
    expect(r.admin1).toEqual({ hits: 2, n: 4 });
    // Districts from the coded points of A (Al-Kadhmiyah, right) and B (Kirkuk, wrong).
    expect(r.admin2).toEqual({ hits: 1, n: 2 });
    expect(r.gold_points).toEqual({ coded: 2, gazetteer: 1 });
    expect(r.error_km.n).toBe(3);
    expect(r.error_km.median).toBeCloseTo(0, 6);
    expect(r.error_km.mean).toBeCloseTo(MOSUL_KIRKUK / 3, 6);
    expect(MOSUL_KIRKUK).toBeGreaterThan(25);
    expect(MOSUL_KIRKUK).toBeLessThan(161);
    expect(r.within_25km).toEqual({ hits: 2, n: 3 });
    expect(r.within_161km).toEqual({ hits: 3, n: 3 });
    // No candidate of "Mosul" lies near Kirkuk: a retrieval miss, not only a ranking miss.
    expect(r.retrieval).toEqual({ hits: 2, n: 3 });
    // D and E abstain; only D (nothing coded) is a correct abstention.
    expect(r.abstained).toEqual({ hits: 1, n: 2 });
    expect(r.docs.find((d) => d.id === 'C')?.predicted?.name).toBe('Al Hawijah');
  });
});

describe('parseGoldLine', () => {
  it('accepts the GTD page shape and treats "Unknown" as no label', () => {
    const g = parseGoldLine(
      '{"gtdid": 7, "country": "Syria", "provstate": "Unknown", "city": "Unknown", "summary": "x"}',
      'line 1',
    );
    expect(g).toMatchObject({ id: '7', country: 'SYR', admin1: null, city: null, lat: null });
  });

  it('names the field that has the wrong type', () => {
    expect(() => parseGoldLine('{"text": "x", "latitude": "33"}', 'line 1')).toThrow(/^latitude: /);
  });
});
