/**
 * Linking commands: `sitrep link` (incremental incident resolution), `sitrep incidents
 * list|show`, `sitrep claims summary`, and `sitrep eval link --gold FILE`.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { CLAIM_STATUSES, commaList, type ClaimsSummary } from '../model/index.js';
import {
  claimsSummary,
  evaluateLink,
  GoldLineSchema,
  linkEvents,
  type GoldLine,
  type LinkScores,
} from '../link/index.js';
import { countIncidents, getIncident, listAbstentions, listIncidents } from '../store/index.js';
import { claimsSentences, pct } from '../report/claims-text.js';
import { withStore, type DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from './filter-options.js';
import { evalParent } from './ndjson-pipe.js';
import { positiveInt } from './parse.js';
import { progressBar } from './progress.js';
import { renderTable, thousands } from './table.js';

const list = (v: string | undefined) => (v === undefined ? undefined : commaList(v));

export function registerLink(program: Command): void {
  program
    .command('link')
    .description('group events that report the same incident; match claims to attacks')
    .option('--full', 'rebuild every incident instead of linking only new events')
    .option(
      '--claim-sources <sources,...>',
      "document sources that are the group's own voice (their events are claims)",
      'twitter,telegram',
    )
    .addHelpText(
      'after',
      '\nIncremental by default: events already in incidents keep them, new events join one or\n' +
        'start their own. Unsure pairs are kept apart and listed by `sitrep incidents abstentions`.',
    )
    .action(async (flags: { full?: boolean; claimSources: string }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const bar = progressBar('linking');
        const run = await linkEvents(store, {
          full: flags.full,
          policy: { claimSources: list(flags.claimSources) ?? [] },
          onProgress: (stage, done, total) => bar.update(done, total, stage),
        });
        bar.done();
        const totals = await countIncidents(store);
        console.log(
          `link: ${thousands(run.new_events)} new of ${thousands(run.events)} events; ` +
            `${thousands(run.candidate_pairs)} candidate pairs, ${thousands(run.matches)} matches, ` +
            `${thousands(run.abstentions)} abstentions; ${thousands(totals.incidents)} incidents ` +
            `(${thousands(run.multi_member_incidents)} with several reports) in ${run.seconds} s`,
        );
      });
    });
}

interface IncidentFlags extends FilterFlags {
  limit: string;
  offset: string;
  minMembers: string;
  status?: string;
  json?: boolean;
}

export function registerIncidents(program: Command): void {
  const incidents = program.command('incidents').description('list and show linked incidents');
  addFilterOptions(
    incidents
      .command('list', { isDefault: true })
      .description('incidents with a member matching the filter, newest first')
      .option('--limit <n>', 'rows to show', '50')
      .option('--offset <n>', 'rows to skip', '0')
      .option('--min-members <n>', 'only incidents with at least this many reports', '1')
      .addOption(new Option('--status <status>', 'claim status').choices([...CLAIM_STATUSES]))
      .option('--json', 'print JSON: an array of {id, members: [event ids], …}'),
  ).action(async (flags: IncidentFlags, cmd: Command) => {
    const filter = filterFromFlags(flags);
    await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
      const rows = await listIncidents(store, filter, {
        limit: positiveInt(flags.limit, 'limit'),
        offset: positiveInt(flags.offset, 'offset', true),
        minMembers: positiveInt(flags.minMembers, 'min-members'),
        status: flags.status,
      });
      if (flags.json) {
        console.log(JSON.stringify(rows));
        return;
      }
      if (!rows.length && (await countIncidents(store)).incidents === 0) {
        console.log('no incidents yet: run `sitrep link` first');
        return;
      }
      console.log(
        renderTable(
          rows.map((r) => ({ ...r, sources: (r.sources as string[]).join(',') })),
          [
            'date',
            'admin1',
            'location',
            'attack_type',
            'fatalities',
            'n_members',
            'status',
            'sources',
            'id',
          ],
        ),
      );
    });
  });
  incidents
    .command('show <id>')
    .description(
      'one incident: its fused record, and every member with its role, score and reasons',
    )
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const found = await getIncident(store, id);
        if (!found) throw new UsageError(`no incident ${id} (see \`sitrep incidents list\`)`);
        if (flags.json) {
          console.log(JSON.stringify({ ...found.incident, members: found.members }));
          return;
        }
        const i = found.incident;
        console.log(
          `${String(i.id)}: ${String(i.date)} ${String(i.location ?? i.admin1 ?? i.country ?? '')} — ` +
            `${String(i.attack_type ?? 'attack')}, ${i.fatalities ?? '?'} killed ` +
            `(reports ${i.fatalities_low ?? '?'}–${i.fatalities_high ?? '?'}); ${String(i.status)}` +
            (i.claim_lag_days !== null ? `, claimed after ${String(i.claim_lag_days)} days` : ''),
        );
        for (const m of found.members) {
          console.log(
            `  ${String(m.role).padEnd(6)} ${String(m.event_id)} (${String(m.source_id)}, ${String(m.date)}) ` +
              `score ${String(m.score)}`,
          );
          for (const r of m.reasons as string[]) console.log(`           ${r}`);
        }
      });
    });
  registerAbstentions(incidents);
}

function registerAbstentions(incidents: Command): void {
  incidents
    .command('abstentions')
    .description('pairs the linker was unsure about and kept apart, strongest first, with reasons')
    .option('--limit <n>', 'rows to show', '50')
    .option('--json', 'print JSON')
    .action(async (flags: { limit: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const rows = await listAbstentions(store, positiveInt(flags.limit, 'limit'));
        if (flags.json) console.log(JSON.stringify(rows));
        else console.log(renderTable(rows, ['score', 'event_a', 'event_b', 'reasons']));
      });
    });
}

export function registerClaims(program: Command): void {
  const claims = program
    .command('claims')
    .description('claims versus independently reported attacks');
  addFilterOptions(
    claims
      .command('summary', { isDefault: true })
      .description(
        'claimed share by month and governorate, claim lag, casualty inflation, silent provinces',
      )
      .option(
        '--silent-days <n>',
        'a province is silent with no claims in this many final days',
        '90',
      )
      .option('--json', 'print the summary as JSON'),
  ).action(async (flags: FilterFlags & { silentDays: string; json?: boolean }, cmd: Command) => {
    const filter = filterFromFlags(flags);
    await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
      const s = await claimsSummary(store, filter, {
        silentDays: positiveInt(flags.silentDays, 'silent-days'),
      });
      console.log(flags.json ? JSON.stringify(s) : renderClaims(s));
    });
  });
}

export function renderClaims(s: ClaimsSummary): string {
  const out = claimsSentences(s);
  out.push(
    '',
    renderTable(
      s.by_month.map((m) => ({ ...m, claimed_share: pct(m.claimed_share) })),
      ['month', 'reported', 'claimed', 'claim_only', 'claimed_share'],
    ),
  );
  out.push(
    '',
    renderTable(
      s.by_admin1.map((m) => ({ ...m, claimed_share: pct(m.claimed_share) })),
      ['admin1', 'reported', 'claimed', 'claim_only', 'claimed_share'],
    ),
  );
  return out.join('\n');
}

export function registerEvalLink(program: Command): void {
  evalParent(program)
    .command('link')
    .description('linking accuracy: pairwise and B-cubed precision/recall/F1 on a gold file')
    .requiredOption(
      '--gold <file>',
      'NDJSON lines {split, cluster, event} (scripts/build-link-gold.mjs)',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nThe dev split is for tuning; report the test split. Each split is linked on its own in\n' +
        'a fresh in-memory store with `sitrep link --full` semantics.',
    )
    .action(async (flags: { gold: string; json?: boolean }) => {
      const lines: GoldLine[] = [];
      let n = 0;
      for await (const line of createInterface({
        input: createReadStream(flags.gold),
        crlfDelay: Infinity,
      })) {
        n++;
        if (!line.trim()) continue;
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          throw new UsageError(`${flags.gold}:${n}: not JSON`);
        }
        const parsed = GoldLineSchema.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new UsageError(`${flags.gold}:${n}: ${issue.path.join('.')}: ${issue.message}`);
        }
        lines.push(parsed.data);
      }
      // Scored per gold set and split: one in-memory store each, linked from scratch.
      const results: Record<string, LinkScores> = {};
      const sets = [...new Set(lines.map((l) => l.set ?? ''))].sort();
      for (const set of sets) {
        for (const split of ['dev', 'test'] as const) {
          const part = lines.filter((l) => (l.set ?? '') === set && l.split === split);
          if (part.length) results[set ? `${set}/${split}` : split] = await evaluateLink(part);
        }
      }
      if (flags.json) {
        console.log(JSON.stringify(results));
        return;
      }
      const rows = Object.entries(results).map(([split, r]) => ({ split, ...r }));
      console.log(
        renderTable(rows, [
          'split',
          'events',
          'gold_pairs',
          'predicted_pairs',
          'precision',
          'recall',
          'f1',
          'bcubed_precision',
          'bcubed_recall',
          'bcubed_f1',
          'abstentions',
        ]),
      );
    });
}
