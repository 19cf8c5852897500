/**
 * River centre lines as downstream-oriented segments, for distance and bank-side measures.
 *
 * The bundled data/places/rivers.geojson (Natural Earth 10m rivers, public domain; built by the
 * gazetteer's place builder) holds one MultiLineString per river. Its parts are NOT
 * consistently oriented — e.g. the Euphrates part from the Tabqa dam to the Turkish border runs
 * upstream — so orientation is derived from the network: part endpoints within 2 km of each
 * other are joined into nodes, the mouth is the endpoint nearest the head of the Gulf
 * (Shatt al-Arab, 29.95°N 48.6°E), and each part is turned so that it runs towards the node
 * nearer the mouth along the network (Dijkstra over part lengths). A part not connected to the
 * mouth falls back to "ends nearer the Gulf". Closed parts (tiny loops around islands) are kept
 * for distances but not used for bank sides.
 */
import { readFileSync } from 'node:fs';
import { bundledDataPath } from '../model/paths.js';
import { haversineKm } from './geo.js';

/** [lon, lat] as in GeoJSON. */
export type Position = [number, number];

export interface RiverLine {
  name: string;
  /** Line parts; orientation is fixed by `orientDownstream`. */
  parts: Position[][];
}

export interface RiverLines {
  /** Where the lines came from, for the result. */
  source: string;
  rivers: RiverLine[];
}

const GULF: Position = [48.6, 29.95];
const JOIN_KM = 2;
const BUNDLED = 'places/rivers.geojson';
let bundled: RiverLines | undefined;

/** The Euphrates and Tigris from the bundled rivers file, parts oriented downstream. */
export function bundledRivers(): RiverLines {
  if (bundled) return bundled;
  const path = bundledDataPath(BUNDLED);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { features?: unknown };
  if (!Array.isArray(json.features)) throw new Error(`${path}: expected a FeatureCollection`);
  const rivers = json.features.map((f: unknown, i): RiverLine => {
    const feature = f as {
      properties?: { name?: unknown };
      geometry?: { type?: unknown; coordinates?: unknown };
    };
    const where = `${path}: feature ${i}`;
    const name = feature.properties?.name;
    if (typeof name !== 'string' || !name) throw new Error(`${where}: properties.name: missing`);
    const g = feature.geometry;
    const parts =
      g?.type === 'LineString'
        ? [g.coordinates]
        : g?.type === 'MultiLineString'
          ? g.coordinates
          : null;
    if (!Array.isArray(parts))
      throw new Error(`${where}: geometry: expected LineString or MultiLineString`);
    return { name, parts: parts.map((p: unknown, j) => readPart(p, `${where}: part ${j}`)) };
  });
  bundled = {
    source: `data/${BUNDLED} (Natural Earth 10m rivers)`,
    rivers: rivers.map(orientDownstream),
  };
  return bundled;
}

function readPart(part: unknown, where: string): Position[] {
  if (!Array.isArray(part) || part.length < 2) throw new Error(`${where}: expected >= 2 positions`);
  return part.map((pos: unknown, k) => {
    const [x, y] = Array.isArray(pos) ? (pos as unknown[]) : [];
    if (typeof x !== 'number' || typeof y !== 'number') {
      throw new Error(`${where}: position ${k}: expected [lon, lat] numbers`);
    }
    return [x, y];
  });
}

const km = (a: Position, b: Position) => haversineKm(a[1], a[0], b[1], b[0]);

/** Returns `river` with every open part running downstream (see the module note). */
export function orientDownstream(river: RiverLine): RiverLine {
  const nodes: Position[] = [];
  const nodeOf = (p: Position) => {
    let i = nodes.findIndex((q) => km(p, q) <= JOIN_KM);
    if (i < 0) i = nodes.push(p) - 1;
    return i;
  };
  const edges = river.parts.map((part) => ({
    a: nodeOf(part[0]!),
    b: nodeOf(part.at(-1)!),
    len: part.slice(1).reduce((s, p, k) => s + km(part[k]!, p), 0),
  }));
  let mouth = 0;
  nodes.forEach((p, i) => {
    if (km(p, GULF) < km(nodes[mouth]!, GULF)) mouth = i;
  });
  // Dijkstra (the graphs have tens of nodes; a linear scan per step is plenty).
  const dist = nodes.map((_, i) => (i === mouth ? 0 : Infinity));
  const done = new Set<number>();
  while (done.size < nodes.length) {
    let u = -1;
    dist.forEach((d, i) => {
      if (!done.has(i) && d < Infinity && (u < 0 || d < dist[u]!)) u = i;
    });
    if (u < 0) break;
    done.add(u);
    for (const e of edges) {
      const v = e.a === u ? e.b : e.b === u ? e.a : -1;
      if (v >= 0 && dist[u]! + e.len < dist[v]!) dist[v] = dist[u]! + e.len;
    }
  }
  const parts = river.parts.map((part, k) => {
    const { a, b } = edges[k]!;
    const downstream =
      dist[a]! < Infinity || dist[b]! < Infinity
        ? dist[b]! <= dist[a]!
        : km(part.at(-1)!, GULF) <= km(part[0]!, GULF);
    return downstream ? part : [...part].reverse();
  });
  return { name: river.name, parts };
}
