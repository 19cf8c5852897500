/** `sitrep import FILE [--format …] [--map mapping.json]` */
import { isAbsolute, relative } from 'node:path';
import type { Command } from 'commander';
import {
  formatNames,
  getFormat,
  importFile,
  loadMapping,
  type EventFormat,
} from '../ingest/index.js';
import type { ImportReport } from '../model/index.js';
import { withStore, type DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { progressBar } from './progress.js';
import { thousands } from './table.js';

interface Flags extends DbFlags {
  format?: string;
  map?: string;
  json?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import an event dataset (CSV or CSV.gz) into the store')
    .argument('<files...>', 'CSV files to import (.csv or .csv.gz)')
    .option('--format <name>', `one of ${formatNames().join(', ')} (default: detect from header)`)
    .option(
      '--map <mapping.json>',
      'column mapping for --format csv (see data/mappings/ for examples)',
    )
    .option('--json', 'print the import report as JSON')
    .action(async (files: string[], flags: Flags, cmd: Command) => {
      const db = cmd.optsWithGlobals<DbFlags>().db;
      const format = await chooseFormat(flags);
      await withStore({ db }, async (store) => {
        for (const file of files) {
          const bar = progressBar(`importing ${file}`);
          const report = await importFile(store, file, {
            format,
            onProgress: (p) => bar.update(p.bytesRead, p.bytesTotal, `${thousands(p.rows)} rows`),
          });
          bar.done();
          console.log(flags.json ? JSON.stringify(report) : summary(report));
        }
      });
    });
}

async function chooseFormat(flags: Flags): Promise<EventFormat | undefined> {
  if (flags.map) {
    if (flags.format && flags.format !== 'csv')
      throw new UsageError('--map goes with --format csv');
    return loadMapping(flags.map);
  }
  if (!flags.format) return undefined;
  if (flags.format === 'csv') throw new UsageError('--format csv needs --map mapping.json');
  const f = await getFormat(flags.format);
  if (!f) {
    throw new UsageError(
      `--format: unknown format "${flags.format}"; expected ${formatNames().join(', ')}`,
    );
  }
  return f;
}

/** A path relative to the working directory when it lies under it (shorter, and no machine paths in logs). */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** `12,430 imported, 3 quarantined: see sitrep quarantine list` and the details below it. */
export function summary(r: ImportReport): string {
  const lines = [
    `${displayPath(r.file)} (${r.format}): ${thousands(r.inserted)} imported, ${thousands(r.updated)} updated, ` +
      `${thousands(r.unchanged)} unchanged, ${thousands(r.quarantined)} quarantined` +
      (r.quarantined ? ': see sitrep quarantine list' : '') +
      (r.merged ? `, ${thousands(r.merged)} repeated rows merged` : '') +
      ` (${thousands(r.rowsRead)} rows in ${r.seconds.toFixed(1)} s)`,
  ];
  for (const [kind, n] of Object.entries(r.warnings).sort((a, b) => b[1] - a[1])) {
    lines.push(`  warning: ${kind} (${thousands(n)} rows)`);
  }
  return lines.join('\n');
}
