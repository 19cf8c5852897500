/**
 * Throughput of AdminLookup.locate over 1,000,000 pseudo-random points in the Iraq + Syria
 * bounding box (fixed seed, so every run times the same points).
 *
 *   npm run build && node dist/bench/admin-lookup.js
 */
import { pathToFileURL } from 'node:url';
import { AdminLookup } from '../src/gazetteer/index.js';
import { seeded } from '../src/analyze/random.js';

const POINTS = 1_000_000;
const BBOX = { west: 35.6, south: 29.0, east: 48.7, north: 37.4 } as const;

function randomPoints(n: number, seed: number): Float64Array {
  const rand = seeded(seed);
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[i * 2] = BBOX.west + rand() * (BBOX.east - BBOX.west);
    out[i * 2 + 1] = BBOX.south + rand() * (BBOX.north - BBOX.south);
  }
  return out;
}

/** Locates every point; returns how many fell in Iraq, in Syria, and outside both. */
function locateAll(lookup: AdminLookup, points: Float64Array): Record<string, number> {
  const counts: Record<string, number> = { IRQ: 0, SYR: 0, outside: 0 };
  for (let i = 0; i < points.length; i += 2) {
    const match = lookup.locate(points[i]!, points[i + 1]!);
    counts[match ? match.country : 'outside']!++;
  }
  return counts;
}

function main(): void {
  const t0 = performance.now();
  const lookup = AdminLookup.load();
  const loadMs = performance.now() - t0;
  const points = randomPoints(POINTS, 20240601);
  locateAll(lookup, randomPoints(100_000, 1)); // warm-up on other points
  const t1 = performance.now();
  const counts = locateAll(lookup, points);
  const seconds = (performance.now() - t1) / 1000;
  console.log(`admin-lookup: load ${loadMs.toFixed(0)} ms`);
  console.log(
    `admin-lookup: locate ${POINTS.toLocaleString('en')} points in ${(seconds * 1000).toFixed(0)} ms` +
      ` = ${Math.round(POINTS / seconds).toLocaleString('en')} points/s` +
      ` (IRQ ${counts.IRQ}, SYR ${counts.SYR}, outside ${counts.outside})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
