/** `sitrep export --format csv|geojson|parquet [filters] [--out FILE]` */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { exportEventsFile, iterateEvents, type Store } from '../store/index.js';
import type { EventFilter } from '../model/index.js';
import { eventsToGeoJson } from '../report/geojson.js';
import { withStore, type DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from './filter-options.js';

interface Flags extends FilterFlags {
  format: 'csv' | 'geojson' | 'parquet';
  out?: string;
}

export function registerExport(program: Command): void {
  addFilterOptions(
    program
      .command('export')
      .description('export the filtered events as CSV, GeoJSON or Parquet')
      .addOption(
        new Option('--format <format>', 'output format')
          .choices(['csv', 'geojson', 'parquet'])
          .default('csv'),
      )
      .option('--out <file>', 'output file (CSV and GeoJSON go to stdout without it)'),
  ).action(async (flags: Flags, cmd: Command) => {
    const filter = filterFromFlags(flags);
    if (flags.format === 'parquet' && !flags.out) {
      throw new UsageError('--format parquet needs --out FILE (Parquet is binary)');
    }
    await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
      const rows =
        flags.format === 'geojson'
          ? await writeGeoJson(store, filter, flags.out)
          : await writeTabular(store, filter, flags.format as 'csv' | 'parquet', flags.out);
      if (flags.out) console.error(`${rows} events written to ${flags.out}`);
    });
  });
}

async function writeTabular(
  store: Store,
  filter: EventFilter,
  format: 'csv' | 'parquet',
  out: string | undefined,
): Promise<number> {
  const exported = await exportEventsFile(store, filter, format);
  try {
    if (out) await copyFile(exported.file, out);
    else await pipeline(createReadStream(exported.file), process.stdout, { end: false });
    return exported.rows;
  } finally {
    await exported.cleanup();
  }
}

async function writeGeoJson(
  store: Store,
  filter: EventFilter,
  out: string | undefined,
): Promise<number> {
  const sink = out ? createWriteStream(out) : process.stdout;
  let n = 0;
  for await (const chunk of eventsToGeoJson(iterateEvents(store, filter))) {
    n += chunk.features;
    if (!sink.write(chunk.text)) await once(sink, 'drain');
  }
  if (out) {
    sink.end();
    await finished(sink);
  }
  return n;
}
