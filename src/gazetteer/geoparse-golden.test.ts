/**
 * Golden fixtures: test/fixtures/gazetteer/sentences.txt (one text a line) → sentences.out.ndjson
 * (what geoparse finds in each). Review the diff of the out file when behaviour changes on
 * purpose, then regenerate it with `REGEN=1 npx vitest run src/gazetteer/geoparse-golden`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { geoparse } from './geoparse.js';

const DIR = join(import.meta.dirname, '../../test/fixtures/gazetteer');

function summary(text: string): string {
  const toponyms = geoparse(text).map((t) => ({
    text: t.text,
    start: t.start,
    end: t.end,
    place_id: t.place_id,
    kind: t.kind,
    admin1_code: t.admin1_code,
    geo_precision: t.geo_precision,
    ...(t.relative ? { relative: t.relative } : {}),
  }));
  return JSON.stringify({ text, toponyms });
}

it('geoparses the golden sentences as recorded in sentences.out.ndjson', () => {
  const sentences = readFileSync(join(DIR, 'sentences.txt'), 'utf8').split('\n').filter(Boolean);
  const actual = sentences.map(summary).join('\n') + '\n';
  const outPath = join(DIR, 'sentences.out.ndjson');
  if (process.env.REGEN === '1') writeFileSync(outPath, actual);
  expect(actual).toBe(readFileSync(outPath, 'utf8'));
});
