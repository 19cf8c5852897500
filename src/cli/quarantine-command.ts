/** `sitrep quarantine list [--import ID] [--limit N] [--json]` */
import type { Command } from 'commander';
import { listQuarantine } from '../store/index.js';
import { withStore, type DbFlags } from './context.js';
import { positiveInt } from './parse.js';
import { renderTable } from './table.js';

export function registerQuarantine(program: Command): void {
  const q = program.command('quarantine').description('rows rejected by imports, with the reason');
  q.command('list')
    .description('list rejected rows: file, line, field, reason')
    .option('--import <id>', 'only rows from this import run')
    .option('--limit <n>', 'rows to show', '100')
    .option('--json', 'print JSON')
    .action(async (flags: { import?: string; limit: string; json?: boolean }, cmd: Command) => {
      const limit = positiveInt(flags.limit, 'limit');
      const importId = flags.import === undefined ? undefined : positiveInt(flags.import, 'import');
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const rows = await listQuarantine(store, { importId, limit });
        if (flags.json) {
          console.log(JSON.stringify(rows));
          return;
        }
        if (rows.length === 0) {
          console.log('quarantine is empty');
          return;
        }
        console.log(renderTable(rows, ['import_id', 'file', 'line', 'field', 'reason']));
      });
    });
}
