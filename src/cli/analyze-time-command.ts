/** `sitrep analyze regimes|alerts|forecast [filters] [--json]` */
import { Option, type Command } from 'commander';
import { alerts, backtest, forecast, regimeFinding, regimes } from '../analyze/index.js';
import { TEMPO_GROUP_COLUMNS, TEMPO_PERIODS, type TempoGroupBy } from '../model/index.js';
import { withStore, type DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from './filter-options.js';
import { positiveInt } from './parse.js';
import { renderTable } from './table.js';

const f1 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
const f2 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

interface JsonFlags extends FilterFlags {
  json?: boolean;
}

function number(value: string, flag: string, min: number, max = Infinity): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${flag}: "${value}" is not a number from ${min} to ${max}`);
  return n;
}

function timeCommand(analyze: Command, name: string, description: string): Command {
  return addFilterOptions(
    analyze
      .command(name)
      .description(description)
      .option('--json', 'print the result object as JSON'),
  );
}

/** Adds `regimes`, `alerts` and `forecast` to an existing `analyze` command. */
export function registerTimeAnalyses(analyze: Command): void {
  timeCommand(analyze, 'regimes', 'phases of the count series (PELT, Poisson cost), labelled')
    .addOption(new Option('--by <period>', 'period').choices([...TEMPO_PERIODS]).default('month'))
    .option('--penalty <x>', 'cost per change point (default 2·ln(n)·overdispersion)')
    .option('--min-segment <n>', 'shortest phase in periods', '2')
    .action(
      async (
        flags: JsonFlags & {
          by: 'day' | 'week' | 'month';
          penalty?: string;
          minSegment: string;
        },
        cmd: Command,
      ) => {
        const filter = filterFromFlags(flags);
        const options = {
          by: flags.by,
          minSegment: positiveInt(flags.minSegment, 'min-segment'),
          penalty: flags.penalty === undefined ? undefined : number(flags.penalty, 'penalty', 0),
        };
        await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
          const r = await regimes(store, filter, options);
          if (flags.json) return void console.log(JSON.stringify(r));
          console.log(
            renderTable(
              r.segments.map((s) => ({
                ...s,
                rate: f1(s.rate),
                ci95: `${f1(s.ci95[0])}–${f1(s.ci95[1])}`,
                slope_t: f2(s.slope_t),
              })),
              ['start', 'end', 'periods', 'n', 'rate', 'ci95', 'slope_t', 'label'],
            ),
          );
          console.log(
            `\npenalty ${f1(r.penalty)} (overdispersion ${f2(r.dispersion)}), median ${f1(r.median)} per ${r.by}`,
          );
          console.log(r.summary);
          console.log(regimeFinding(r));
        });
      },
    );

  timeCommand(
    analyze,
    'alerts',
    'periods above their trailing baseline, per unit (NB/Poisson tail)',
  )
    .addOption(new Option('--by <period>', 'period').choices(['week', 'month']).default('week'))
    .addOption(
      new Option('--group-by <column>', 'unit column')
        .choices([...TEMPO_GROUP_COLUMNS])
        .default('admin1'),
    )
    .option('--baseline <n>', 'trailing baseline window in periods', '8')
    .option('--alpha <p>', 'flag when P(X ≥ count) is below this', '0.01')
    .option('--limit <n>', 'alerts to list', '50')
    .action(
      async (
        flags: JsonFlags & {
          by: 'week' | 'month';
          groupBy: TempoGroupBy;
          baseline: string;
          alpha: string;
          limit: string;
        },
        cmd: Command,
      ) => {
        const filter = filterFromFlags(flags);
        const options = {
          by: flags.by,
          groupBy: flags.groupBy,
          baselineWindow: number(flags.baseline, 'baseline', 2, 104),
          alpha: number(flags.alpha, 'alpha', Number.MIN_VALUE, 0.999),
        };
        const limit = positiveInt(flags.limit, 'limit');
        await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
          const r = await alerts(store, filter, options);
          if (flags.json) return void console.log(JSON.stringify(r));
          console.log(
            renderTable(
              r.alerts.slice(0, limit).map((a) => ({
                ...a,
                unit: a.unit ?? '(none)',
                expected: f1(a.expected),
                p: a.p.toExponential(2),
              })),
              ['unit', 'period', 'count', 'expected', 'p', 'method'],
            ),
          );
          const tested = r.units.reduce((a, u) => a + u.tested, 0);
          console.log(
            `\n${r.alerts.length} alerts in ${tested} tested ${r.by}s across ${r.units.length} units ` +
              `(${r.group_by}; baseline ${r.baseline_window}, alpha ${r.alpha}, uncorrected)`,
          );
        });
      },
    );

  timeCommand(analyze, 'forecast', 'counts 1–6 periods ahead with 80%/95% intervals, backtest')
    .addOption(new Option('--by <period>', 'period').choices(['week', 'month']).default('month'))
    .option('--horizon <1-6>', 'periods ahead', '6')
    .option('--backtest', 'also score the model on past periods (rolling origin)')
    .option('--origins <n>', 'backtest: last periods scored', '12')
    .option('--backtest-horizon <1-6>', 'backtest: horizons 1..this', '3')
    .action(
      async (
        flags: JsonFlags & {
          by: 'week' | 'month';
          horizon: string;
          backtest?: boolean;
          origins: string;
          backtestHorizon: string;
        },
        cmd: Command,
      ) => {
        const filter = filterFromFlags(flags);
        const horizon = number(flags.horizon, 'horizon', 1, 6);
        const bt = {
          by: flags.by,
          origins: number(flags.origins, 'origins', 1, 120),
          horizon: number(flags.backtestHorizon, 'backtest-horizon', 1, 6),
        };
        if (
          !Number.isInteger(horizon) ||
          !Number.isInteger(bt.origins) ||
          !Number.isInteger(bt.horizon)
        )
          throw new UsageError('--horizon, --origins, --backtest-horizon: whole numbers expected');
        await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
          const r = await forecast(store, filter, { by: flags.by, horizon });
          const b = flags.backtest ? await backtest(store, filter, bt) : undefined;
          if (flags.json)
            return void console.log(JSON.stringify(b ? { forecast: r, backtest: b } : r));
          if (r.dropped_partial)
            console.log(`left out the partial last ${r.by}: ${r.dropped_partial}`);
          if (!r.model) return void console.log(`fewer than 6 full ${r.by}s: no forecast`);
          const m = r.model;
          console.log(
            `damped-trend Holt on log(1+count): α ${m.alpha}, β ${m.beta}, φ ${m.phi}, σ ${m.sigma.toFixed(3)}, ${m.n_fit} ${r.by}s\n`,
          );
          console.log(
            renderTable(
              r.points.map((p) => ({
                period: p.period,
                forecast: f1(p.forecast),
                '80%': `${f1(p.lo80)}–${f1(p.hi80)}`,
                '95%': `${f1(p.lo95)}–${f1(p.hi95)}`,
              })),
              ['period', 'forecast', '80%', '95%'],
            ),
          );
          if (!b) return;
          console.log(`\nbacktest over the last ${b.origins} ${b.by}s (rolling origin):`);
          console.log(
            renderTable(
              b.rows.map((row) => ({
                ...row,
                mae: f1(row.mae),
                mae_naive: f1(row.mae_naive),
                coverage80: f2(row.coverage80),
                coverage95: f2(row.coverage95),
              })),
              ['h', 'n', 'mae', 'mae_naive', 'coverage80', 'coverage95'],
            ),
          );
        });
      },
    );
}
