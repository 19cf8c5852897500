/**
 * The study area of a point-pattern statistic: the land area of the countries involved, from
 * the bundled adm0 boundaries (read through the gazetteer's own checked loader), measured
 * geodesically with @turf/area.
 */
import { area } from '@turf/area';
import { join } from 'node:path';
import { defaultBoundaryDir, readBoundaryFile } from '../gazetteer/boundary-files.js';
import type { Ring } from '../gazetteer/point-index.js';

const ADM0_FILES: Record<string, string> = { IRQ: 'irq_adm0.geojson', SYR: 'syr_adm0.geojson' };
const cache = new Map<string, number>();

/** Countries with a bundled adm0 polygon. */
export const COUNTRIES_WITH_BOUNDARIES = Object.keys(ADM0_FILES);

/**
 * Area of `country`'s adm0 polygon(s) in km², or null when no boundary is bundled. Rings count
 * with even-odd nesting (a ring inside an odd number of other rings is a hole), matching the
 * gazetteer's point-in-polygon rule.
 */
export function countryAreaKm2(country: string): number | null {
  const file = ADM0_FILES[country];
  if (!file) return null;
  const cached = cache.get(country);
  if (cached !== undefined) return cached;
  const rings = readBoundaryFile(join(defaultBoundaryDir(), file)).flatMap((f) => f.rings);
  let m2 = 0;
  rings.forEach((ring, i) => {
    const depth = rings.filter((other, j) => j !== i && contains(other, ring[0]!, ring[1]!)).length;
    const a = area({ type: 'Polygon', coordinates: [toPositions(ring)] });
    m2 += depth % 2 === 0 ? a : -a;
  });
  const km2 = m2 / 1e6;
  cache.set(country, km2);
  return km2;
}

function toPositions(ring: Ring): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < ring.length; i += 2) out.push([ring[i]!, ring[i + 1]!]);
  return out;
}

/** Even-odd ray test of (x, y) against one ring. */
function contains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
