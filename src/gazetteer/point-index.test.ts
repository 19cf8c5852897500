import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultBoundaryDir, readBoundaryFile } from './boundary-files.js';
import { PointIndex, type Ring } from './point-index.js';

/** A closed rectangle ring. */
function box(x0: number, y0: number, x1: number, y1: number): Ring {
  return Float64Array.from([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]);
}

describe('PointIndex on small shapes', () => {
  const donut = [box(0, 0, 10, 10), box(4, 4, 6, 6)];
  const twoParts = [box(20, 0, 21, 1), box(30, 0, 31, 1)];
  const triangle = [Float64Array.from([0, 20, 10, 20, 0, 30, 0, 20])];
  const index = new PointIndex([donut, twoParts, triangle], { cellSize: 1 });

  test('finds a point inside a polygon and not inside its hole', () => {
    expect(index.find(2, 2)).toBe(0);
    expect(index.find(5, 5)).toBe(-1);
    expect(index.find(6.5, 5)).toBe(0);
  });

  test('finds both parts of a multi-part polygon and nothing between them', () => {
    expect(index.find(20.5, 0.5)).toBe(1);
    expect(index.find(30.5, 0.5)).toBe(1);
    expect(index.find(25, 0.5)).toBe(-1);
  });

  test('tests a diagonal edge exactly, within a cell the edge crosses', () => {
    expect(index.find(4.9, 24.9)).toBe(2); // x + y < 30: inside
    expect(index.find(5.1, 25.1)).toBe(-1);
  });

  test('returns -1 outside the grid and for NaN', () => {
    expect(index.find(-100, 5)).toBe(-1);
    expect(index.find(5, 1e9)).toBe(-1);
    expect(index.find(Number.NaN, 5)).toBe(-1);
  });

  test('lets the earlier polygon win where polygons overlap', () => {
    const overlap = new PointIndex([[box(0, 0, 2, 2)], [box(1, 1, 3, 3)]], { cellSize: 0.5 });
    expect(overlap.find(1.5, 1.5)).toBe(0);
    expect(overlap.find(2.5, 2.5)).toBe(1);
  });

  test('answers -1 everywhere when empty', () => {
    expect(new PointIndex([]).find(0, 0)).toBe(-1);
  });

  test('rejects a bad cell size and a polygon with no coordinates', () => {
    expect(() => new PointIndex([donut], { cellSize: 0 })).toThrow('cellSize: 0');
    expect(() => new PointIndex([[new Float64Array(0)]])).toThrow('polygon 0: no coordinates');
  });
});

test('leaves the hole in Rural Damascus empty, whichever governorate comes first', () => {
  const features = readBoundaryFile(join(defaultBoundaryDir(), 'syr_adm1.geojson')).reverse();
  const index = new PointIndex(features.map((f) => f.rings));
  const found = index.find(36.3064, 33.5116); // Damascus old city
  expect(features[found]?.properties.name).toBe('Damascus');
  expect(features.find((f) => f.properties.name === 'Rural Damascus')?.rings).toHaveLength(2);
});

/** Reference answer: ray casting over every edge of every polygon, first hit wins. */
function bruteForce(polygons: ReadonlyArray<ReadonlyArray<Ring>>, x: number, y: number): number {
  for (let p = 0; p < polygons.length; p++) {
    let inside = false;
    for (const ring of polygons[p]!) {
      for (let i = 0; i + 3 < ring.length; i += 2) {
        const [x1, y1, x2, y2] = [ring[i]!, ring[i + 1]!, ring[i + 2]!, ring[i + 3]!];
        if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
      }
    }
    if (inside) return p;
  }
  return -1;
}

test('agrees with brute-force ray casting on 3,000 points over the Iraq and Syria boundaries', () => {
  const dir = defaultBoundaryDir();
  const polygons = ['irq_adm2', 'syr_adm1', 'irq_adm0'].flatMap((f) =>
    readBoundaryFile(join(dir, `${f}.geojson`)).map((feature) => feature.rings),
  );
  const index = new PointIndex(polygons);
  let seed = 42;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let inside = 0;
  for (let i = 0; i < 3000; i++) {
    const [x, y] = [35.5 + rand() * 13.2, 29 + rand() * 8.5];
    const expected = bruteForce(polygons, x, y);
    expect(index.find(x, y), `${x},${y}`).toBe(expected);
    if (expected >= 0) inside++;
  }
  expect(inside).toBeGreaterThan(1000); // the sample really exercised the polygons
});
