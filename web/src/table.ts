/**
 * The event table, virtualised: a spacer as tall as all rows keeps the scrollbar honest, and
 * only the rows in view (plus a margin) exist in the DOM, filled from 200-row pages fetched on
 * demand, so a million matching events cost the same as fifty.
 */
import { getJson, withQuery } from './api.js';
import { fmt, h, replace } from './dom.js';
import type { FilterState } from './filter.js';
import type { ApiEvent, EventPage } from './types.js';

const ROW = 28;
const PAGE = 200;
const MARGIN = 10;

interface Column {
  key: string;
  title: string;
  value: (e: ApiEvent) => string;
  className?: string;
}

const COLUMNS: Column[] = [
  { key: 'date', title: 'Date', value: (e) => e.date },
  { key: 'country', title: 'Country', value: (e) => e.country ?? '' },
  { key: 'admin1', title: 'Governorate', value: (e) => e.admin1 ?? '' },
  { key: 'actor1', title: 'Actor', value: (e) => e.actor1 ?? '' },
  { key: 'attack_type', title: 'Type', value: (e) => (e.attack_type ?? '').replace(/_/g, ' ') },
  { key: 'target_type', title: 'Target', value: (e) => (e.target_type ?? '').replace(/_/g, ' ') },
  {
    key: 'fatalities',
    title: 'Killed',
    value: (e) => (e.fatalities === null ? '' : String(e.fatalities)),
    className: 'num',
  },
  {
    key: 'claimed',
    title: 'Claimed',
    value: (e) => (e.claimed === null ? '' : e.claimed ? 'yes' : 'no'),
  },
  { key: 'origin', title: 'Origin', value: (e) => e.origin },
];

export class EventTable {
  private readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private pages = new Map<number, Promise<ApiEvent[]>>();
  private loaded = new Map<number, ApiEvent[]>();
  private total = 0;
  private generation = 0;
  private sort: 'date' | 'fatalities' = 'date';

  constructor(
    host: HTMLElement,
    private readonly state: FilterState,
    private readonly open: (id: string) => void,
    private readonly onTotal: (total: number) => void,
  ) {
    const header = h(
      'div',
      { className: 'row head', attrs: { role: 'row' } },
      ...COLUMNS.map((c) => {
        const sortable = c.key === 'date' || c.key === 'fatalities';
        return h(
          'div',
          { className: `cell ${c.className ?? ''}`, attrs: { role: 'columnheader' } },
          sortable
            ? h(
                'button',
                {
                  className: 'sort',
                  attrs: { type: 'button' },
                  on: { click: () => this.setSort(c.key as 'date' | 'fatalities') },
                },
                c.title,
              )
            : c.title,
        );
      }),
    );
    this.spacer = h('div', { className: 'spacer' });
    this.body = h('div', { className: 'rows', attrs: { role: 'rowgroup' } });
    this.viewport = h(
      'div',
      { className: 'viewport', attrs: { tabindex: '-1' } },
      this.spacer,
      this.body,
    );
    replace(
      host,
      h(
        'div',
        { attrs: { role: 'table', 'aria-label': 'Events', id: 'events-table' } },
        header,
        this.viewport,
      ),
    );
    this.viewport.addEventListener('scroll', () => this.render());
    new ResizeObserver(() => this.render()).observe(this.viewport);
  }

  /** Starts over for a new filter: back to the top, first page fetched. */
  async reload(): Promise<void> {
    this.generation++;
    this.pages.clear();
    this.loaded.clear();
    this.viewport.scrollTop = 0;
    const first = await this.page(0);
    if (first === null) return;
    this.render();
  }

  private setSort(sort: 'date' | 'fatalities'): void {
    this.sort = sort;
    void this.reload();
  }

  /** One page of rows; null when a newer filter made it obsolete. */
  private async page(index: number): Promise<ApiEvent[] | null> {
    const generation = this.generation;
    let p = this.pages.get(index);
    if (!p) {
      const url = withQuery('/api/events', {
        ...this.state.params(),
        sort: this.sort,
        limit: String(PAGE),
        offset: String(index * PAGE),
      });
      p = getJson<EventPage>(url).then((page) => {
        if (generation === this.generation) {
          this.total = page.total;
          this.onTotal(page.total);
          this.spacer.style.height = `${page.total * ROW}px`;
        }
        return page.events;
      });
      this.pages.set(index, p);
    }
    const rows = await p;
    if (generation !== this.generation) return null;
    this.loaded.set(index, rows);
    return rows;
  }

  private render(): void {
    const top = this.viewport.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW) - MARGIN);
    const last = Math.min(
      this.total - 1,
      Math.ceil((top + this.viewport.clientHeight) / ROW) + MARGIN,
    );
    const rows: HTMLElement[] = [];
    const missing = new Set<number>();
    for (let i = first; i <= last; i++) {
      const page = this.loaded.get(Math.floor(i / PAGE));
      const e = page?.[i % PAGE];
      if (!e) {
        missing.add(Math.floor(i / PAGE));
        continue;
      }
      rows.push(this.row(e, i));
    }
    replace(this.body, ...rows);
    if (this.total === 0 && this.loaded.size > 0)
      replace(this.body, h('p', { className: 'empty' }, 'No events match the filter.'));
    for (const p of missing) void this.page(p).then((r) => r && this.render());
  }

  private row(e: ApiEvent, i: number): HTMLElement {
    const row = h(
      'div',
      {
        className: 'row',
        attrs: { role: 'row', tabindex: '0', 'data-id': e.id, 'aria-rowindex': String(i + 2) },
        on: {
          click: () => this.open(e.id),
          keydown: (ev) => {
            if (ev.key === 'Enter' || ev.key === ' ') {
              ev.preventDefault();
              this.open(e.id);
            } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
              ev.preventDefault();
              this.focusRow(i + (ev.key === 'ArrowDown' ? 1 : -1));
            }
          },
        },
      },
      ...COLUMNS.map((c) =>
        h(
          'div',
          { className: `cell ${c.className ?? ''}`, dir: 'auto', attrs: { role: 'cell' } },
          c.value(e),
        ),
      ),
    );
    row.style.transform = `translateY(${i * ROW}px)`;
    return row;
  }

  /** Moves keyboard focus to row `i`, scrolling it into view (and into the DOM) first. */
  private focusRow(i: number): void {
    if (i < 0 || i >= this.total) return;
    const top = i * ROW;
    const view = this.viewport;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + ROW > view.scrollTop + view.clientHeight) {
      view.scrollTop = top + ROW - view.clientHeight;
    }
    this.render();
    this.body.querySelector<HTMLElement>(`[aria-rowindex="${i + 2}"]`)?.focus();
  }

  get count(): string {
    return fmt.format(this.total);
  }
}
