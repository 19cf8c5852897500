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
 * from there, never bundled), the `sitrep eval geoparse` table for it (src/gazetteer/
 * eval-geoparse.ts): admin1 against the coded provstate, km against the coded city (located
 * through the gazetteer itself, so an upper-bound proxy).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdminLookup } from '../src/gazetteer/admin-lookup.js';
import { evalTable } from '../src/cli/geoparse-command.js';
import { datasetName, evaluateGeoparse, readGold } from '../src/gazetteer/eval-geoparse.js';
import { geoparse } from '../src/gazetteer/geoparse.js';
import { PlaceIndex } from '../src/gazetteer/place-index.js';
import { packageRoot } from '../src/model/index.js';
import { headlineDocuments, ucdpRows, type UcdpRow } from './ucdp-docs.js';

const DOC_CHARS = 1000;
const MIN_SECONDS = 3;

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

async function gtdAccuracy(path: string): Promise<string[]> {
  const { docs, problems } = await readGold(path);
  const r = evaluateGeoparse(docs, datasetName(path));
  return [...problems, evalTable([r])];
}

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

export async function main(): Promise<void> {
  const lookup = AdminLookup.load();
  const t0 = performance.now();
  PlaceIndex.load();
  geoparse('warm up in Mosul');
  console.log(`load: ${(performance.now() - t0).toFixed(0)} ms (place index + boundaries)`);
  const rows = ucdpRows();
  const docs = headlineDocuments(
    rows.map((r) => r.source_headline),
    DOC_CHARS,
  );
  const chars = docs.reduce((s, d) => s + d.length, 0);
  for (const d of docs) geoparse(d);
  const t = throughput(docs);
  console.log(
    `throughput: ${Math.round(t.docs / t.seconds)} docs/s (${docs.length} docs, mean ${Math.round(chars / docs.length)} chars, ${(t.toponyms / t.docs).toFixed(1)} toponyms/doc, one core)`,
  );
  console.log(`UCDP headlines admin1 (distant supervision, rough): ${ucdpAccuracy(rows, lookup)}`);
  const gtd = resolve(packageRoot(), '../shared/data/labelled/gtd_pages_dev.ndjson');
  if (existsSync(gtd)) for (const line of await gtdAccuracy(gtd)) console.log(line);
  else console.log('GTD dev pages: not found, skipped');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
