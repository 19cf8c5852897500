/**
 * `sitrep comms volume|network|terms|ops-share|vs-attacks|dedup`: the communications analyses
 * over stored documents, as tables or `--json` (the result objects of src/analyze/comms).
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  commsNetwork,
  commsOpsShare,
  commsTerms,
  commsVolume,
  commsVsAttacks,
} from '../analyze/comms/index.js';
import { linkNearDuplicates } from '../ingest/comms/near-duplicates.js';
import {
  ChannelGroupsSchema,
  COMMS_GROUP_BY,
  COMMS_PERIODS,
  CommsFilterSchema,
  EDGE_KINDS,
  HUB_WINDOWS,
  type ChannelGroups,
  type CommsFilter,
  type CommsGroupBy,
  type CommsPeriod,
  type EdgeKind,
} from '../model/comms.js';
import { commaList } from '../model/index.js';
import { withStore, type DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { filterFromFlags } from './filter-options.js';
import { positiveInt } from './parse.js';
import { renderTable, thousands } from './table.js';

interface CommsFlags {
  from?: string;
  to?: string;
  channel?: string;
  lang?: string;
  source?: string;
  json?: boolean;
}

const list = (v: string | undefined) => (v === undefined ? undefined : commaList(v));

/** The shared document filter flags. */
function addCommsFilter(cmd: Command, sourceFlag = '--source <names,...>'): Command {
  return cmd
    .option('--from <date>', 'first day: YYYY, YYYY-MM or YYYY-MM-DD (UTC)')
    .option('--to <date>', 'last day (inclusive): YYYY, YYYY-MM or YYYY-MM-DD (UTC)')
    .option('--channel <names,...>', 'channels: accounts, Telegram channels, feeds')
    .option('--lang <codes,...>', 'languages (ar, en, …)')
    .option(sourceFlag, 'document sources: twitter, telegram, a feed title, …')
    .option('--json', 'print the result object as JSON');
}

/** Flags → CommsFilter, validated by its schema; a bad value names the flag. */
export function commsFilterFromFlags(f: CommsFlags & { docSource?: string }): CommsFilter {
  const candidate = {
    from: f.from,
    to: f.to,
    channel: list(f.channel),
    lang: list(f.lang)?.map((l) => l.toLowerCase()),
    source: list(f.docSource ?? f.source),
  };
  const parsed = CommsFilterSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
  return Object.fromEntries(
    Object.entries(parsed.data).filter(([, v]) => v !== undefined),
  ) as CommsFilter;
}

function channelGroups(file: string | undefined): ChannelGroups | undefined {
  if (!file) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--channels: ${file}: ${(err as Error).message}`);
  }
  const parsed = ChannelGroupsSchema.safeParse(json);
  if (!parsed.success) {
    throw new UsageError(
      `--channels: ${file}: ${parsed.error.issues[0]!.message}, expected {"official": [...], "supporter": [...]}`,
    );
  }
  return parsed.data;
}

const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
const fix = (x: number | null, d = 3) => (x === null ? '' : x.toFixed(d));

export function registerComms(program: Command): void {
  const comms = program
    .command('comms')
    .description('communications analyses: volume, network, terms, ops-share, vs-attacks');

  addCommsFilter(
    comms
      .command('volume')
      .description('documents per period, overall and per channel, author, language or affiliation')
      .addOption(new Option('--by <period>', 'period').choices([...COMMS_PERIODS]).default('month'))
      .addOption(
        new Option('--group-by <key>', 'one series per value').choices([...COMMS_GROUP_BY]),
      )
      .option('--top <n>', 'series kept when grouping (the rest sum as (other))', '10')
      .option('--distinct', 'count each group of near-duplicates once')
      .option('--channels <file.json>', 'channel lists {"official": [...], "supporter": [...]}'),
  ).action(
    async (
      flags: CommsFlags & {
        by: CommsPeriod;
        groupBy?: CommsGroupBy;
        top: string;
        distinct?: boolean;
        channels?: string;
      },
      cmd: Command,
    ) => {
      const filter = commsFilterFromFlags(flags);
      const groups = channelGroups(flags.channels);
      if (flags.groupBy === 'affiliation' && !groups) {
        throw new UsageError('--group-by affiliation needs --channels FILE');
      }
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await commsVolume(store, filter, {
          by: flags.by,
          groupBy: flags.groupBy,
          top: positiveInt(flags.top, 'top'),
          distinct: !!flags.distinct,
          channelGroups: groups,
        });
        if (flags.json) return void console.log(JSON.stringify(r));
        if (r.groups) {
          const keys = r.groups.map((g) => g.key ?? '(none)');
          const rows = r.periods.map((p, i) => ({
            period: p.period,
            total: p.count,
            ...Object.fromEntries(r.groups!.map((g, k) => [keys[k]!, g.periods[i]?.count ?? 0])),
          }));
          console.log(renderTable(rows, ['period', 'total', ...keys]));
        } else {
          console.log(renderTable(r.periods, ['period', 'count']));
        }
        console.log(
          `\n${thousands(r.n)} documents, ${r.window.from ?? '?'}…${r.window.to ?? '?'}` +
            (r.n_undated ? ` (${thousands(r.n_undated)} undated, not counted)` : '') +
            (r.distinct ? ', near-duplicates counted once' : ''),
        );
      });
    },
  );

  addCommsFilter(
    comms
      .command('network')
      .description('mention/retweet/forward network: PageRank, degree, communities, hubs over time')
      .option('--kinds <kinds,...>', `edge kinds: ${EDGE_KINDS.join(', ')}`)
      .option('--top <n>', 'accounts listed', '20')
      .addOption(
        new Option('--hub-window <period>', 'top hubs per window')
          .choices([...HUB_WINDOWS, 'none'])
          .default('quarter'),
      )
      .option('--seed <n>', 'Louvain seed', '1'),
  ).action(
    async (
      flags: CommsFlags & { kinds?: string; top: string; hubWindow: string; seed: string },
      cmd: Command,
    ) => {
      const filter = commsFilterFromFlags(flags);
      const kinds = list(flags.kinds);
      for (const k of kinds ?? []) {
        if (!(EDGE_KINDS as readonly string[]).includes(k)) {
          throw new UsageError(`--kinds: "${k}" is not one of ${EDGE_KINDS.join(', ')}`);
        }
      }
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await commsNetwork(store, filter, {
          kinds: kinds as EdgeKind[] | undefined,
          top: positiveInt(flags.top, 'top'),
          hubWindow: flags.hubWindow as (typeof HUB_WINDOWS)[number] | 'none',
          seed: positiveInt(flags.seed, 'seed', true),
        });
        if (flags.json) return void console.log(JSON.stringify(r));
        console.log(
          renderTable(
            r.top.map((n) => ({ ...n, pagerank: fix(n.pagerank, 5) })),
            ['rank', 'node', 'pagerank', 'in_degree', 'out_degree', 'weighted_in', 'community'],
          ),
        );
        console.log(
          `\n${thousands(r.nodes)} accounts, ${thousands(r.edges)} links, ` +
            `${Object.entries(r.by_kind)
              .map(([k, v]) => `${thousands(v)} ${k}s`)
              .join(', ')} in ${thousands(r.n_documents)} documents; ` +
            `${r.communities.length} largest communities, modularity ${fix(r.modularity)}`,
        );
        for (const c of r.communities.slice(0, 5)) {
          console.log(`  community ${c.id} (${thousands(c.size)}): ${c.top_nodes.join(', ')}`);
        }
        if (r.windows.length) {
          console.log(`\ntop hubs per ${r.hub_window}:`);
          for (const w of r.windows) {
            console.log(`  ${w.period}: ${w.hubs.map((h) => h.node).join(', ')}`);
          }
        }
      });
    },
  );

  addCommsFilter(
    comms
      .command('terms')
      .description('hashtags and words rising or falling: weighted log-odds, focus vs baseline')
      .option('--focus-from <date>', 'focus window start (default: the last 30 days)')
      .option('--focus-to <date>', 'focus window end')
      .option('--baseline-from <date>', 'baseline start (default: all before the focus)')
      .option('--baseline-to <date>', 'baseline end')
      .addOption(
        new Option('--kind <kind>', 'terms').choices(['all', 'words', 'hashtags']).default('all'),
      )
      .option('--top <n>', 'terms each way', '20')
      .option('--min-count <n>', 'ignore terms seen fewer times in both windows', '5'),
  ).action(
    async (
      flags: CommsFlags & {
        focusFrom?: string;
        focusTo?: string;
        baselineFrom?: string;
        baselineTo?: string;
        kind: 'all' | 'words' | 'hashtags';
        top: string;
        minCount: string;
      },
      cmd: Command,
    ) => {
      const filter = commsFilterFromFlags(flags);
      const pair = (name: string, from?: string, to?: string) => {
        if (!from && !to) return undefined;
        if (!from || !to) throw new UsageError(`--${name}-from and --${name}-to go together`);
        return { from, to };
      };
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await commsTerms(store, filter, {
          focus: pair('focus', flags.focusFrom, flags.focusTo),
          baseline: pair('baseline', flags.baselineFrom, flags.baselineTo),
          kind: flags.kind,
          top: positiveInt(flags.top, 'top'),
          minCount: positiveInt(flags.minCount, 'min-count'),
        });
        if (flags.json) return void console.log(JSON.stringify(r));
        const cols = ['term', 'z', 'log_odds', 'focus_count', 'baseline_count'];
        const show = (t: (typeof r.rising)[number]) => ({
          ...t,
          z: fix(t.z, 2),
          log_odds: fix(t.log_odds, 2),
        });
        const w = (x: typeof r.focus) =>
          `${x.window.from}…${x.window.to} (${thousands(x.n_documents)} documents, ${thousands(x.n_tokens)} terms)`;
        console.log(`focus ${w(r.focus)} vs baseline ${w(r.baseline)}\n\nrising:`);
        console.log(renderTable(r.rising.map(show), cols));
        console.log('\nfalling:');
        console.log(renderTable(r.falling.map(show), cols));
      });
    },
  );

  addCommsFilter(
    comms
      .command('ops-share')
      .description('share of documents that report operations (through the extractor)')
      .addOption(new Option('--by <period>', 'period').choices([...COMMS_PERIODS]).default('month'))
      .addOption(
        new Option('--method <method>', 'stored evidence or extract now (default: auto)').choices([
          'stored',
          'extract',
        ]),
      ),
  ).action(
    async (
      flags: CommsFlags & { by: CommsPeriod; method?: 'stored' | 'extract' },
      cmd: Command,
    ) => {
      const filter = commsFilterFromFlags(flags);
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await commsOpsShare(store, filter, { by: flags.by, method: flags.method });
        if (flags.json) return void console.log(JSON.stringify(r));
        console.log(
          renderTable(
            r.periods.map((p) => ({ ...p, share: pct(p.share) })),
            ['period', 'documents', 'reporting', 'share'],
          ),
        );
        console.log(
          `\n${thousands(r.n_reporting)} of ${thousands(r.n)} documents report operations ` +
            `(${pct(r.share)}, 95% CI ${r.ci95 ? `${pct(r.ci95[0])}–${pct(r.ci95[1])}` : 'n/a'}; ` +
            `method: ${r.method})`,
        );
      });
    },
  );

  addCommsFilter(
    comms
      .command('vs-attacks')
      .description('weekly documents vs weekly events: lagged cross-correlation (−4…+4 weeks)')
      .option('--country <iso3,...>', 'events: countries (ISO3)')
      .option('--admin1 <names,...>', 'events: first-level admin units')
      .option('--actor <names,...>', 'events: actors (aliases work)')
      .option('--type <types,...>', 'events: attack types')
      .option('--target <types,...>', 'events: target types')
      .option('--event-source <ids,...>', 'events: source ids (ucdp_ged, …)')
      .addOption(new Option('--origin <origin>', 'events: dataset or extracted'))
      .option('--claimed', 'events: only claimed ones')
      .option('--max-lag <weeks>', 'largest lag each way', '4')
      .option('--levels', 'correlate weekly levels instead of week-on-week changes'),
    '--doc-source <names,...>',
  ).action(
    async (
      flags: CommsFlags & {
        docSource?: string;
        country?: string;
        admin1?: string;
        actor?: string;
        type?: string;
        target?: string;
        eventSource?: string;
        origin?: string;
        claimed?: boolean;
        maxLag: string;
        levels?: boolean;
      },
      cmd: Command,
    ) => {
      const filter = commsFilterFromFlags(flags);
      const events = filterFromFlags({
        country: flags.country,
        admin1: flags.admin1,
        actor: flags.actor,
        type: flags.type,
        target: flags.target,
        source: flags.eventSource,
        origin: flags.origin,
        claimed: flags.claimed,
        from: flags.from,
        to: flags.to,
      });
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await commsVsAttacks(store, filter, events, {
          maxLag: positiveInt(flags.maxLag, 'max-lag', true),
          difference: !flags.levels,
        });
        if (flags.json) return void console.log(JSON.stringify(r));
        console.log(
          renderTable(
            r.lags.map((l) => ({
              lag: l.lag,
              r: fix(l.r),
              ci95: l.ci95 ? `${fix(l.ci95[0], 2)}…${fix(l.ci95[1], 2)}` : '',
              n: l.n,
            })),
            ['lag', 'r', 'ci95', 'n'],
          ),
        );
        console.log(
          `\n${thousands(r.n_documents)} documents and ${thousands(r.n_events)} events over ` +
            `${r.weeks.length} weeks (${r.difference ? 'week-on-week changes' : 'levels'}); ` +
            (r.best
              ? `strongest at lag ${r.best.lag} (r = ${fix(r.best.r)}; positive lag: talk leads)`
              : 'no correlation computable'),
        );
        console.log(`caution: ${r.caution}`);
      });
    },
  );

  comms
    .command('dedup')
    .description('link near-duplicate documents (new ones since the last run)')
    .option('--threshold <j>', 'Jaccard similarity that links two documents', '0.8')
    .option('--json', 'print the report as JSON')
    .action(async (flags: { threshold: string; json?: boolean }, cmd: Command) => {
      const threshold = Number(flags.threshold);
      if (!(threshold > 0 && threshold <= 1)) {
        throw new UsageError(`--threshold: "${flags.threshold}" is not a number in (0, 1]`);
      }
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const r = await linkNearDuplicates(store, { threshold });
        if (flags.json) return void console.log(JSON.stringify(r));
        console.log(
          `${thousands(r.hashed)} documents hashed (${thousands(r.too_short)} too short), ` +
            `${thousands(r.exact_pairs)} exact and ${thousands(r.verified)} near-duplicate pairs ` +
            `(of ${thousands(r.candidates)} candidates); ${thousands(r.linked)} documents linked ` +
            `in ${r.seconds.toFixed(1)} s`,
        );
      });
    });
}
