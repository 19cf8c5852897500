/**
 * Geoparser throughput and rough accuracy.
 *
 *   npm run build && node dist/bench/geoparse.js
 *
 * Throughput: the UCDP GED Syria `source_headline` texts (bundled, CC BY 4.0) concatenated into
 * ~1 KB documents, parsed on one core. Accuracy (distant supervision, not a gold standard):
 * headlines in which exactly one toponym resolves, its governorate against UCDP's coded adm_1 —
 * a headline may name other places than the coded event, so this understates precision and
 * says nothing of recall. When ../shared/data/labelled/gtd_pages_dev.ndjson exists (GTD: read
 * from there, never bundled), admin1 accuracy against the coded provstate and the share within
 * 25 km of the coded city (located through the gazetteer itself, so an upper-bound proxy).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { AdminLookup } from '../src/gazetteer/admin-lookup.js';
import { geoparse, type Toponym } from '../src/gazetteer/geoparse.js';
import { PlaceIndex } from '../src/gazetteer/place-index.js';
import { km } from '../src/gazetteer/resolve.js';

const DOC_CHARS = 1000;
const MIN_SECONDS = 3;

function repoRoot(): string {
  let dir = resolve(fileURLToPath(import.meta.url), '..');
  while (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return dir;
}

interface UcdpRow {
  source_headline: string;
  adm_1: string;
}

function readUcdp(root: string): UcdpRow[] {
  const gz = readFileSync(join(root, 'data/events/ucdp_ged_syria_2016_2019.csv.gz'));
  const rows: Record<string, string>[] = parse(gunzipSync(gz), { columns: true });
  return rows.map((r) => ({ source_headline: r.source_headline ?? '', adm_1: r.adm_1 ?? '' }));
}

function documents(headlines: readonly string[]): string[] {
  const docs: string[] = [];
  let doc = '';
  for (const h of headlines) {
    doc += (doc ? '. ' : '') + h;
    if (doc.length >= DOC_CHARS) {
      docs.push(doc);
      doc = '';
    }
  }
  return docs;
}

function throughput(docs: readonly string[]): { docs: number; seconds: number; toponyms: number } {
  let n = 0;
  let toponyms = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < MIN_SECONDS * 1000) {
    for (const d of docs) toponyms += geoparse(d).length;
    n += docs.length;
  }
  return { docs: n, seconds: (performance.now() - t0) / 1000, toponyms };
}

function ucdpAccuracy(rows: readonly UcdpRow[], lookup: AdminLookup): string {
  let n = 0;
  let correct = 0;
  let noGold = 0;
  for (const r of rows) {
    const gold = r.adm_1 ? lookup.resolveName('SYR', r.adm_1) : null;
    if (!gold) {
      noGold++;
      continue;
    }
    const resolved = geoparse(r.source_headline, { countryHint: 'SYR' }).filter(
      (t) => t.place_id !== null && t.admin1_code !== null,
    );
    if (resolved.length !== 1) continue;
    n++;
    if (resolved[0]?.admin1_code === gold.admin1_code) correct++;
  }
  return `${pct(correct, n)} of ${n} headlines with exactly one resolved toponym (${rows.length} rows, ${noGold} without adm_1)`;
}

interface GtdPage {
  country: string;
  provstate: string | null;
  city: string | null;
  summary: string;
  latitude?: number | null;
  longitude?: number | null;
}

function gtdAccuracy(path: string, lookup: AdminLookup): string[] {
  const index = PlaceIndex.load();
  const pages = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GtdPage);
  let n = 0;
  let correct = 0;
  let located = 0;
  let within25 = 0;
  let ceiling = 0;
  for (const p of pages) {
    const country = p.country === 'Syria' ? 'SYR' : p.country === 'Iraq' ? 'IRQ' : null;
    const gold = p.provstate ? lookup.resolveName(country, p.provstate) : null;
    if (!gold) continue;
    n++;
    const toponyms = geoparse(p.summary);
    const best = pickEventPlace(toponyms);
    if (best?.admin1_code === gold.admin1_code) correct++;
    const goldPoint = goldLocation(p, gold.admin1_code, index);
    if (goldPoint) {
      located++;
      if (
        best?.lat != null &&
        best.lon != null &&
        km(best.lat, best.lon, goldPoint.lat, goldPoint.lon) <= 25
      )
        within25++;
      if (
        toponyms.some((t) =>
          t.candidates.some(
            (c) => index.byId(c.place_id) && near(index.byId(c.place_id), goldPoint),
          ),
        )
      )
        ceiling++;
    }
  }
  return [
    `GTD dev pages: admin1 accuracy ${pct(correct, n)} (n=${n})`,
    `GTD dev pages: within 25 km of the coded city ${pct(within25, located)} (n=${located} cities the gazetteer locates; gold point from the gazetteer, a proxy)`,
    `GTD dev pages: retrieval ceiling (a candidate within 25 km of the city) ${pct(ceiling, located)}`,
  ];
}

/** The event's place: the first resolved town-level toponym, else the first resolved one. */
function pickEventPlace(ts: readonly Toponym[]): Toponym | undefined {
  const resolved = ts.filter((t) => t.place_id !== null);
  return resolved.find((t) => t.geo_precision === 1) ?? resolved[0];
}

function goldLocation(
  p: GtdPage,
  admin1: string | null,
  index: PlaceIndex,
): { lat: number; lon: number } | null {
  if (typeof p.latitude === 'number' && typeof p.longitude === 'number')
    return { lat: p.latitude, lon: p.longitude };
  if (!p.city || /^near /i.test(p.city)) return null;
  const hits = index.find(p.city.replace(/ (city|district|town)$/i, '')).places;
  const inArea = hits.filter((h) => h.admin1_code === admin1 && h.lat !== null && h.lon !== null);
  const settle = inArea.find((h) => ['city', 'town', 'village'].includes(h.kind)) ?? inArea[0];
  return settle && settle.lat !== null && settle.lon !== null
    ? { lat: settle.lat, lon: settle.lon }
    : null;
}

function near(
  p: { lat: number | null; lon: number | null } | undefined,
  q: { lat: number; lon: number },
): boolean {
  return !!p && p.lat !== null && p.lon !== null && km(p.lat, p.lon, q.lat, q.lon) <= 25;
}

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

export async function main(): Promise<void> {
  const root = repoRoot();
  const lookup = AdminLookup.load();
  const t0 = performance.now();
  PlaceIndex.load();
  geoparse('warm up in Mosul');
  console.log(`load: ${(performance.now() - t0).toFixed(0)} ms (place index + boundaries)`);
  const rows = readUcdp(root);
  const docs = documents(rows.map((r) => r.source_headline));
  const chars = docs.reduce((s, d) => s + d.length, 0);
  for (const d of docs) geoparse(d);
  const t = throughput(docs);
  console.log(
    `throughput: ${Math.round(t.docs / t.seconds)} docs/s (${docs.length} docs, mean ${Math.round(chars / docs.length)} chars, ${(t.toponyms / t.docs).toFixed(1)} toponyms/doc, one core)`,
  );
  console.log(`UCDP headlines admin1 (distant supervision, rough): ${ucdpAccuracy(rows, lookup)}`);
  const gtd = resolve(root, '../shared/data/labelled/gtd_pages_dev.ndjson');
  if (existsSync(gtd)) for (const line of gtdAccuracy(gtd, lookup)) console.log(line);
  else console.log('GTD dev pages: not found, skipped');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
