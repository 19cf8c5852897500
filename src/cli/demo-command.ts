/**
 * `sitrep demo`: the main job on the embedded default, what `npm start` runs. Loads the bundled
 * real data (UCDP GED Syria 2016–2019) into the store — idempotently, so a second run is quick —
 * extracts events from the documents, then prints the key findings and what to ask next.
 * Later stages (linking, the dashboard, briefs) hook in here as they land.
 */
import type { Command } from 'commander';
import { importFile, ingestDocuments } from '../ingest/index.js';
import { bundledDataPath } from '../model/paths.js';
import { keyFindings } from '../analyze/index.js';
import { extractStored } from '../extract/index.js';
import { dbInfo } from '../store/index.js';
import { withStore, type DbFlags } from './context.js';
import { summary } from './import-command.js';
import { ingestSummary } from './ingest-command.js';
import { progressBar } from './progress.js';
import { renderTable, thousands } from './table.js';

export const BUNDLED_EVENT_FILES = ['events/ucdp_ged_syria_2016_2019.csv.gz'] as const;
export const BUNDLED_DOCUMENT_FILES = ['comms/fifthtribe_tweets.csv.gz'] as const;

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load the bundled real data and summarise it (what `npm start` runs)')
    .action(async (_flags: unknown, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        for (const rel of BUNDLED_EVENT_FILES) {
          const file = bundledDataPath(rel);
          const bar = progressBar(`loading ${rel}`);
          const report = await importFile(store, file, {
            onProgress: (p) => bar.update(p.bytesRead, p.bytesTotal, `${thousands(p.rows)} rows`),
          });
          bar.done();
          console.log(summary(report));
        }
        for (const rel of BUNDLED_DOCUMENT_FILES) {
          const bar = progressBar(`loading ${rel}`);
          const report = await ingestDocuments(store, bundledDataPath(rel), {
            onProgress: (p) => bar.update(p.bytesRead, p.bytesTotal, `${thousands(p.rows)} items`),
          });
          bar.done();
          console.log(ingestSummary(report));
        }
        const extracted = await extractStored(store);
        console.log(
          `extract: ${thousands(extracted.events)} events read from ${thousands(extracted.documents)} ` +
            `documents (${thousands(extracted.inserted)} new)`,
        );
        const info = await dbInfo(store);
        console.log(
          `\n${info.path}: ${thousands(info.events)} events, ${thousands(info.documents)} documents`,
        );
        console.log(renderTable(info.bySource, ['source_id', 'origin', 'n', 'first', 'last']));
        console.log('\nKey findings, Islamic State in Syria (UCDP GED):');
        for (const f of await keyFindings(store, {
          actor: ['Islamic State'],
          country: ['SYR'],
          source_id: ['ucdp_ged'],
        })) {
          console.log(`  • ${f}`);
        }
        console.log(
          '\nKey findings, Iraq, events extracted from the tweets (rules, uncalibrated; reposts not yet merged):',
        );
        for (const f of await keyFindings(store, { origin: 'extracted', country: ['IRQ'] })) {
          console.log(`  • ${f}`);
        }
        console.log('\nNext:');
        console.log(
          '  sitrep analyze tempo --actor ISIS --country SYR --from 2017-01 --to 2017-12',
        );
        console.log('  sitrep analyze concentration --actor ISIS --country SYR');
        console.log('  sitrep events --actor ISIS --country SYR --limit 20');
        console.log('  sitrep export --format geojson --actor ISIS --out is.geojson');
      });
    });
}
