#!/usr/bin/env node
// Builds the linking gold sets from ../shared/data (CPOST suicide attacks × Iraq Body Count, and
// UCDP GED rows × their own reporting headlines read by the extractor):
// imports both with Sitrep's own importers into a temporary database, applies the labelling
// rule in src/store/link-gold.ts, and writes one NDJSON line per event {set, split, cluster, event}.
// The output holds restricted data: keep it out of the repository (default under .cache/).
// Usage: npm run build --silent && node scripts/build-link-gold.mjs [OUT] [--shared DIR]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const sharedAt = args.indexOf('--shared');
const shared = sharedAt >= 0 ? args.splice(sharedAt, 2)[1] : join(REPO, '..', 'shared', 'data');
const out = args[0] ?? join(REPO, '.cache', 'link-gold.ndjson');

const { Store } = await import(join(REPO, 'dist/src/store/index.js'));
const { importFile, getFormat } = await import(join(REPO, 'dist/src/ingest/index.js'));
const { cpostIbcGold, ucdpHeadlineGold } = await import(join(REPO, 'dist/src/link/index.js'));

const dir = mkdtempSync(join(tmpdir(), 'sitrep-gold-'));
const store = await Store.open(join(dir, 'gold.duckdb'), { memoryLimit: '1GB' });
try {
  for (const [file, format] of [
    ['events/cpost_dsat_suicide_attacks_iraq.csv', 'cpost'],
    ['events/ibc_iraq_incidents_2003_2017.csv', 'ibc'],
    ['events/ucdp_ged_syria_2016_2019.csv', 'ucdp'],
  ]) {
    const r = await importFile(store, join(shared, file), { format: await getFormat(format) });
    console.error(`${file}: ${r.inserted + r.updated + r.unchanged} events`);
  }
  // Both sets in one file, scored separately by `sitrep eval link`.
  const lines = [
    ...(await cpostIbcGold(store)).map((l) => ({ set: 'cpost-ibc', ...l })),
    ...(await ucdpHeadlineGold(store)).map((l) => ({ set: 'ucdp-headline', ...l })),
  ];
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const clusters = new Set(lines.map((l) => l.cluster));
  console.error(`${out}: ${lines.length} events in ${clusters.size} gold incidents`);
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
