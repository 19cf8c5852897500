/**
 * The map: MapLibre GL with an offline style built only from the bundled layers (admin1
 * boundaries as a choropleth of event counts, country outlines, rivers) and the filtered events
 * as clustered points, a heatmap and Gi* hotspot cells. No tiles, glyphs or sprites are fetched
 * from anywhere, so there are no text labels on the map; names live in the panels.
 *
 * GeoJSON sources are given as URLs of this origin's API, so MapLibre's worker fetches and
 * parses them (2 MB of points for 19,000 events) off the main thread; `transformRequest` adds
 * the bearer token to those requests.
 */
import {
  Map as MapLibre,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type ExpressionSpecification,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is emitted as a hashed asset on this origin, so CSP `worker-src 'self'` suffices.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { getToken, withQuery } from './api.js';
import type { FilterState } from './filter.js';
import type { ConcentrationResult, HotspotResult } from './types.js';

setWorkerUrl(workerUrl);

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const api = (path: string) => new URL(path, location.href).href;
/** Events a point stands for: 1, or a binned point's or a cluster's `n` (map-routes.ts). */
const EVENTS: ExpressionSpecification = ['coalesce', ['get', 'n'], 1];
/** Iraq and Syria. */
const BOUNDS: [number, number, number, number] = [35.5, 29, 48.8, 37.5];

const STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9edf0' } }],
};

export class MapView {
  readonly map: MapLibre;
  private readonly ready: Promise<void>;
  private shaded: string[] = [];
  /** The points URL the sources hold, so an unchanged filter does not refetch 2 MB. */
  private pointsShown = '';
  /** The points URL the heatmap holds ('' while it is off). */
  private heatShown = '';
  private heatOn = false;
  private drawn!: () => void;
  /** Resolves at the first 'idle' with the layers in place: the map has drawn its data. */
  readonly firstIdle = new Promise<void>((resolve) => (this.drawn = resolve));

  constructor(
    private readonly host: HTMLElement,
    private readonly state: FilterState,
    private readonly open: (id: string) => void,
  ) {
    this.map = new MapLibre({
      container: host,
      style: STYLE,
      bounds: BOUNDS,
      fitBoundsOptions: { padding: 20 },
      attributionControl: { compact: true },
      transformRequest: (url) => {
        const token = getToken();
        const ours = url.startsWith(location.origin + '/api/');
        return ours && token ? { url, headers: { authorization: `Bearer ${token}` } } : { url };
      },
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.ready = new Promise<void>((resolve) => this.map.once('load', () => resolve())).then(() =>
      this.addLayers(),
    );
    this.map.on('idle', () => this.report());
    // A layer that fails to load (a revoked token, a server error) must not fail silently.
    this.map.on('error', (ev) => console.error(`map: ${ev.error?.message ?? 'error'}`));
  }

  private addLayers(): void {
    const m = this.map;
    m.addSource('admin1', {
      type: 'geojson',
      data: api('/api/map/layers/admin1'),
      promoteId: 'code',
      attribution: 'Boundaries: OCHA COD-AB (CC BY-IGO)',
    });
    m.addSource('countries', { type: 'geojson', data: api('/api/map/layers/countries') });
    m.addSource('rivers', {
      type: 'geojson',
      data: api('/api/map/layers/rivers'),
      attribution: 'Rivers: Natural Earth',
    });
    m.addSource('points', {
      type: 'geojson',
      data: (this.pointsShown = this.pointsUrl()),
      cluster: true,
      clusterRadius: 40,
      clusterMaxZoom: 11,
      // Binned points (a large filter) carry their count `n`: clusters add those up.
      clusterProperties: { n: ['+', EVENTS] },
    });
    // Empty until the heatmap is switched on: a GeoJSON source fetches and parses its data even
    // when its only layer is hidden, and that would load the same 2 MB twice.
    m.addSource('heat', { type: 'geojson', data: EMPTY });
    m.addSource('hotspots', { type: 'geojson', data: EMPTY });

    const share: ExpressionSpecification = ['coalesce', ['feature-state', 'share'], 0];
    m.addLayer({
      id: 'admin1-fill',
      type: 'fill',
      source: 'admin1',
      paint: {
        'fill-color': [
          'interpolate',
          ['linear'],
          share,
          0,
          '#f7f4ee',
          0.15,
          '#fdd49e',
          0.4,
          '#fc8d59',
          1,
          '#b30000',
        ],
        'fill-opacity': 0.85,
      },
    });
    m.addLayer({
      id: 'admin1-line',
      type: 'line',
      source: 'admin1',
      paint: { 'line-color': '#8a8f94', 'line-width': 0.6 },
    });
    m.addLayer({
      id: 'admin1-selected',
      type: 'line',
      source: 'admin1',
      filter: ['==', ['get', 'name'], ''],
      paint: { 'line-color': '#1d3557', 'line-width': 3 },
    });
    m.addLayer({
      id: 'countries-line',
      type: 'line',
      source: 'countries',
      paint: { 'line-color': '#444', 'line-width': 1.5 },
    });
    m.addLayer({
      id: 'rivers',
      type: 'line',
      source: 'rivers',
      paint: { 'line-color': '#3a86c8', 'line-width': 2 },
    });
    m.addLayer({
      id: 'heat',
      type: 'heatmap',
      source: 'heat',
      layout: { visibility: 'none' },
      // Each event weighs little so that thousands of events in a governorate do not
      // saturate at country zoom; the intensity grows as one zooms in and points spread out.
      paint: {
        'heatmap-weight': ['*', 0.15, EVENTS],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 10, 2],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 4, 10, 10, 30],
        'heatmap-opacity': 0.8,
      },
    });
    m.addLayer({
      id: 'clusters',
      type: 'circle',
      source: 'points',
      filter: ['any', ['has', 'point_count'], ['>', EVENTS, 1]],
      paint: {
        'circle-color': '#1d3557',
        'circle-opacity': 0.75,
        'circle-radius': ['step', EVENTS, 8, 10, 12, 100, 17, 1000, 24, 10000, 30],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1,
      },
    });
    m.addLayer({
      id: 'points',
      type: 'circle',
      source: 'points',
      filter: ['all', ['!', ['has', 'point_count']], ['<=', EVENTS, 1]],
      paint: {
        'circle-color': '#e63946',
        'circle-radius': 5,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1,
      },
    });
    m.addLayer({
      id: 'hotspots',
      type: 'circle',
      source: 'hotspots',
      layout: { visibility: 'none' },
      paint: {
        'circle-radius': 9,
        'circle-color': ['case', ['>', ['get', 'z'], 0], '#d7191c', '#2c7bb6'],
        'circle-opacity': 0.6,
        'circle-stroke-color': '#222',
        'circle-stroke-width': 1,
      },
    });

    m.on('click', 'admin1-fill', (ev) => {
      if (m.queryRenderedFeatures(ev.point, { layers: ['points', 'clusters'] }).length) return;
      const f = ev.features?.[0];
      if (!f) return;
      const p = f.properties as { name: string; country: string };
      const selected = this.state.value.admin1 === p.name;
      this.state.set(selected ? { admin1: undefined } : { country: p.country, admin1: p.name });
    });
    m.on('click', 'points', (ev) => {
      const id = ev.features?.[0]?.properties.id as string | undefined;
      if (id) this.open(id);
    });
    m.on('click', 'clusters', (ev) => void this.zoomInto(ev.features?.[0]));
    for (const layer of ['points', 'clusters', 'admin1-fill']) {
      m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
    }
  }

  private async zoomInto(f: MapGeoJSONFeature | undefined): Promise<void> {
    if (!f || f.geometry.type !== 'Point') return;
    if (f.properties.cluster_id === undefined) {
      // A bin of many events (no cluster to expand): closer in, and a narrower filter splits it.
      const center = f.geometry.coordinates as [number, number];
      this.map.easeTo({ center, zoom: Math.min(this.map.getZoom() + 2, 12) });
      return;
    }
    const source = this.map.getSource<GeoJSONSource>('points')!;
    const zoom = await source.getClusterExpansionZoom(f.properties.cluster_id as number);
    this.map.easeTo({ center: f.geometry.coordinates as [number, number], zoom });
  }

  private pointsUrl(): string {
    return api(withQuery('/api/map/points', this.state.params()));
  }

  /**
   * Reloads the points for the current filter (fetched and parsed in the worker); `force`
   * refetches an unchanged filter's points (the data changed: an import).
   */
  async reloadPoints(force = false): Promise<void> {
    await this.ready;
    const url = this.pointsUrl();
    if (url === this.pointsShown && !force) return;
    if (force) this.heatShown = '';
    this.pointsShown = url;
    this.map.getSource<GeoJSONSource>('points')!.setData(url);
    this.syncHeat();
  }

  private syncHeat(): void {
    if (!this.heatOn || this.heatShown === this.pointsShown) return;
    this.heatShown = this.pointsShown;
    this.map.getSource<GeoJSONSource>('heat')!.setData(this.heatShown);
  }

  /** Shades each governorate by its share of the largest count. */
  async setCounts(result: ConcentrationResult): Promise<void> {
    await this.ready;
    for (const code of this.shaded)
      this.map.setFeatureState({ source: 'admin1', id: code }, { share: 0 });
    const max = Math.max(1, ...result.units.map((u) => u.count));
    this.shaded = [];
    for (const u of result.units) {
      if (!u.code) continue;
      this.map.setFeatureState(
        { source: 'admin1', id: u.code },
        { share: u.count / max, count: u.count },
      );
      this.shaded.push(u.code);
    }
    this.map.setFilter('admin1-selected', ['==', ['get', 'name'], this.state.value.admin1 ?? '']);
  }

  async setHotspots(result: HotspotResult | null): Promise<void> {
    await this.ready;
    const features = (result?.cells ?? [])
      .filter((c) => c.significant)
      .map((c) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [c.lon, c.lat] },
        properties: { z: c.z, count: c.count },
      }));
    this.map.getSource<GeoJSONSource>('hotspots')!.setData({ type: 'FeatureCollection', features });
  }

  async setVisible(layer: 'points' | 'heat' | 'hotspots' | 'rivers', on: boolean): Promise<void> {
    await this.ready;
    const ids = layer === 'points' ? ['points', 'clusters'] : [layer];
    for (const id of ids) this.map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    if (layer === 'heat') {
      this.heatOn = on;
      this.syncHeat();
    }
  }

  /** What is drawn, for people (the status line) and for the end-to-end tests. */
  private report(): void {
    if (!this.map.getLayer('admin1-fill')) return;
    const count = (layers: string[]) => this.map.queryRenderedFeatures({ layers }).length;
    this.host.dataset.admin1 = String(count(['admin1-fill']));
    this.host.dataset.points = String(count(['points', 'clusters']));
    this.host.dataset.ready = 'true';
    this.drawn();
  }
}
