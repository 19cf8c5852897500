/**
 * The common filter flags (`--country IRQ,SYR --admin1 … --actor … --type … --from 2020-01
 * --to 2021-09 --origin … --claimed`), declared once and validated through EventFilterSchema.
 */
import { Option, type Command } from 'commander';
import {
  ATTACK_TYPES,
  EventFilterSchema,
  ORIGINS,
  endOf,
  startOf,
  type EventFilter,
} from '../model/index.js';
import { UsageError } from './errors.js';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--country <iso3,...>', 'countries (ISO3), e.g. IRQ,SYR')
    .option('--admin1 <names,...>', 'first-level admin units (names or pcodes)')
    .option('--actor <names,...>', 'actors; aliases work (ISIS = Islamic State)')
    .addOption(new Option('--type <types,...>', `attack types: ${ATTACK_TYPES.join(', ')}`))
    .option('--target <types,...>', 'target types (GTD categories, snake_case)')
    .option('--source <ids,...>', 'source ids, e.g. ucdp_ged,acled')
    .addOption(new Option('--origin <origin>', 'dataset or extracted').choices([...ORIGINS]))
    .option('--claimed', 'only events whose responsibility was claimed')
    .option('--unclaimed', 'only events known to be unclaimed')
    .option('--from <date>', 'first day: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--to <date>', 'last day (inclusive): YYYY, YYYY-MM or YYYY-MM-DD');
}

export interface FilterFlags {
  country?: string;
  admin1?: string;
  actor?: string;
  type?: string;
  target?: string;
  source?: string;
  origin?: string;
  claimed?: boolean;
  unclaimed?: boolean;
  from?: string;
  to?: string;
}

/** Flags → EventFilter; a bad value becomes a UsageError naming the flag. */
export function filterFromFlags(f: FilterFlags): EventFilter {
  if (f.claimed && f.unclaimed)
    throw new UsageError('--claimed and --unclaimed exclude each other');
  const candidate = {
    country: f.country ? list(f.country).map((c) => c.toUpperCase()) : undefined,
    admin1: f.admin1 ? list(f.admin1) : undefined,
    actor: f.actor ? list(f.actor) : undefined,
    attack_type: f.type ? list(f.type) : undefined,
    target_type: f.target ? list(f.target) : undefined,
    source_id: f.source ? list(f.source) : undefined,
    origin: f.origin,
    claimed: f.claimed ? true : f.unclaimed ? false : undefined,
    from: f.from,
    to: f.to,
  };
  const parsed = EventFilterSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = FLAG_NAMES[String(issue.path[0])] ?? String(issue.path[0]);
    throw new UsageError(`--${flag}: ${issue.message}`);
  }
  const { from, to } = parsed.data;
  if (from && to && startOf(from) > endOf(to)) {
    throw new UsageError(`--from ${parsed.data.from} is after --to ${parsed.data.to}`);
  }
  return parsed.data;
}

const FLAG_NAMES: Record<string, string> = {
  attack_type: 'type',
  target_type: 'target',
  source_id: 'source',
};
