/** `sitrep events [filters] [--limit N] [--json]` */
import type { Command } from 'commander';
import { countEvents, listEvents } from '../store/index.js';
import { withStore, type DbFlags } from './context.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from './filter-options.js';
import { positiveInt } from './parse.js';
import { renderTable, thousands } from './table.js';

interface Flags extends FilterFlags {
  limit: string;
  offset: string;
  json?: boolean;
}

const TABLE_COLUMNS = [
  'date',
  'country',
  'admin1',
  'location',
  'actor1',
  'attack_type',
  'fatalities',
  'claimed',
  'id',
];

export function registerEvents(program: Command): void {
  addFilterOptions(
    program
      .command('events')
      .description('list events matching a filter, newest first')
      .option('--limit <n>', 'rows to show', '50')
      .option('--offset <n>', 'rows to skip', '0')
      .option('--json', 'print JSON (one array of event objects)'),
  ).action(async (flags: Flags, cmd: Command) => {
    const filter = filterFromFlags(flags);
    const limit = positiveInt(flags.limit, 'limit');
    const offset = positiveInt(flags.offset, 'offset', true);
    await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
      const rows = await listEvents(store, filter, { limit, offset });
      if (flags.json) {
        console.log(JSON.stringify(rows));
        return;
      }
      const total = await countEvents(store, filter);
      console.log(renderTable(rows, TABLE_COLUMNS));
      console.log(`${thousands(rows.length)} of ${thousands(total)} events`);
    });
  });
}
