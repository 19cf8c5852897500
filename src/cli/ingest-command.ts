/**
 * `sitrep ingest PATH… [--format …] [--json]`: communications files into the documents table.
 * `sitrep documents [--source … --channel … --lang … --from … --to …] [--limit N] [--json]`.
 */
import { Option, type Command } from 'commander';
import {
  COMMS_FORMATS,
  ingestDocuments,
  isCommsFormat,
  type DocumentImportReport,
} from '../ingest/index.js';
import { endOf, startOf } from '../model/index.js';
import { countDocuments, listDocuments, type DocumentFilter } from '../store/index.js';
import { withStore, type DbFlags } from './context.js';
import { displayPath } from './import-command.js';
import { UsageError } from './errors.js';
import { positiveInt } from './parse.js';
import { progressBar } from './progress.js';
import { renderTable, thousands } from './table.js';

interface IngestFlags {
  format?: string;
  json?: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('ingest communications (tweets CSV, Telegram JSON export, RSS/Atom, NDJSON)')
    .argument('<paths...>', 'files to ingest (.gz accepted)')
    .addOption(
      new Option(
        '--format <name>',
        'input format (default: detect from name and first bytes)',
      ).choices([...COMMS_FORMATS]),
    )
    .option('--json', 'print each ingest report as JSON')
    .action(async (paths: string[], flags: IngestFlags, cmd: Command) => {
      const format = flags.format;
      if (format !== undefined && !isCommsFormat(format)) {
        throw new UsageError(`--format: unknown format "${format}"`);
      }
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        for (const path of paths) {
          const bar = progressBar(`ingesting ${path}`);
          const report = await ingestDocuments(store, path, {
            format,
            onProgress: (p) =>
              bar.update(p.bytesRead, p.bytesTotal, `${thousands(p.rows)} records`),
          });
          bar.done();
          console.log(flags.json ? JSON.stringify(report) : ingestSummary(report));
        }
      });
    });
}

/** `tweets.csv (tweets): 17,410 ingested, 0 updated, …` and the warnings below it. */
export function ingestSummary(r: DocumentImportReport): string {
  const lines = [
    `${displayPath(r.file)} (${r.format}): ${thousands(r.inserted)} ingested, ` +
      `${thousands(r.updated)} updated, ${thousands(r.unchanged)} unchanged, ` +
      `${thousands(r.quarantined)} quarantined` +
      (r.quarantined ? ': see sitrep quarantine list' : '') +
      (r.skipped ? `, ${thousands(r.skipped)} skipped (service messages)` : '') +
      (r.merged ? `, ${thousands(r.merged)} repeated records merged` : '') +
      ` (${thousands(r.read)} records in ${r.seconds.toFixed(1)} s)`,
  ];
  for (const [kind, n] of Object.entries(r.warnings).sort((a, b) => b[1] - a[1])) {
    if (kind === 'service messages skipped') continue;
    lines.push(`  warning: ${kind} (${thousands(n)} records)`);
  }
  return lines.join('\n');
}

interface DocumentsFlags {
  source?: string;
  channel?: string;
  lang?: string;
  from?: string;
  to?: string;
  limit: string;
  offset: string;
  json?: boolean;
}

const TABLE_COLUMNS = ['published_at', 'source', 'channel', 'lang', 'text', 'id'];
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function registerDocuments(program: Command): void {
  program
    .command('documents')
    .description('list ingested communications, newest first')
    .option('--source <name>', 'source: twitter, telegram, a feed title, …')
    .option('--channel <name>', 'channel: account, Telegram channel, feed')
    .option('--lang <code>', 'language (BCP 47 primary subtag: ar, en, …)')
    .option('--from <date>', 'first day: YYYY, YYYY-MM or YYYY-MM-DD (UTC)')
    .option('--to <date>', 'last day (inclusive): YYYY, YYYY-MM or YYYY-MM-DD (UTC)')
    .option('--limit <n>', 'rows to show', '50')
    .option('--offset <n>', 'rows to skip', '0')
    .option('--json', 'print JSON (one array of document objects)')
    .action(async (flags: DocumentsFlags, cmd: Command) => {
      const filter = documentFilter(flags);
      const limit = positiveInt(flags.limit, 'limit');
      const offset = positiveInt(flags.offset, 'offset', true);
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const rows = await listDocuments(store, { ...filter, limit, offset });
        if (flags.json) {
          console.log(JSON.stringify(rows));
          return;
        }
        const total = await countDocuments(store, filter);
        console.log(renderTable(rows as unknown as Record<string, unknown>[], TABLE_COLUMNS));
        console.log(`${thousands(rows.length)} of ${thousands(total)} documents`);
      });
    });
}

function documentFilter(flags: DocumentsFlags): DocumentFilter {
  const filter: DocumentFilter = {};
  if (flags.source) filter.source = flags.source;
  if (flags.channel) filter.channel = flags.channel;
  if (flags.lang) filter.lang = flags.lang.toLowerCase();
  for (const key of ['from', 'to'] as const) {
    const v = flags[key];
    if (v === undefined) continue;
    if (!DATE.test(v)) throw new UsageError(`--${key}: "${v}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
    filter[key] = key === 'from' ? startOf(v) : endOf(v);
  }
  return filter;
}
