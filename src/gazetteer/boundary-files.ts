/**
 * Readers for the files in data/boundaries (built by scripts/build-boundaries.mjs). They are
 * the project's own files, but still checked on load, so that a hand edit or a half-written
 * rebuild fails here with the file and feature named rather than as a wrong lookup later.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Ring } from './point-index.js';

const Iso3Schema = z.enum(['IRQ', 'SYR']);

const UnitProperties = z.object({
  country: Iso3Schema,
  name: z.string().min(1),
  name_ar: z.string().min(1),
  code: z.string().min(1),
  admin1: z.string().min(1).optional(),
  admin1_code: z.string().min(1).optional(),
  admin2: z.string().min(1).optional(),
  admin2_code: z.string().min(1).optional(),
});
export type UnitProperties = z.infer<typeof UnitProperties>;

export interface BoundaryFeature {
  properties: UnitProperties;
  /** Every ring of every part, for even-odd point-in-polygon tests. */
  rings: Ring[];
}

const AliasUnit = z.object({
  code: z.string().min(1),
  country: Iso3Schema,
  name: z.string().min(1),
  name_ar: z.string().min(1),
  admin1_code: z.string().min(1).optional(),
  admin2_code: z.string().min(1).optional(),
  aliases: z.array(z.string()),
});
export type AliasUnit = z.infer<typeof AliasUnit>;

const AliasFile = z.object({
  admin1: z.array(AliasUnit),
  admin2: z.array(AliasUnit),
  admin3: z.array(AliasUnit),
});
export type AliasFile = z.infer<typeof AliasFile>;

/** data/boundaries of the nearest package root above this module (src/ or dist/src/). */
export function defaultBoundaryDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`boundaries: no package.json above ${import.meta.url}`);
    dir = up;
  }
  return join(dir, 'data', 'boundaries');
}

/** Reads one FeatureCollection of Polygon/MultiPolygon admin units. */
export function readBoundaryFile(path: string): BoundaryFeature[] {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const features = isRecord(json) && Array.isArray(json.features) ? json.features : null;
  if (!features) throw new Error(`${path}: expected a GeoJSON FeatureCollection`);
  return features.map((feature: unknown, i): BoundaryFeature => {
    const where = `${path}: feature ${i}`;
    if (!isRecord(feature)) throw new Error(`${where}: expected a Feature`);
    const props = UnitProperties.safeParse(feature.properties);
    if (!props.success) {
      const issue = props.error.issues[0];
      throw new Error(`${where}: properties.${issue?.path.join('.')}: ${issue?.message}`);
    }
    return { properties: props.data, rings: readRings(feature.geometry, where) };
  });
}

export function readAliasFile(path: string): AliasFile {
  const parsed = AliasFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${path}: ${issue?.path.join('.')}: ${issue?.message}`);
}

function readRings(geometry: unknown, where: string): Ring[] {
  if (!isRecord(geometry) || !Array.isArray(geometry.coordinates)) {
    throw new Error(`${where}: geometry: missing, expected Polygon or MultiPolygon`);
  }
  const coords: unknown[] = geometry.coordinates;
  let polygons: unknown[];
  if (geometry.type === 'Polygon') polygons = [coords];
  else if (geometry.type === 'MultiPolygon') polygons = coords;
  else
    throw new Error(
      `${where}: geometry: ${String(geometry.type)}, expected Polygon or MultiPolygon`,
    );
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) throw new Error(`${where}: geometry: polygon is not an array`);
    for (const ring of polygon)
      rings.push(readRing(ring, `${where}: geometry: ring ${rings.length}`));
  }
  if (rings.length === 0) throw new Error(`${where}: geometry: no rings`);
  return rings;
}

function readRing(ring: unknown, where: string): Ring {
  if (!Array.isArray(ring) || ring.length < 4) throw new Error(`${where}: expected >= 4 positions`);
  const out = new Float64Array(ring.length * 2);
  ring.forEach((pos: unknown, i) => {
    const [x, y]: unknown[] = Array.isArray(pos) ? pos : [];
    if (typeof x !== 'number' || typeof y !== 'number' || !isFinite(x) || !isFinite(y)) {
      throw new Error(`${where}: position ${i}: expected [lon, lat] numbers`);
    }
    out[i * 2] = x;
    out[i * 2 + 1] = y;
  });
  const n = out.length;
  if (out[0] !== out[n - 2] || out[1] !== out[n - 1]) throw new Error(`${where}: ring not closed`);
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
