/** `sitrep analyze tempo|concentration|findings [filters] [--json]` */
import { Option, type Command } from 'commander';
import {
  concentration,
  concentrationFinding,
  keyFindings,
  tempo,
  tempoFinding,
} from '../analyze/index.js';
import { CONCENTRATION_LEVELS, TEMPO_GROUP_COLUMNS, TEMPO_PERIODS } from '../model/index.js';
import { registerSpatialAnalyses } from './analyze-spatial-command.js';
import { registerTimeAnalyses } from './analyze-time-command.js';
import { withStore, type DbFlags } from './context.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from './filter-options.js';
import { positiveInt } from './parse.js';
import { renderTable, thousands } from './table.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number | null) => (x === null ? '' : x.toFixed(1));
const fix3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

export function registerAnalyze(program: Command): void {
  const analyze = program
    .command('analyze')
    .description(
      'analyses over a filtered event set (tempo, concentration, dispersion, hotspots, rivers, regimes, alerts, forecast, findings)',
    );

  addFilterOptions(
    analyze
      .command('tempo')
      .description('events per period with empty periods as zeros, rolling mean, mean with 95% CI')
      .addOption(new Option('--by <period>', 'period').choices([...TEMPO_PERIODS]).default('month'))
      .addOption(
        new Option('--group-by <column>', 'one series per value').choices([...TEMPO_GROUP_COLUMNS]),
      )
      .option('--rolling <n>', 'rolling-mean window in periods', '3')
      .option('--json', 'print the result object as JSON'),
  ).action(
    async (
      flags: FilterFlags & {
        by: 'day' | 'week' | 'month';
        groupBy?: (typeof TEMPO_GROUP_COLUMNS)[number];
        rolling: string;
        json?: boolean;
      },
      cmd: Command,
    ) => {
      const filter = filterFromFlags(flags);
      const rollingWindow = positiveInt(flags.rolling, 'rolling');
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await tempo(store, filter, {
          by: flags.by,
          groupBy: flags.groupBy,
          rollingWindow,
        });
        if (flags.json) return void console.log(JSON.stringify(r));
        console.log(
          renderTable(
            r.periods.map((p) => ({ ...p, rolling_mean: num(p.rolling_mean) })),
            ['period', 'count', 'rolling_mean'],
          ),
        );
        for (const g of r.groups ?? []) {
          console.log(`\n${r.group_by} = ${g.key ?? '(none)'}: ${thousands(g.n)} events`);
          console.log(
            renderTable(
              g.periods.map((p) => ({ ...p, rolling_mean: num(p.rolling_mean) })),
              ['period', 'count', 'rolling_mean'],
            ),
          );
        }
        console.log(`\n${tempoFinding(r)}`);
        if (r.yoy) {
          console.log(
            `year on year: ${thousands(r.n)} vs ${thousands(r.yoy.n_previous)} in ${r.yoy.window.from}…${r.yoy.window.to}` +
              (r.yoy.pct_change === null
                ? ''
                : ` (${r.yoy.pct_change >= 0 ? '+' : ''}${(r.yoy.pct_change * 100).toFixed(0)}%)`),
          );
        }
      });
    },
  );

  addFilterOptions(
    analyze
      .command('concentration')
      .description('ranked admin units with shares, top-k share, HHI, Gini, entropy')
      .addOption(
        new Option('--level <level>', 'admin level')
          .choices([...CONCENTRATION_LEVELS])
          .default('admin1'),
      )
      .option('--top <k>', 'k for the top-k share', '3')
      .option('--json', 'print the result object as JSON'),
  ).action(
    async (
      flags: FilterFlags & { level: 'admin1' | 'admin2'; top: string; json?: boolean },
      cmd: Command,
    ) => {
      const filter = filterFromFlags(flags);
      const topK = positiveInt(flags.top, 'top');
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await concentration(store, filter, { level: flags.level, topK });
        if (flags.json) return void console.log(JSON.stringify(r));
        console.log(
          renderTable(
            r.units.map((u) => ({
              ...u,
              share: pct(u.share),
              cumulative_share: pct(u.cumulative_share),
            })),
            ['rank', 'unit', 'code', 'count', 'share', 'cumulative_share'],
          ),
        );
        console.log(
          `\nHHI ${fix3(r.hhi)} (normalised ${fix3(r.hhi_normalized)}), Gini ${fix3(r.gini)}, ` +
            `normalised entropy ${fix3(r.entropy_normalized)} over ${r.units_total} units`,
        );
        console.log(concentrationFinding(r));
      });
    },
  );

  addFilterOptions(
    analyze
      .command('findings')
      .description('key findings as short numeric sentences')
      .option('--json', 'print the findings as a JSON array of strings'),
  ).action(async (flags: FilterFlags & { json?: boolean }, cmd: Command) => {
    const filter = filterFromFlags(flags);
    await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
      const findings = await keyFindings(store, filter);
      if (flags.json) return void console.log(JSON.stringify(findings));
      for (const f of findings) console.log(`• ${f}`);
    });
  });

  registerSpatialAnalyses(analyze);
  registerTimeAnalyses(analyze);
}
