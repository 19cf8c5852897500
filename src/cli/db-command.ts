/** `sitrep db info [--json]` */
import type { Command } from 'commander';
import { dbInfo } from '../store/index.js';
import { withStore, type DbFlags } from './context.js';
import { renderTable, thousands } from './table.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('inspect the database');
  db.command('info')
    .description('path, schema version, events per source, recent imports')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const info = await dbInfo(store);
        if (flags.json) {
          console.log(JSON.stringify(info));
          return;
        }
        console.log(`database   ${info.path} (schema v${info.schemaVersion})`);
        console.log(`events     ${thousands(info.events)}`);
        console.log(`documents  ${thousands(info.documents)}`);
        console.log(`quarantine ${thousands(info.quarantined)} rows`);
        if (info.bySource.length) {
          console.log(
            '\n' + renderTable(info.bySource, ['source_id', 'origin', 'n', 'first', 'last']),
          );
        }
        if (info.imports.length) {
          console.log('\nrecent imports');
          console.log(
            renderTable(info.imports, ['id', 'file', 'format', 'finished_at', 'inserted']),
          );
        }
      });
    });
}
