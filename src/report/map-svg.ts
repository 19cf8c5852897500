/**
 * The brief's map as a hand-built SVG: governorates shaded by event count (a choropleth), the
 * event locations as circles sized by count, and the rivers. Equirectangular projection with
 * longitudes scaled by cos(mid latitude) (true scale along that parallel; Iraq and Syria span
 * ~8° of latitude, so areas are off by a few percent at most). Coordinates are written with one
 * decimal and points closer than half a pixel to the last one kept are dropped, so the output
 * is small and byte-stable.
 */
import type { BoundaryFeature } from '../gazetteer/boundary-files.js';
import { escapeHtml } from './escape.js';

export interface MapUnit {
  feature: BoundaryFeature;
  count: number;
}

export interface MapPoint {
  lat: number;
  lon: number;
  count: number;
}

export interface MapLine {
  name: string;
  parts: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

export interface MapInput {
  units: readonly MapUnit[];
  points: readonly MapPoint[];
  rivers: readonly MapLine[];
}

/** Light to dark; class 0 (no events) is grey. */
const CLASSES = ['#f2f2f2', '#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'];
const WIDTH = 640;
const PAD = 10;
const LEGEND_H = 28;

/** One decimal, never "-0.0". */
export function fmt(x: number): string {
  const s = x.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
}

/** Renders the map; throws when there are no units to draw. */
export function mapSvg(input: MapInput): string {
  if (input.units.length === 0) throw new Error('map: no boundary units to draw');
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const u of input.units)
    for (const ring of u.feature.rings)
      for (let i = 0; i < ring.length; i += 2) {
        x0 = Math.min(x0, ring[i]!);
        x1 = Math.max(x1, ring[i]!);
        y0 = Math.min(y0, ring[i + 1]!);
        y1 = Math.max(y1, ring[i + 1]!);
      }
  const cos = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const k = (WIDTH - 2 * PAD) / ((x1 - x0) * cos);
  const mapH = Math.ceil((y1 - y0) * k + 2 * PAD);
  const height = mapH + LEGEND_H;
  const px = (lon: number) => PAD + (lon - x0) * cos * k;
  const py = (lat: number) => PAD + (y1 - lat) * k;

  const path = (coords: ArrayLike<number>, closed: boolean): string => {
    const out: string[] = [];
    let [lx, ly] = [NaN, NaN];
    const n = coords.length / 2;
    for (let i = 0; i < n; i++) {
      const [x, y] = [px(coords[2 * i]!), py(coords[2 * i + 1]!)];
      const last = i === n - 1;
      if (i > 0 && !last && Math.hypot(x - lx, y - ly) < 0.5) continue;
      if (i > 0 && last && closed) break;
      out.push(`${i === 0 ? 'M' : 'L'}${fmt(x)},${fmt(y)}`);
      [lx, ly] = [x, y];
    }
    return out.join('') + (closed ? 'Z' : '');
  };

  const max = Math.max(0, ...input.units.map((u) => u.count));
  const cls = (c: number) => (c === 0 || max === 0 ? 0 : Math.min(5, Math.ceil((c / max) * 5)));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" ` +
      `viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="10">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<clipPath id="map-clip"><rect width="${WIDTH}" height="${mapH}"/></clipPath>`,
    '<g class="units" stroke="#ffffff" stroke-width="0.8">',
  ];
  const units = [...input.units].sort((a, b) =>
    a.feature.properties.code.localeCompare(b.feature.properties.code),
  );
  for (const u of units) {
    const d = u.feature.rings.map((r) => path(r, true)).join('');
    const name = escapeHtml(u.feature.properties.name);
    parts.push(
      `<path fill="${CLASSES[cls(u.count)]}" fill-rule="evenodd" d="${d}">` +
        `<title>${name}: ${u.count} events</title></path>`,
    );
  }
  parts.push(
    '</g>',
    '<g class="rivers" fill="none" stroke="#3b7dd8" stroke-width="1.2" clip-path="url(#map-clip)">',
  );
  for (const r of input.rivers) {
    for (const p of r.parts) {
      parts.push(`<path d="${path(p.flat(), false)}"><title>${escapeHtml(r.name)}</title></path>`);
    }
  }
  parts.push(
    '</g>',
    '<g class="points" fill="#222222" fill-opacity="0.45" stroke="#ffffff" stroke-width="0.4">',
  );
  const maxPoint = Math.max(1, ...input.points.map((p) => p.count));
  const points = input.points
    .map((p) => ({ x: px(p.lon), y: py(p.lat), count: p.count }))
    .sort((a, b) => b.count - a.count || a.x - b.x || a.y - b.y);
  for (const p of points) {
    const r = 1.5 + (6.5 * Math.sqrt(p.count)) / Math.sqrt(maxPoint);
    parts.push(`<circle cx="${fmt(p.x)}" cy="${fmt(p.y)}" r="${fmt(r)}"/>`);
  }
  parts.push('</g>', legend(max, mapH), '</svg>');
  return parts.join('\n') + '\n';
}

/** Class swatches with their integer ranges; empty classes are left out. */
function legend(max: number, top: number): string {
  const items: string[] = [];
  let x = PAD;
  const swatch = (colour: string, label: string) => {
    items.push(
      `<rect x="${x}" y="${top + 8}" width="12" height="12" fill="${colour}" stroke="#999999" stroke-width="0.5"/>` +
        `<text x="${x + 16}" y="${top + 18}">${label}</text>`,
    );
    x += 22 + label.length * 6;
  };
  swatch(CLASSES[0]!, '0');
  for (let c = 1; c <= 5; c++) {
    const lo = Math.floor((max * (c - 1)) / 5) + 1;
    const hi = Math.floor((max * c) / 5);
    if (hi >= lo) swatch(CLASSES[c]!, lo === hi ? `${lo}` : `${lo}–${hi}`);
  }
  items.push(
    `<text x="${x + 8}" y="${top + 18}" fill="#555555">events per governorate; circles: event locations</text>`,
  );
  return `<g class="legend">${items.join('')}</g>`;
}
