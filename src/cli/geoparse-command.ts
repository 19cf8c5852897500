/**
 * `sitrep geoparse [--in FILE|-] [--out FILE|-] [--country IRQ|SYR] [--field]` and
 * `sitrep eval geoparse --gold FILE... [--json]`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { CommanderError, type Command } from 'commander';
import { z } from 'zod';
import type { Iso3 } from '../gazetteer/admin-types.js';
import {
  datasetName,
  evaluateGeoparse,
  readGold,
  type GeoparseEvalResult,
  type Share,
} from '../gazetteer/eval-geoparse.js';
import { geoparse } from '../gazetteer/geoparse.js';
import { UsageError } from './errors.js';
import { evalParent, ndjsonRecords, writeChunk } from './ndjson-pipe.js';
import { renderTable } from './table.js';

interface GeoparseFlags {
  in?: string;
  out?: string;
  country?: string;
  field?: boolean;
}

export function registerGeoparse(program: Command): void {
  program
    .command('geoparse')
    .description('place names in text → places, coordinates and admin units (NDJSON in/out)')
    .option('--in <file>', 'NDJSON documents {id, text, published?, lang?}; - for stdin')
    .option('--out <file>', 'where to write {doc_id, toponyms} lines; - for stdout', '-')
    .option('--country <iso3>', 'country the texts are about: IRQ or SYR')
    .option(
      '--field',
      'each text is a location field (a dataset\'s place column: "Hit, Center of town"), not prose',
    )
    .addHelpText(
      'after',
      '\nWithout --in, plain text piped on stdin is parsed as one document and printed as a JSON array.\n' +
        'Bad lines are reported on stderr as FILE:LINE: reason and skipped; the exit code is then 1.',
    )
    .action(async (flags: GeoparseFlags) => {
      const opts = { countryHint: country(flags.country), field: flags.field ?? false };
      const out = flags.out === '-' || !flags.out ? process.stdout : createWriteStream(flags.out);
      try {
        if (flags.in === undefined) {
          if (process.stdin.isTTY) throw new UsageError('geoparse: give --in FILE or pipe text');
          const text = await readAll(process.stdin);
          await writeChunk(out, JSON.stringify(geoparse(text, opts)) + '\n');
          return;
        }
        const bad = await geoparseNdjson(flags.in, out, opts);
        if (bad > 0) {
          const msg = `geoparse: ${bad} bad line(s) skipped`;
          process.stderr.write(`sitrep: ${msg}\n`);
          throw new CommanderError(1, 'sitrep.geoparse.badLines', msg);
        }
      } finally {
        if (out !== process.stdout) {
          out.end();
          await once(out, 'close');
        }
      }
    });
}

/** Geoparse input: `{id?, text}` per line. */
const GeoparseDocSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string({ error: 'missing text' }),
});

/** Parses each NDJSON line of `path` as it is read; returns how many lines were bad. */
async function geoparseNdjson(
  path: string,
  out: Writable,
  opts: { countryHint: Iso3 | undefined; field: boolean },
): Promise<number> {
  const tally = { bad: 0 };
  const docs = ndjsonRecords(path, GeoparseDocSchema, 'expected {id, text}', tally);
  for await (const { line, value } of docs) {
    const toponyms = geoparse(value.text, opts);
    await writeChunk(out, JSON.stringify({ doc_id: value.id ?? line, toponyms }) + '\n');
  }
  return tally.bad;
}

interface EvalFlags {
  gold: string[];
  json?: boolean;
}

/** Registers `eval geoparse` under `evalCommand`, or under an `eval` created on `program`. */
export function registerEvalGeoparse(evalCommand: Command): void {
  const parent = evalCommand.name() === 'eval' ? evalCommand : evalParent(evalCommand);
  parent
    .command('geoparse')
    .description('geoparser accuracy on labelled incidents: one table row per gold file')
    .requiredOption('--gold <files...>', 'NDJSON gold files (GTD page shape: summary, provstate…)')
    .option('--json', 'print the results as JSON (with per-document scores)')
    .addHelpText(
      'after',
      '\nThe event place of a text is its primary place: the finest resolved toponym, wilayas\n' +
        'last, ties to the earliest (see src/gazetteer/primary.ts). Km columns use the coded\n' +
        'point, else the coded city found in the gazetteer (a proxy).',
    )
    .action(async (flags: EvalFlags) => {
      const results: GeoparseEvalResult[] = [];
      let bad = 0;
      for (const file of flags.gold) {
        const { docs, problems } = await readGold(file);
        for (const p of problems) process.stderr.write(`${p}\n`);
        bad += problems.length;
        results.push(evaluateGeoparse(docs, datasetName(file)));
      }
      const text = flags.json ? JSON.stringify(results) : evalTable(results);
      await writeChunk(process.stdout, text + '\n');
      if (bad > 0) {
        throw new CommanderError(1, 'sitrep.eval.badLines', `${bad} bad gold line(s)`);
      }
    });
}

/** One row per dataset, the columns of the evaluation table. */
export function evalTable(results: readonly GeoparseEvalResult[]): string {
  const rows = results.map((r) => ({
    dataset: r.dataset,
    N: r.n,
    'admin1 correct': share(r.admin1),
    'admin2 correct': share(r.admin2),
    'mean km': r.error_km.mean === null ? 'n/a' : r.error_km.mean.toFixed(1),
    'median km': r.error_km.median === null ? 'n/a' : r.error_km.median.toFixed(1),
    '≤25 km': share(r.within_25km),
    '≤161 km': share(r.within_161km),
    'retrieval ceiling': share(r.retrieval),
    abstained: `${r.abstained.n} (${r.abstained.hits} correct)`,
  }));
  const columns = Object.keys(rows[0] ?? { dataset: '' });
  const points = results.map(
    (r) =>
      `${r.dataset}: km over ${r.error_km.n} docs; gold points ${r.gold_points.coded} coded, ` +
      `${r.gold_points.gazetteer} from the coded city in the gazetteer (a proxy)`,
  );
  return [renderTable(rows, columns), '', ...points].join('\n');
}

const share = (s: Share): string =>
  s.n === 0 ? 'n/a' : `${((100 * s.hits) / s.n).toFixed(1)}% (${s.hits}/${s.n})`;

function country(value: string | undefined): Iso3 | undefined {
  if (value === undefined) return undefined;
  const c = value.toUpperCase();
  if (c !== 'IRQ' && c !== 'SYR') throw new UsageError(`--country: "${value}" is not IRQ or SYR`);
  return c;
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}
