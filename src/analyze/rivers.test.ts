import { describe, expect, it } from 'vitest';
import { RiverResultSchema } from '../model/index.js';
import { bundledRivers } from './river-lines.js';
import { riverPosition, riverPositionExhaustive, segmentsOf } from './river-segments.js';
import { riverLines, rivers } from './rivers.js';
import { offset, seeded, storeAt, type LatLon } from './spatial-test-helpers.js';

// A straight north–south river at 40°E from 36°N down to 35°N. Given upstream-last on purpose:
// orientation comes from the mouth (the end nearer the Gulf), not from the vertex order.
const STRAIGHT = riverLines('test', [
  {
    name: 'Straight',
    parts: [
      [
        [40, 35],
        [40, 36],
      ],
    ],
  },
]);

describe('rivers', () => {
  it('puts a point 10 km east of a south-flowing river on the east (left) bank, 10 km away', async () => {
    const mid: LatLon = [35.5, 40];
    const store = await storeAt([offset(mid, 10, 0), offset(mid, -3, 0), offset(mid, -40, 0)]);
    const r = await rivers(store, {}, {}, STRAIGHT);
    store.close();
    expect(RiverResultSchema.parse(r)).toEqual(r);
    const s = r.rivers[0]!;
    expect(s.left_bank).toBe(1);
    expect(s.right_bank).toBe(2);
    expect(s.left_bank_near).toBe(1);
    expect(s.right_bank_near).toBe(1);
    expect(s.within).toEqual({ '10': 2 / 3, '25': 2 / 3, '50': 1 });
    expect(s.median_km!).toBeCloseTo(10, 1);
    expect(s.mean_km!).toBeCloseTo(53 / 3, 1);
  });

  it('orients the bundled Euphrates downstream through Deir ez-Zor (flowing south-east)', () => {
    const euphrates = bundledRivers().rivers.find((r) => r.name === 'Euphrates')!;
    const part = euphrates.parts.find((p) =>
      p.some(([lon, lat]) => Math.abs(lat - 35.33) < 0.1 && Math.abs(lon - 40.15) < 0.1),
    )!;
    const [start, end] = [part[0]!, part.at(-1)!];
    expect(end[0]).toBeGreaterThan(start[0]); // eastwards …
    expect(end[1]).toBeLessThan(start[1]); // … and southwards
  });

  it('knows which bank of the Euphrates the middle-valley towns are on', () => {
    const euphrates = bundledRivers().rivers.find((r) => r.name === 'Euphrates')!;
    const seg = segmentsOf(euphrates);
    // Hajin and al-Busayrah: the east (Jazira, left) bank; Mayadin, Deir ez-Zor city and
    // Albu Kamal: the west (Shamiya, right) bank; Raqqa: the north (left) bank.
    const side = (lat: number, lon: number) => riverPosition(seg, lat, lon).side;
    expect(side(34.683, 40.833)).toBe('left'); // Hajin
    expect(side(35.156, 40.429)).toBe('left'); // al-Busayrah
    expect(side(35.015, 40.45)).toBe('right'); // Mayadin
    expect(side(35.33, 40.13)).toBe('right'); // Deir ez-Zor city
    expect(side(34.455, 40.915)).toBe('right'); // Albu Kamal
    expect(side(35.955, 39.01)).toBe('left'); // Raqqa
    expect(riverPosition(seg, 34.683, 40.833).km).toBeLessThan(5);
  });

  it('finds the same distance and bank through its index as by measuring every segment', () => {
    const rand = seeded(11);
    for (const river of bundledRivers().rivers) {
      const seg = segmentsOf(river);
      for (let i = 0; i < 300; i++) {
        const [lat, lon] = [29 + 9 * rand(), 35 + 14 * rand()];
        expect(riverPosition(seg, lat, lon), `${river.name} ${lat},${lon}`).toEqual(
          riverPositionExhaustive(seg, lat, lon),
        );
      }
    }
  });

  it('agrees with measuring every segment for points scattered along the rivers', () => {
    const rand = seeded(12);
    for (const river of bundledRivers().rivers) {
      const seg = segmentsOf(river);
      const vertices = river.parts.flat();
      for (let i = 0; i < 3000; i++) {
        // Within ~0.5° of a vertex: banks, bends, islands and the cell edges between them.
        const [lon, lat] = vertices[Math.floor(rand() * vertices.length)]!;
        const p: [number, number] = [lat + (rand() - 0.5) * rand(), lon + (rand() - 0.5) * rand()];
        expect(riverPosition(seg, ...p), `${river.name} ${p.join(',')}`).toEqual(
          riverPositionExhaustive(seg, ...p),
        );
      }
      // Over 10,000 km away, outside the cell grid: the midpoint index answers.
      expect(riverPosition(seg, -40, -120)).toEqual(riverPositionExhaustive(seg, -40, -120));
    }
  });

  it('puts a point off the tip of a hairpin bend on the outer bank', () => {
    // South from A to B, then sharply back north-east to C (a left turn). A point 5 km south
    // and 1 km east of B is nearest to the vertex B: the first segment alone would call it
    // left, the bend's outside is the right bank.
    const [seg] = riverLines('test', [
      {
        name: 'Hairpin',
        parts: [
          [
            [40, 36],
            [40, 35],
            [40.5, 35.9],
          ],
        ],
      },
    ]).rivers.map(segmentsOf);
    const [lat, lon] = offset([35, 40], 1, -5);
    expect(riverPosition(seg!, lat, lon).side).toBe('right');
  });

  it('rejects an empty band list with its name', async () => {
    const store = await storeAt([[35.5, 40]]);
    await expect(rivers(store, {}, { bandsKm: [] }, STRAIGHT)).rejects.toThrow(
      'rivers option bandsKm',
    );
    store.close();
  });
});
