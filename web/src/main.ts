/**
 * The dashboard: loads the filter values and bundled map layers, then keeps every view (count,
 * map, timeline, table, panels) in step with one FilterState. A view's stale answer (the filter
 * moved on while it was in flight) is dropped, never drawn over a newer one.
 */
import './style.css';
import { RequestError, getJson, request, setToken, takeTokenFromUrl, withQuery } from './api.js';
import { openBrief } from './brief.js';
import { byId, fmt, h } from './dom.js';
import { Drawer } from './drawer.js';
import { FILTER_KEYS, FilterState, type Filter } from './filter.js';
import { renderFilters } from './filters-panel.js';
import { setupImportPanel } from './import-panel.js';
import {
  renderClaims,
  renderComms,
  renderConcentration,
  renderFindings,
  renderTempo,
  type ClaimsView,
  type CommsView,
} from './panels.js';
import { EventTable } from './table.js';
import { Timeline } from './timeline.js';
import type { ConcentrationResult, Facets, HotspotResult, Me, TempoResult } from './types.js';

declare global {
  interface Window {
    /**
     * performance.now() when the first view was complete: map idle with its data, first table
     * page drawn, timeline drawn. Read by `npm run bench:dashboard` and the end-to-end tests.
     */
    __sitrepReady?: number;
    /** When each part finished (ms since navigation), to see which one held the page up. */
    __sitrepTimes?: Record<string, number>;
  }
}

function status(text: string, error = false): void {
  const el = byId('status');
  el.textContent = text;
  el.classList.toggle('error', error);
}

function askForToken(reason?: string): void {
  const dialog = byId<HTMLDialogElement>('token-dialog');
  if (reason) status(reason, true);
  if (!dialog.open) dialog.showModal();
}

function setupTokenDialog(): void {
  const dialog = byId<HTMLDialogElement>('token-dialog');
  byId('token-button').addEventListener('click', () => askForToken());
  dialog.addEventListener('close', () => {
    const input = byId<HTMLInputElement>('token-input');
    if (dialog.returnValue === 'save' && input.value.trim()) setToken(input.value.trim());
    else if (dialog.returnValue === 'clear') setToken(null);
    else return;
    location.reload();
  });
}

/** Runs `task` for the latest call only: an older call's result is thrown away. */
function latest<A extends unknown[], T>(task: (...args: A) => Promise<T>, use: (value: T) => void) {
  let generation = 0;
  return (...args: A) => {
    const mine = ++generation;
    task(...args)
      .then((v) => mine === generation && use(v))
      .catch((err: unknown) => mine === generation && fail(err));
  };
}

function fail(err: unknown): void {
  if (err instanceof RequestError && err.status === 401)
    askForToken(`${err.message}: enter a token`);
  else status(err instanceof Error ? err.message : String(err), true);
}

async function download(format: 'csv' | 'geojson', state: FilterState): Promise<void> {
  const res = await request(withQuery('/api/export', { ...state.params(), format }));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `sitrep-events.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Formats the server's import route accepts, read from its OpenAPI document (one list). */
async function importFormats(): Promise<string[]> {
  type Param = { name: string; schema?: { enum?: string[] } };
  const doc = await getJson<{ paths: Record<string, { post?: { parameters?: Param[] } }> }>(
    '/api/openapi.json',
  );
  const format = doc.paths['/api/imports']?.post?.parameters?.find((p) => p.name === 'format');
  return format?.schema?.enum ?? [];
}

/** Marks the page ready once the map, the first table page and the timeline have drawn. */
function markReady(parts: Record<string, Promise<unknown>>): void {
  const times: Record<string, number> = {};
  window.__sitrepTimes = times;
  const timed = Object.entries(parts).map(([name, p]) =>
    p.then(() => (times[name] = Math.round(performance.now()))),
  );
  // A view that failed says so in the status line; the page is then never marked ready.
  void Promise.all(timed).then(
    () => {
      window.__sitrepReady = performance.now();
      document.documentElement.dataset.ready = 'true';
    },
    () => undefined,
  );
}

async function main(): Promise<void> {
  takeTokenFromUrl();
  setupTokenDialog();
  // Every request starts at once: the table, count, points and analyses do not wait for the
  // filter lists, and the map fetches its layers itself (in its worker).
  const arabic = new Map<string, string>();
  const state = new FilterState();
  const drawer = new Drawer(() => refresh(state.value, new Set(['origin'])));
  const open = (id: string) => void drawer.open(id);
  // MapLibre is two thirds of the script: it comes as its own chunk, so the count, table and
  // timeline draw while it downloads and compiles.
  const map = import('./map-view.js').then(({ MapView }) => new MapView(byId('map'), state, open));
  const timeline = new Timeline(byId('timeline'), state);
  const table = new EventTable(
    byId('table'),
    state,
    open,
    (n) => (byId('count').textContent = fmt.format(n)),
  );
  const facets = getJson<Facets>('/api/map/facets').then((f) => {
    for (const u of f.admin1) arabic.set(u.name, u.name_ar);
    renderFilters(state, f, f.admin1);
    drawer.facets = f;
    return f;
  });
  facets.catch(fail);

  const analysis = <T>(name: string, params: Record<string, string | undefined>) =>
    getJson<T>(withQuery(`/api/analyses/${name}`, params));
  const counts = latest(
    () =>
      analysis<ConcentrationResult>('concentration', {
        ...state.params(),
        level: 'admin1',
        topK: '3',
      }),
    (c) => {
      void map.then((m) => m.setCounts(c));
      // Arabic names come with the facets.
      void facets.then(() => renderConcentration(c, state, arabic));
    },
  );
  let timelineDrawn!: () => void;
  const timelineReady = new Promise<void>((resolve) => (timelineDrawn = resolve));
  const series = latest(
    () => analysis<TempoResult>('tempo', { ...state.params(['from', 'to']), by: 'month' }),
    (t) => {
      timeline.setData(t);
      timelineDrawn();
    },
  );
  const tempo = latest(
    () => analysis<TempoResult>('tempo', { ...state.params(), by: 'month' }),
    renderTempo,
  );
  const findings = latest(
    () => analysis<{ findings: string[] }>('findings', state.params()),
    (f) => renderFindings(f.findings),
  );
  const claims = latest(
    () => getJson<ClaimsView>(withQuery('/api/claims/summary', state.params())),
    renderClaims,
  );
  // Documents carry no governorate or actor: only the date range applies to them.
  const comms = latest(
    () =>
      getJson<CommsView>(
        withQuery('/api/comms/volume', {
          ...state.params(['country', 'admin1', 'actor', 'type', 'target', 'claimed', 'origin']),
          by: 'month',
        }),
      ),
    renderComms,
  );
  const hotspotsOn = byId<HTMLInputElement>('layer-hotspots');
  const hotspots = latest(
    () =>
      hotspotsOn.checked
        ? analysis<HotspotResult>('hotspots', state.params())
        : Promise.resolve(null),
    (r) => void map.then((m) => m.setHotspots(r)),
  );

  let tableReady: Promise<void> | null = null;
  /** Set during the first load only: the side panels start when it resolves. */
  let panelsWait: Promise<unknown> | null = null;
  const refresh = (_f: Filter, changed: ReadonlySet<keyof Filter>, dataChanged = false) => {
    status('');
    const rows = table.reload();
    tableReady ??= rows;
    rows.catch(fail);
    map.then((m) => m.reloadPoints(dataChanged)).catch(fail);
    counts();
    // The timeline keeps the whole series; only other fields change what it counts.
    if ([...changed].some((k) => k !== 'from' && k !== 'to')) series();
    else timeline.draw();
    // On the first load the side panels wait for the map, table and timeline: on a small
    // machine their analyses (findings: seconds on a million events) would otherwise share the
    // CPU with what the analyst looks at first (bench:dashboard).
    const panels = () => {
      tempo();
      findings();
      claims();
      comms();
      hotspots();
    };
    if (panelsWait) void panelsWait.then(panels);
    else panels();
  };
  state.subscribe(refresh);
  let viewsDrawn!: () => void;
  panelsWait = new Promise<void>((resolve) => (viewsDrawn = resolve));
  refresh(state.value, new Set(['country']));
  panelsWait = null;
  const views = {
    map: map.then((m) => m.firstIdle),
    table: tableReady!,
    timeline: timelineReady,
  };
  markReady(views);
  // A view that fails or never draws (no WebGL) holds the panels back 3 s at most.
  void Promise.race([
    Promise.all(Object.values(views)),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]).then(viewsDrawn, viewsDrawn);

  for (const [id, layer] of [
    ['layer-points', 'points'],
    ['layer-heat', 'heat'],
    ['layer-rivers', 'rivers'],
  ] as const) {
    byId<HTMLInputElement>(id).addEventListener('change', (ev) => {
      const on = (ev.target as HTMLInputElement).checked;
      void map.then((m) => m.setVisible(layer, on));
    });
  }
  hotspotsOn.addEventListener('change', () => {
    void map.then((m) => m.setVisible('hotspots', hotspotsOn.checked));
    hotspots();
  });
  byId('brief-html').addEventListener('click', () => void openBrief('html', state).catch(fail));
  byId('brief-pdf').addEventListener('click', () => void openBrief('pdf', state).catch(fail));
  byId('export-csv').addEventListener('click', () => void download('csv', state).catch(fail));
  byId('export-geojson').addEventListener(
    'click',
    () => void download('geojson', state).catch(fail),
  );

  // Admin tools only for an admin token (the server checks again on every request).
  const me = await getJson<Me>('/api/me').catch(() => null);
  if (me?.role === 'admin') {
    const select = byId<HTMLSelectElement>('import-format');
    for (const f of await importFormats().catch(() => [])) {
      select.appendChild(h('option', { attrs: { value: f } }, f));
    }
    // New rows: every view counts again and the map refetches its points. (The filter lists
    // keep the values they loaded with until the page is reloaded.)
    setupImportPanel(() => refresh(state.value, new Set(FILTER_KEYS), true));
  }
}

main().catch(fail);
