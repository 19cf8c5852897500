/**
 * Monthly counts as an SVG bar chart with a brush: dragging across months sets the filter's
 * `from`/`to` (so every view follows); a click without a drag clears it. The chart itself is
 * drawn without the date range, so the whole series stays visible around the selection.
 * Hand-written SVG rather than Vega: Vega compiles expressions with `new Function`, which the
 * page's CSP (no 'unsafe-eval') rightly forbids.
 */
import { fmt } from './dom.js';
import type { FilterState } from './filter.js';
import type { TempoResult } from './types.js';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 150;
const PAD = { left: 44, right: 12, top: 10, bottom: 24 };

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Every `YYYY-MM` from `first` to `last` inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export class Timeline {
  private months: string[] = [];
  private counts: number[] = [];
  private loaded = false;
  private root: SVGSVGElement | null = null;
  /** A drag in progress: redraws wait for it (new data mid-drag would drop the gesture). */
  private dragging = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly state: FilterState,
  ) {
    new ResizeObserver(() => this.draw()).observe(host);
  }

  setData(tempo: TempoResult): void {
    const periods = tempo.periods.map((p) => p.period.slice(0, 7));
    const byMonth = new Map<string, number>();
    tempo.periods.forEach((p, i) =>
      byMonth.set(periods[i]!, (byMonth.get(periods[i]!) ?? 0) + p.count),
    );
    this.months = periods.length ? monthRange(periods[0]!, periods[periods.length - 1]!) : [];
    this.counts = this.months.map((m) => byMonth.get(m) ?? 0);
    this.loaded = true;
    this.draw();
  }

  /** Redraws; called on data, size and selection changes. */
  draw(): void {
    if (this.dragging) return;
    const width = Math.max(300, this.host.clientWidth);
    const root = svg('svg', {
      width,
      height: HEIGHT,
      viewBox: `0 0 ${width} ${HEIGHT}`,
      role: 'img',
      'aria-label': `Events per month, ${this.months[0] ?? ''} to ${this.months.at(-1) ?? ''}`,
    });
    const n = this.months.length;
    if (n === 0) {
      const text = this.loaded ? 'No events' : 'Loading…';
      root.appendChild(svg('text', { x: PAD.left, y: HEIGHT / 2, class: 'empty' }, text));
      this.mount(root);
      return;
    }
    const plotW = width - PAD.left - PAD.right;
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const step = plotW / n;
    const max = Math.max(1, ...this.counts);
    const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
    const { from, to } = this.state.value;
    const lo = from?.slice(0, 7);
    const hi = to?.slice(0, 7);

    for (const t of [0, max / 2, max]) {
      root.appendChild(
        svg('line', { x1: PAD.left, x2: width - PAD.right, y1: y(t), y2: y(t), class: 'grid' }),
      );
      root.appendChild(
        svg(
          'text',
          { x: PAD.left - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' },
          fmt.format(Math.round(t)),
        ),
      );
    }
    const bars = svg('g', { class: 'bars' });
    this.months.forEach((m, i) => {
      const inRange = (!lo || m >= lo) && (!hi || m <= hi);
      const bar = svg('rect', {
        x: PAD.left + i * step + step * 0.1,
        y: y(this.counts[i]!),
        width: Math.max(1, step * 0.8),
        height: Math.max(0, PAD.top + plotH - y(this.counts[i]!)),
        class: inRange ? 'bar' : 'bar out',
        'data-month': m,
      });
      bar.appendChild(svg('title', {}, `${m}: ${fmt.format(this.counts[i]!)} events`));
      bars.appendChild(bar);
      if (m.endsWith('-01') || i === 0) {
        root.appendChild(
          svg('text', { x: PAD.left + i * step, y: HEIGHT - 6, class: 'tick' }, m.slice(0, 4)),
        );
      }
    });
    root.appendChild(bars);

    const brush = svg('rect', { class: 'brush', y: PAD.top, height: plotH, x: 0, width: 0 });
    if (lo || hi) {
      const a = lo
        ? Math.max(
            0,
            this.months.findIndex((m) => m >= lo),
          )
        : 0;
      const bIdx = hi ? this.months.findLastIndex((m) => m <= hi) : n - 1;
      if (bIdx >= a) {
        brush.setAttribute('x', String(PAD.left + a * step));
        brush.setAttribute('width', String((bIdx - a + 1) * step));
      }
    }
    root.appendChild(brush);
    const overlay = svg('rect', {
      class: 'brush-area',
      x: PAD.left,
      y: PAD.top,
      width: plotW,
      height: plotH,
      fill: 'transparent',
    });
    root.appendChild(overlay);
    this.brushing(overlay, brush, step, n);
    this.mount(root);
  }

  private brushing(overlay: SVGRectElement, brush: SVGRectElement, step: number, n: number): void {
    const index = (ev: PointerEvent) => {
      const box = overlay.getBoundingClientRect();
      return Math.min(n - 1, Math.max(0, Math.floor((ev.clientX - box.left) / step)));
    };
    let start: number | null = null;
    let startX = 0;
    overlay.addEventListener('pointerdown', (ev) => {
      start = index(ev);
      startX = ev.clientX;
      this.dragging = true;
      overlay.setPointerCapture(ev.pointerId);
    });
    overlay.addEventListener('pointermove', (ev) => {
      if (start === null) return;
      const i = index(ev);
      brush.setAttribute('x', String(PAD.left + Math.min(start, i) * step));
      brush.setAttribute('width', String((Math.abs(i - start) + 1) * step));
    });
    overlay.addEventListener('pointerup', (ev) => {
      if (start === null) return;
      const end = index(ev);
      const dragged = Math.abs(ev.clientX - startX) > 3;
      const [a, b] = [Math.min(start, end), Math.max(start, end)];
      start = null;
      this.dragging = false;
      if (!dragged) this.state.set({ from: undefined, to: undefined });
      else this.state.set({ from: this.months[a], to: this.months[b] });
      this.draw();
    });
    overlay.addEventListener('pointercancel', () => {
      start = null;
      this.dragging = false;
      this.draw();
    });
  }

  private mount(root: SVGSVGElement): void {
    if (this.root) this.host.replaceChild(root, this.root);
    else this.host.appendChild(root);
    this.root = root;
  }
}
