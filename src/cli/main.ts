/**
 * The `sitrep` command line. Commands are thin: parse flags, call a stage, print. Errors the
 * user can act on print as one line (`file:line: field: reason`), never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { ImportError } from '../ingest/index.js';
import { StoreError } from '../store/index.js';
import { registerAnalyze } from './analyze-command.js';
import { registerBrief } from './brief-command.js';
import { registerComms } from './comms-command.js';
import { registerDb } from './db-command.js';
import { registerDemo } from './demo-command.js';
import { UsageError } from './errors.js';
import { registerEvents } from './events-command.js';
import { registerExport } from './export-command.js';
import { registerEvalExtract, registerExtract } from './extract-command.js';
import { registerEvalGeoparse, registerGeoparse } from './geoparse-command.js';
import { registerImport } from './import-command.js';
import {
  registerClaims,
  registerEvalLink,
  registerIncidents,
  registerLink,
} from './link-command.js';
import { registerDocuments, registerIngest } from './ingest-command.js';
import { registerQuarantine } from './quarantine-command.js';
import { registerServe } from './serve-command.js';
import { registerToken } from './token-command.js';

export function buildProgram(): Command {
  const program = new Command('sitrep')
    .description('Sitrep: conflict analytics on attack data and insurgent communications, offline')
    .version('0.1.0')
    .option('--db <path>', 'database file (default ./sitrep.duckdb, or $SITREP_DB)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDemo(program);
  registerImport(program);
  registerEvents(program);
  registerIngest(program);
  registerDocuments(program);
  registerExport(program);
  registerAnalyze(program);
  registerComms(program);
  registerBrief(program);
  registerExtract(program);
  registerGeoparse(program);
  registerEvalExtract(program);
  registerEvalGeoparse(program);
  registerLink(program);
  registerIncidents(program);
  registerClaims(program);
  registerEvalLink(program);
  registerQuarantine(program);
  registerDb(program);
  registerServe(program);
  registerToken(program);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  return program;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UsageError) {
      console.error(`sitrep: ${err.message}`);
      return 2;
    }
    if (err instanceof ImportError || err instanceof StoreError) {
      console.error(`sitrep: ${err.message}`);
      return 1;
    }
    console.error(`sitrep: unexpected error: ${(err as Error)?.message ?? String(err)}`);
    if (process.env.SITREP_DEBUG) console.error((err as Error)?.stack);
    else console.error('(set SITREP_DEBUG=1 for the stack trace, and please report it)');
    return 70;
  }
}
