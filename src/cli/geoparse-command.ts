/**
 * `sitrep geoparse [--in FILE|-] [--out FILE|-] [--country IRQ|SYR]` and
 * `sitrep eval geoparse --gold FILE... [--json]`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { CommanderError, type Command } from 'commander';
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
import { renderTable } from './table.js';

interface GeoparseFlags {
  in?: string;
  out?: string;
  country?: string;
}

export function registerGeoparse(program: Command): void {
  program
    .command('geoparse')
    .description('place names in text → places, coordinates and admin units (NDJSON in/out)')
    .option('--in <file>', 'NDJSON documents {id, text, published?, lang?}; - for stdin')
    .option('--out <file>', 'where to write {doc_id, toponyms} lines; - for stdout', '-')
    .option('--country <iso3>', 'country the texts are about: IRQ or SYR')
    .addHelpText(
      'after',
      '\nWithout --in, plain text piped on stdin is parsed as one document and printed as a JSON array.\n' +
        'Bad lines are reported on stderr as FILE:LINE: reason and skipped; the exit code is then 1.',
    )
    .action(async (flags: GeoparseFlags) => {
      const countryHint = country(flags.country);
      const out = flags.out === '-' || !flags.out ? process.stdout : createWriteStream(flags.out);
      try {
        if (flags.in === undefined) {
          if (process.stdin.isTTY) throw new UsageError('geoparse: give --in FILE or pipe text');
          const text = await readAll(process.stdin);
          await write(out, JSON.stringify(geoparse(text, { countryHint })) + '\n');
          return;
        }
        const bad = await geoparseNdjson(flags.in, out, countryHint);
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

/** Parses each NDJSON line of `path` as it is read; returns how many lines were bad. */
async function geoparseNdjson(
  path: string,
  out: Writable,
  countryHint: Iso3 | undefined,
): Promise<number> {
  const name = path === '-' ? '<stdin>' : path;
  const input = path === '-' ? process.stdin : createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let bad = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (err) {
      bad++;
      process.stderr.write(`${name}:${n}: invalid JSON: ${(err as Error).message}\n`);
      continue;
    }
    const d = doc as { id?: unknown; text?: unknown } | null;
    if (typeof d !== 'object' || d === null || typeof d.text !== 'string') {
      bad++;
      process.stderr.write(`${name}:${n}: missing text\n`);
      continue;
    }
    const id = typeof d.id === 'string' || typeof d.id === 'number' ? d.id : n;
    const toponyms = geoparse(d.text, { countryHint });
    await write(out, JSON.stringify({ doc_id: id, toponyms }) + '\n');
  }
  return bad;
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
      await write(process.stdout, text + '\n');
      if (bad > 0) {
        throw new CommanderError(1, 'sitrep.eval.badLines', `${bad} bad gold line(s)`);
      }
    });
}

/** The `eval` parent command, created on first use. */
export function evalParent(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'eval') ??
    program.command('eval').description('evaluate a component against labelled data')
  );
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

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}
