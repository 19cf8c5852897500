/**
 * The common filter flags (`--country IRQ,SYR --admin1 … --actor … --type … --from 2020-01
 * --to 2021-09 --origin … --claimed`), declared once and validated through EventFilterSchema.
 */
import { Option, type Command } from 'commander';
import {
  ATTACK_TYPES,
  ORIGINS,
  filterFromParams,
  FilterParamError,
  type EventFilter,
} from '../model/index.js';
import { UsageError } from './errors.js';

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

/** Flags → EventFilter (the same parsing as the HTTP API's query parameters); a bad value becomes a UsageError naming the flag. */
export function filterFromFlags(f: FilterFlags): EventFilter {
  if (f.claimed && f.unclaimed)
    throw new UsageError('--claimed and --unclaimed exclude each other');
  try {
    return filterFromParams({ ...f, claimed: f.claimed ? true : f.unclaimed ? false : undefined });
  } catch (err) {
    if (err instanceof FilterParamError) throw new UsageError(`--${err.param}: ${err.reason}`);
    throw err;
  }
}
