/**
 * `sitrep demo`: the main job on the embedded default, what `npm start` runs. Loads the bundled
 * real data (UCDP GED Syria 2016–2019) into the store — idempotently, so a second run is quick —
 * extracts events from the documents, prints the key findings, then serves the dashboard on
 * http://localhost:8080 with a fresh admin token (revoked again on Ctrl-C) until interrupted;
 * `--no-serve` stops after the findings (tests, CI). Later stages (linking, briefs) hook in here.
 */
import type { Command } from 'commander';
import { importFile, ingestDocuments } from '../ingest/index.js';
import { bundledDataPath } from '../model/paths.js';
import { keyFindings } from '../analyze/index.js';
import { extractStored } from '../extract/index.js';
import { claimsSummary, linkEvents } from '../link/index.js';
import { createToken, dbInfo, revokeToken, type Store } from '../store/index.js';
import { claimsSentences } from '../report/claims-text.js';
import { withStore, type DbFlags } from './context.js';
import { summary } from './import-command.js';
import { ingestSummary } from './ingest-command.js';
import { progressBar } from './progress.js';
import { browserUrl, portFlag, serveUntilSignal } from './serve-command.js';
import { renderTable, thousands } from './table.js';

export const BUNDLED_EVENT_FILES = ['events/ucdp_ged_syria_2016_2019.csv.gz'] as const;
export const BUNDLED_DOCUMENT_FILES = ['comms/fifthtribe_tweets.csv.gz'] as const;

interface DemoFlags {
  serve: boolean;
  port: string;
  host: string;
}

/** Serves until Ctrl-C with an admin token made for this run and revoked when it ends. */
async function serveDashboard(store: Store, port: number, host: string): Promise<void> {
  const { token, info } = await createToken(store, { role: 'admin', name: 'npm start' });
  try {
    await serveUntilSignal(store, { port, host, anonymousRead: false }, (server, web) => {
      const url = browserUrl(server);
      console.log(`\nDashboard: ${url}/#token=${token}`);
      if (!web) console.log('  (no dashboard build in web/dist: run npm run build; the API is up)');
      console.log(`API:       ${url}/api/openapi.json`);
      console.log(`Admin token for this run (revoked on Ctrl-C): ${token}`);
      console.log('Ctrl-C to stop.');
    });
  } finally {
    await revokeToken(store, info.id);
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'load the bundled real data, summarise it and serve the dashboard (what `npm start` runs)',
    )
    .option('--no-serve', 'stop after the findings instead of serving the dashboard')
    .option('--port <n>', 'dashboard port (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on (127.0.0.1 = this machine only)', '127.0.0.1')
    .action(async (flags: DemoFlags, cmd: Command) => {
      const port = portFlag(flags.port);
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
        const linked = await linkEvents(store);
        console.log(
          `link: ${thousands(linked.new_events)} events linked into incidents ` +
            `(${thousands(linked.multi_member_incidents)} with several reports, ` +
            `${thousands(linked.abstentions)} close calls kept apart)`,
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
        // The tweets (2015-01 to 2016-05) and UCDP (2016-2019) overlap in early 2016 only.
        const claims = await claimsSummary(
          store,
          { actor: ['Islamic State'], country: ['SYR'], from: '2016-01', to: '2016-05' },
          { silentDays: 30 },
        );
        console.log('\nClaims vs attacks, Islamic State in Syria, Jan–May 2016 (UCDP × tweets):');
        for (const line of claimsSentences(claims)) console.log(`  • ${line}`);
        console.log(
          '\nKey findings, Iraq, events extracted from the tweets (rules; claims repeated across accounts are linked into incidents):',
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
        console.log('  sitrep incidents list --min-members 2 --country SYR');
        console.log(
          '  sitrep claims summary --actor ISIS --country SYR --from 2016-01 --to 2016-05',
        );
        if (flags.serve) await serveDashboard(store, port, flags.host);
      });
    });
}
