import { describe, expect, it } from 'vitest';
import { haversineKm } from './geo.js';
import { kde } from './kde.js';

describe('kde', () => {
  it('integrates to the number of points and peaks where they pile up', () => {
    const g = kde(
      [
        [35.33, 40.14],
        [35.33, 40.14],
        [35.33, 40.14],
        [35.95, 39.01],
      ],
      { bandwidthKm: 10, cellKm: 2 },
    );
    const total = g.density.reduce((a, v) => a + v, 0) * g.cellKm ** 2;
    expect(total).toBeGreaterThan(3.9); // 4 less the ~1% beyond 3 bandwidths
    expect(total).toBeLessThan(4.05);
    const peak = g.density.indexOf(g.max);
    const [lat, lon] = [g.lat[Math.floor(peak / g.cols)]!, g.lon[peak % g.cols]!];
    expect(haversineKm(lat, lon, 35.33, 40.14)).toBeLessThan(2);
    // Three coincident points under a 10 km kernel: 3 / (2π·100) events per km² at the centre.
    expect(g.max).toBeCloseTo(3 / (2 * Math.PI * 100), 3);
  });

  it('rejects a bad bandwidth with its value', () => {
    expect(() => kde([[35, 40]], { bandwidthKm: 0 })).toThrow('kde option bandwidthKm: 0');
  });
});
