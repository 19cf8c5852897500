/**
 * Point-in-polygon index for a fixed set of polygons, built for hundreds of thousands of lookups
 * per second without allocating.
 *
 * A uniform grid covers the polygons. Each cell lists, in input order, the polygons whose edges
 * pass through it (tested exactly) and ends at the first polygon that covers the whole cell
 * (answered without a test). Exact tests cast a ray along the point's latitude through the
 * polygon's edges in that grid row only, so a 2,000-vertex governorate costs tens of edge
 * checks, not thousands. All rings of a polygon (outer rings, holes, MultiPolygon parts) take
 * part in one even-odd count, which handles holes and multi-part units alike.
 */

/** A closed ring as flat coordinates: x0, y0, x1, y1, …, with the last point equal to the first. */
export type Ring = Float64Array;

export interface PointIndexOptions {
  /** Grid cell size in coordinate units (degrees here). Default 0.05. */
  cellSize?: number;
}

/** Margin that makes cell/edge contact conservative against rounding in floor(). */
const EPS = 1e-9;

export class PointIndex {
  private readonly x0: number;
  private readonly y0: number;
  private readonly cell: number;
  private readonly inv: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Per polygon: first grid row of its bands and index of that band in bandStart. */
  private readonly bandRow0: Int32Array;
  private readonly bandBase: Int32Array;
  /** Band b holds edges bandStart[b] … bandStart[b + 1] - 1 of `edges` (4 numbers per edge). */
  private readonly bandStart: Int32Array;
  private readonly edges: Float64Array;
  /** Cell c holds items cellStart[c] … cellStart[c + 1] - 1; item = polygon * 2 + (covers ? 1 : 0). */
  private readonly cellStart: Int32Array;
  private readonly cellItems: Int32Array;

  /** Polygons are lists of rings; where polygons overlap, the earlier one wins. */
  constructor(polygons: ReadonlyArray<ReadonlyArray<Ring>>, options: PointIndexOptions = {}) {
    const cell = options.cellSize ?? 0.05;
    if (!(cell > 0)) throw new Error(`cellSize: ${cell}`);
    const boxes = polygons.map(boundingBox);
    const empty = boxes.findIndex((b) => !Number.isFinite(b[0]));
    if (empty >= 0) throw new Error(`polygon ${empty}: no coordinates`);
    const minX = Math.min(...boxes.map((b) => b[0]));
    const minY = Math.min(...boxes.map((b) => b[1]));
    this.cell = cell;
    this.inv = 1 / cell;
    this.x0 = polygons.length ? minX - cell : 0;
    this.y0 = polygons.length ? minY - cell : 0;
    this.cols = polygons.length ? this.colOf(Math.max(...boxes.map((b) => b[2]))) + 2 : 0;
    this.rows = polygons.length ? this.rowOf(Math.max(...boxes.map((b) => b[3]))) + 2 : 0;

    this.bandRow0 = new Int32Array(polygons.length);
    this.bandBase = new Int32Array(polygons.length + 1);
    boxes.forEach((b, p) => {
      this.bandRow0[p] = this.rowOf(b[1]);
      this.bandBase[p + 1] = this.bandBase[p]! + this.rowOf(b[3]) - this.rowOf(b[1]) + 1;
    });
    [this.bandStart, this.edges] = this.buildBands(polygons);
    [this.cellStart, this.cellItems] = this.buildCells(polygons, boxes);
  }

  /** Index of the first polygon containing (x, y), or -1. */
  find(x: number, y: number): number {
    const c = Math.floor((x - this.x0) * this.inv);
    const r = Math.floor((y - this.y0) * this.inv);
    if (!(c >= 0 && c < this.cols && r >= 0 && r < this.rows)) return -1; // also NaN
    const cell = r * this.cols + c;
    const end = this.cellStart[cell + 1]!;
    for (let k = this.cellStart[cell]!; k < end; k++) {
      const item = this.cellItems[k]!;
      const p = item >> 1;
      if (item & 1 || this.contains(p, r, x, y)) return p;
    }
    return -1;
  }

  /** Even-odd ray cast over the polygon's edges in grid row r (which must contain y). */
  private contains(p: number, r: number, x: number, y: number): boolean {
    const band = this.bandBase[p]! + r - this.bandRow0[p]!;
    const e = this.edges;
    const end = this.bandStart[band + 1]! * 4;
    let inside = false;
    for (let k = this.bandStart[band]! * 4; k < end; k += 4) {
      const y1 = e[k + 1]!;
      const y2 = e[k + 3]!;
      if (y1 > y !== y2 > y) {
        const x1 = e[k]!;
        if (x < x1 + ((y - y1) * (e[k + 2]! - x1)) / (y2 - y1)) inside = !inside;
      }
    }
    return inside;
  }

  private colOf(x: number): number {
    return Math.floor((x - this.x0) * this.inv);
  }

  private rowOf(y: number): number {
    return Math.floor((y - this.y0) * this.inv);
  }

  /** Files each non-horizontal edge under every grid row its latitude span touches. */
  private buildBands(polygons: ReadonlyArray<ReadonlyArray<Ring>>): [Int32Array, Float64Array] {
    const counts = new Int32Array(this.bandBase[polygons.length]! + 1);
    const visit = (fn: (band: number, ring: Ring, i: number) => void): void =>
      polygons.forEach((rings, p) => {
        const base = this.bandBase[p]! - this.bandRow0[p]!;
        for (const ring of rings) {
          for (let i = 0; i + 3 < ring.length; i += 2) {
            const [ya, yb] = [ring[i + 1]!, ring[i + 3]!];
            if (ya === yb) continue;
            const last = this.rowOf(Math.max(ya, yb));
            for (let r = this.rowOf(Math.min(ya, yb)); r <= last; r++) fn(base + r, ring, i);
          }
        }
      });
    visit((band) => (counts[band + 1] = counts[band + 1]! + 1));
    for (let b = 1; b < counts.length; b++) counts[b] = counts[b]! + counts[b - 1]!;
    const edges = new Float64Array(counts[counts.length - 1]! * 4);
    const fill = counts.slice();
    visit((band, ring, i) => {
      edges.set(ring.subarray(i, i + 4), fill[band]! * 4);
      fill[band] = fill[band]! + 1;
    });
    return [counts, edges];
  }

  /** Lists, per cell, the polygons with edges in it up to the first one covering it whole. */
  private buildCells(
    polygons: ReadonlyArray<ReadonlyArray<Ring>>,
    boxes: ReadonlyArray<Box>,
  ): [Int32Array, Int32Array] {
    const lists: number[][] = [];
    const covered = new Uint8Array(this.cols * this.rows);
    const touched = new Uint8Array(this.cols * this.rows);
    polygons.forEach((rings, p) => {
      const marked = this.markTouched(rings, touched);
      const [minX, minY, maxX, maxY] = boxes[p]!;
      for (let r = this.rowOf(minY); r <= this.rowOf(maxY); r++) {
        const cy = this.y0 + (r + 0.5) * this.cell;
        for (let c = this.colOf(minX); c <= this.colOf(maxX); c++) {
          const cell = r * this.cols + c;
          if (covered[cell]) continue;
          const cx = this.x0 + (c + 0.5) * this.cell;
          const covers = !touched[cell] && this.contains(p, r, cx, cy);
          if (!touched[cell] && !covers) continue;
          (lists[cell] ??= []).push(p * 2 + (covers ? 1 : 0));
          if (covers) covered[cell] = 1;
        }
      }
      for (const cell of marked) touched[cell] = 0;
    });
    const start = new Int32Array(this.cols * this.rows + 1);
    for (let cell = 0; cell < start.length - 1; cell++) {
      start[cell + 1] = start[cell]! + (lists[cell]?.length ?? 0);
    }
    const items = new Int32Array(start[start.length - 1]!);
    lists.forEach((list, cell) => items.set(list, start[cell]!));
    return [start, items];
  }

  /** Marks every cell an edge passes through (or within EPS of); returns the marked cells. */
  private markTouched(rings: ReadonlyArray<Ring>, touched: Uint8Array): number[] {
    const marked: number[] = [];
    for (const ring of rings) {
      for (let i = 0; i + 3 < ring.length; i += 2) {
        const [ax, ay, bx, by] = [ring[i]!, ring[i + 1]!, ring[i + 2]!, ring[i + 3]!];
        const lastRow = this.rowOf(Math.max(ay, by) + EPS);
        for (let r = this.rowOf(Math.min(ay, by) - EPS); r <= lastRow; r++) {
          let [xa, xb] = [ax, bx];
          if (ay !== by) {
            const bottom = this.y0 + r * this.cell - EPS;
            const top = bottom + this.cell + 2 * EPS;
            const at = (yy: number): number => ax + clamp01((yy - ay) / (by - ay)) * (bx - ax);
            [xa, xb] = [at(bottom), at(top)];
          }
          const lastCol = this.colOf(Math.max(xa, xb) + EPS);
          for (let c = this.colOf(Math.min(xa, xb) - EPS); c <= lastCol; c++) {
            const cell = r * this.cols + c;
            if (!touched[cell]) marked.push(cell);
            touched[cell] = 1;
          }
        }
      }
    }
    return marked;
  }
}

/** minX, minY, maxX, maxY */
type Box = [number, number, number, number];

function boundingBox(rings: ReadonlyArray<Ring>): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i += 2) {
      box[0] = Math.min(box[0], ring[i]!);
      box[1] = Math.min(box[1], ring[i + 1]!);
      box[2] = Math.max(box[2], ring[i]!);
      box[3] = Math.max(box[3], ring[i + 1]!);
    }
  }
  return box;
}

const clamp01 = (t: number): number => (t < 0 ? 0 : t > 1 ? 1 : t);
