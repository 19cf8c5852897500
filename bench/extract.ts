/**
 * Extraction throughput on ~1 KB documents: UCDP Syria headlines concatenated. Prints
 * documents per second on one core (the goal: ≥ 1,000 docs/s).
 *
 *   npm run build && node dist/bench/extract.js
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { extract } from '../src/extract/extract.js';

const DOC_CHARS = 1000;
const MIN_SECONDS = 3;

function repoRoot(): string {
  let dir = resolve(fileURLToPath(import.meta.url), '..');
  while (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return dir;
}

function documents(root: string): string[] {
  const gz = readFileSync(join(root, 'data/events/ucdp_ged_syria_2016_2019.csv.gz'));
  const rows: Record<string, string>[] = parse(gunzipSync(gz), { columns: true });
  const docs: string[] = [];
  let doc = '';
  for (const r of rows) {
    doc += (doc ? '. ' : '') + (r.source_headline ?? '');
    if (doc.length >= DOC_CHARS) {
      docs.push(doc);
      doc = '';
    }
  }
  return docs;
}

export function main(): void {
  const docs = documents(repoRoot());
  extract({ id: 'warm', text: docs[0] ?? '' }); // loads the gazetteer
  let n = 0;
  let events = 0;
  const start = process.hrtime.bigint();
  let seconds = 0;
  while (seconds < MIN_SECONDS) {
    for (const [i, text] of docs.entries()) {
      events += extract({ id: String(i), text, published: '2017-06-01' }).length;
      n++;
    }
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const chars = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  console.log(
    `extract: ${n} docs (mean ${chars.toFixed(0)} chars) in ${seconds.toFixed(2)} s = ` +
      `${(n / seconds).toFixed(0)} docs/s on one core; ${(events / n).toFixed(2)} events/doc`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
