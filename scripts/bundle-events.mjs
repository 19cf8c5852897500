#!/usr/bin/env node
// Copies the redistributable event datasets from ../shared/data into data/events/, gzipped.
// Deterministic: zlib writes no timestamp, so the same input gives byte-identical output.
// Usage: node scripts/bundle-events.mjs [sharedDataDir]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Only files whose licence allows redistribution (see ../shared/data/events/README.md). */
const BUNDLE = ['ucdp_ged_syria_2016_2019.csv'];

function main() {
  const shared = process.argv[2] ?? process.env.SITREP_SHARED_DATA ?? '../shared/data';
  mkdirSync('data/events', { recursive: true });
  for (const name of BUNDLE) {
    const input = readFileSync(join(shared, 'events', name));
    const out = join('data/events', `${name}.gz`);
    const packed = gzipSync(input, { level: 9 });
    writeFileSync(out, packed);
    console.log(`${out}: ${input.length} → ${packed.length} bytes`);
  }
}

main();
