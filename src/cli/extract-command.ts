/**
 * `sitrep extract [--in FILE|-] [--out FILE|-]` (pipe mode, or over stored documents without
 * --in) and `sitrep eval extract --gold FILE [--show-dev]`.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { CommanderError, type Command } from 'commander';
import {
  evaluateExtraction,
  parseGoldPage,
  predictedCount,
  splitOf,
  type GoldPage,
  type SplitResult,
} from '../extract/eval.js';
import {
  evaluateEventGold,
  EventGoldDocSchema,
  type EventGoldDoc,
} from '../extract/eval-events.js';
import { extract } from '../extract/extract.js';
import { extractStored } from '../extract/index.js';
import { mapOrdered } from '../extract/bounded.js';
import {
  DEFAULT_LLM_CONCURRENCY,
  extractLlm,
  type LlmOptions,
  type LlmResult,
} from '../extract/llm.js';
import { ExtractDocSchema, type ExtractDoc } from '../extract/types.js';
import { withStore, type DbFlags } from './context.js';
import { evalParent, ndjsonRecords, writeChunk } from './ndjson-pipe.js';
import { renderTable } from './table.js';
import { UsageError } from './errors.js';

interface ExtractFlags {
  in?: string;
  out?: string;
  llm?: string;
  llmModel?: string;
  llmTimeout?: string;
  llmConcurrency?: string;
}

/** The environment variable the LLM API key is read from (never a flag: flags end up in logs). */
export const LLM_KEY_ENV = 'SITREP_LLM_KEY';

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('text → attack events with evidence spans (NDJSON pipe, or over stored documents)')
    .option('--in <file>', 'NDJSON documents {id, text, published?, lang?, source?}; - for stdin')
    .option('--out <file>', 'where to write one event per line; - for stdout', '-')
    .option('--llm <url>', 'also ask an OpenAI-compatible server (base URL or …/chat/completions)')
    .option('--llm-model <name>', 'model name sent to the --llm server', 'default')
    .option('--llm-timeout <seconds>', 'per-document timeout of the --llm server', '60')
    .option(
      '--llm-concurrency <n>',
      'requests to the --llm server in flight at once (output stays in input order)',
      String(DEFAULT_LLM_CONCURRENCY),
    )
    .addHelpText(
      'after',
      '\nWithout --in, extracts from the stored documents and writes events (origin "extracted")\n' +
        'and their evidence to the database; re-running changes nothing.\n' +
        'Bad lines are reported on stderr as FILE:LINE: reason and skipped; the exit code is then 1.\n' +
        'confidence is a calibrated probability (data/models/calibration.json, fitted by\n' +
        'scripts/train-calibration.mjs); field_confidence gives one per field.\n' +
        `With --llm (pipe mode only), the API key is read from ${LLM_KEY_ENV}; a document whose\n` +
        'request or reply fails is extracted by the rules instead, and the count is reported.',
    )
    .action(async (flags: ExtractFlags, cmd: Command) => {
      if (flags.llm !== undefined && flags.in === undefined) {
        throw new UsageError('extract: --llm needs --in (pipe mode)');
      }
      const llm: LlmOptions | undefined = flags.llm
        ? {
            url: flags.llm,
            model: flags.llmModel ?? 'default',
            apiKey: process.env[LLM_KEY_ENV] || undefined,
            timeoutMs: seconds(flags.llmTimeout ?? '60') * 1000,
            concurrency: count(flags.llmConcurrency ?? String(DEFAULT_LLM_CONCURRENCY)),
          }
        : undefined;
      if (flags.in === undefined) {
        await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
          const r = await extractStored(store);
          const skipped = Object.entries(r.skipped)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ');
          process.stdout.write(
            `extract: ${r.documents} documents, ${r.events} events ` +
              `(${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged)` +
              (skipped ? `; not stored: ${skipped}` : '') +
              '\n',
          );
        });
        return;
      }
      const out = flags.out === '-' || !flags.out ? process.stdout : createWriteStream(flags.out);
      try {
        const bad = await extractNdjson(flags.in, out, llm);
        if (bad > 0) {
          const msg = `extract: ${bad} bad line(s) skipped`;
          process.stderr.write(`sitrep: ${msg}\n`);
          throw new CommanderError(1, 'sitrep.extract.badLines', msg);
        }
      } finally {
        if (out !== process.stdout) {
          out.end();
          await once(out, 'close');
        }
      }
    });
}

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`--llm-concurrency: "${v}" is not a whole number from 1 to 256`);
  return n;
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--llm-timeout: "${v}" is not a positive number of seconds`);
  return n;
}

/**
 * Extracts from each NDJSON line of `path` as it is read (with `llm`, through the model, falling
 * back to the rules per document, `llm.concurrency` requests at once, output in input order);
 * returns how many lines were bad.
 */
export async function extractNdjson(
  path: string,
  out: Writable,
  llm?: LlmOptions,
): Promise<number> {
  const tally = { bad: 0 };
  const fallbacks = new Map<string, number>();
  let rejected = 0;
  const records = ndjsonRecords(path, ExtractDocSchema, 'expected {id, text}', tally);
  const results = llm
    ? mapOrdered(records, llm.concurrency ?? DEFAULT_LLM_CONCURRENCY, ({ value }) =>
        extractLlm(value, llm),
      )
    : rulesOnly(records);
  for await (const r of results) {
    const events = r.events;
    rejected += r.rejected;
    if (r.fallback) fallbacks.set(r.fallback, (fallbacks.get(r.fallback) ?? 0) + 1);
    if (events.length > 0) {
      await writeChunk(out, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    }
  }
  if (llm && (fallbacks.size > 0 || rejected > 0)) {
    const why = [...fallbacks].map(([reason, n]) => `${n} × ${reason}`).join('; ');
    const total = [...fallbacks.values()].reduce((a, b) => a + b, 0);
    process.stderr.write(
      `sitrep: extract --llm: ${total} document(s) extracted by the rules instead` +
        (why ? ` (${why})` : '') +
        (rejected ? `; ${rejected} invalid event object(s) dropped` : '') +
        '\n',
    );
  }
  return tally.bad;
}

async function* rulesOnly(
  records: AsyncIterable<{ value: ExtractDoc }>,
): AsyncGenerator<LlmResult> {
  for await (const { value } of records) yield { events: extract(value), rejected: 0 };
}

interface EvalFlags {
  gold: string;
  events?: string;
  showDev?: boolean;
}

/** Registers `eval extract` under `evalCommand` (the `eval` command, or the program to create it on). */
export function registerEvalExtract(evalCommand: Command): void {
  const parent = evalCommand.name() === 'eval' ? evalCommand : evalParent(evalCommand);
  parent
    .command('extract')
    .description('extraction accuracy on GTD-shaped gold pages: a dev row and a held-out row')
    .requiredOption(
      '--gold <file>',
      'NDJSON gold pages (GTD shape: summary, attack_types, targets…)',
    )
    .option('--show-dev', 'also list the dev pages whose attack type, target or counts were missed')
    .option(
      '--events <file>',
      'also score event-level P/R on paragraphs listing every event ({id, text, published, events: [{country, admin1, attack_type, date}]}), e.g. test/fixtures/extract/events-gold.ndjson',
    )
    .addHelpText(
      'after',
      '\nPages split by sha256(gtdid): even first byte → dev, odd → held-out. Only the held-out\n' +
        "row's aggregates are ever printed; never tune on it. claimed: null scores as not claimed.",
    )
    .action(async (flags: EvalFlags) => {
      const pages: GoldPage[] = [];
      let bad = 0;
      const lines = createInterface({ input: createReadStream(flags.gold), crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (!line.trim()) continue;
        try {
          pages.push(parseGoldPage(line));
        } catch (err) {
          bad++;
          process.stderr.write(`${flags.gold}:${n}: ${(err as Error).message}\n`);
        }
      }
      const results = (['dev', 'held-out'] as const).map((s) =>
        evaluateExtraction(
          pages.filter((p) => splitOf(p.id) === s),
          s,
        ),
      );
      await writeChunk(process.stdout, evalReport(results) + '\n');
      if (flags.events) {
        const docs: EventGoldDoc[] = [];
        let k = 0;
        for await (const line of createInterface({
          input: createReadStream(flags.events),
          crlfDelay: Infinity,
        })) {
          k++;
          if (!line.trim()) continue;
          try {
            docs.push(EventGoldDocSchema.parse(JSON.parse(line)));
          } catch (err) {
            bad++;
            process.stderr.write(
              `${flags.events}:${k}: ${(err as Error).message.split('\n')[0]}\n`,
            );
          }
        }
        const r = evaluateEventGold(docs);
        const row = {
          file: flags.events,
          docs: r.documents,
          'background-only': `${r.backgroundClean}/${r.backgroundOnly} clean`,
          gold: r.gold,
          extracted: r.extracted,
          matched: r.matched,
          'event P': pct(r.precision),
          'event R': pct(r.recall),
          'event F1': pct(r.f1),
        };
        await writeChunk(
          process.stdout,
          '\nevent level on paragraphs listing every event (multi-event and background-only):\n' +
            renderTable([row], Object.keys(row)) +
            '\n',
        );
      }
      if (flags.showDev) await writeChunk(process.stdout, devErrors(results[0]!) + '\n');
      if (bad > 0) throw new CommanderError(1, 'sitrep.eval.badLines', `${bad} bad gold line(s)`);
    });
}

const pct = (x: number): string => (100 * x).toFixed(1);
const share = (s: { hits: number; n: number }): string =>
  s.n === 0 ? 'n/a' : `${pct(s.hits / s.n)} (${s.hits}/${s.n})`;

/** The evaluation table (one row per split) and the attack-type per-class report. */
export function evalReport(results: readonly SplitResult[]): string {
  const rows = results.map((r) => ({
    split: r.split,
    n: r.n,
    'no event': r.noEvent,
    'attack acc': pct(r.attack.accuracy),
    'attack wF1': pct(r.attack.weightedF1),
    'attack mF1': pct(r.attack.macroF1),
    'target acc': pct(r.target.accuracy),
    'target wF1': pct(r.target.weightedF1),
    admin1: share(r.admin1),
    'fatal exact': share(r.fatalities),
    'wounded exact': share(r.wounded),
    'claimed acc': pct(r.claimed.accuracy),
    'claimed F1': pct(r.claimed.f1),
    'IS actor F1': pct(r.actorIS.f1),
    'event P': pct(r.events.precision),
    'event R': pct(r.events.recall),
    'event F1': pct(r.events.f1),
  }));
  const f1Rows = results.flatMap((r) =>
    (['attack', 'target'] as const).map((k) => ({
      split: r.split,
      field: `${k}_type`,
      n: r[k].n,
      accuracy: pct(r[k].accuracy),
      'weighted F1': pct(r[k].weightedF1),
      'macro F1': pct(r[k].macroF1),
    })),
  );
  const targetClass = results.flatMap((r) =>
    r.target.perClass.map((c) => ({
      split: r.split,
      'target type': c.label,
      precision: pct(c.precision),
      recall: pct(c.recall),
      F1: pct(c.f1),
      support: c.support,
    })),
  );
  const calib = results.flatMap((r) =>
    Object.entries(r.reliability).map(([field, { before, after }]) => ({
      split: r.split,
      field,
      n: after.n,
      'ECE formula': before.ece.toFixed(3),
      'ECE calibrated': after.ece.toFixed(3),
      'Brier formula': before.brier.toFixed(3),
      'Brier calibrated': after.brier.toFixed(3),
    })),
  );
  const bins = results.flatMap((r) =>
    Object.entries(r.reliability).flatMap(([field, { after }]) =>
      after.bins
        .filter((b) => b.n > 0)
        .map((b) => ({
          split: r.split,
          field,
          confidence: `${b.lo.toFixed(1)}–${b.hi.toFixed(1)}`,
          'mean conf': b.meanConfidence.toFixed(2),
          observed: b.accuracy.toFixed(2),
          n: b.n,
        })),
    ),
  );
  const perClass = results.flatMap((r) =>
    r.attack.perClass.map((c) => ({
      split: r.split,
      'attack type': c.label,
      precision: pct(c.precision),
      recall: pct(c.recall),
      F1: pct(c.f1),
      support: c.support,
    })),
  );
  const unwritten = (f: 'fatalities' | 'wounded') =>
    results.map((r) => `${r.split} ${r[f].unwritten} of ${r[f].n - r[f].hits}`).join(', ');
  return [
    renderTable(rows, Object.keys(rows[0] ?? {})),
    '',
    `misses whose gold count the text never writes (digits or words): fatalities ${unwritten('fatalities')}; wounded ${unwritten('wounded')}`,
    '',
    'attack type per class (macro F1 over gold classes; "none" = no event extracted):',
    renderTable(perClass, ['split', 'attack type', 'precision', 'recall', 'F1', 'support']),
    '',
    'attack and target type F1 (ConflLlama on GTD attack types: 75.8 weighted, 58.2 macro):',
    renderTable(f1Rows, Object.keys(f1Rows[0] ?? {})),
    '',
    'target type per class:',
    renderTable(targetClass, ['split', 'target type', 'precision', 'recall', 'F1', 'support']),
    '',
    'event level: an extracted event matches the page when its date is within its precision,',
    'its admin1 is the gold one and its attack type is compatible; P over extracted events.',
    '',
    'confidence calibration per field (0.1 formula vs data/models/calibration.json):',
    renderTable(calib, Object.keys(calib[0] ?? {})),
    '',
    'reliability of the calibrated confidence (non-empty bins):',
    renderTable(bins, ['split', 'field', 'confidence', 'mean conf', 'observed', 'n']),
  ].join('\n');
}

function devErrors(r: SplitResult): string {
  // Counts as the evaluation compares them (victims plus attackers killed, as GTD counts);
  // a count the page does not give (null) is not a miss.
  const count = (d: SplitResult['docs'][number], f: 'fatalities' | 'wounded') => ({
    gold: d.page[f],
    got: predictedCount(d.predicted, f),
    miss: d.page[f] !== null && predictedCount(d.predicted, f) !== d.page[f],
  });
  const shown = (c: ReturnType<typeof count>) => `${c.gold ?? '-'}/${c.got ?? '-'}`;
  const rows = r.docs
    .filter(
      (d) =>
        d.predicted?.attack_type !== d.page.attack_type ||
        d.predicted?.target_type !== d.page.target_type ||
        count(d, 'fatalities').miss ||
        count(d, 'wounded').miss ||
        d.predicted?.admin1_code !== d.admin1Gold,
    )
    .map((d) => ({
      id: d.page.id,
      attack: `${d.page.attack_type}/${d.predicted?.attack_type ?? '-'}`,
      target: `${d.page.target_type}/${d.predicted?.target_type ?? '-'}`,
      killed: shown(count(d, 'fatalities')),
      wounded: shown(count(d, 'wounded')),
      admin1: `${d.admin1Gold}/${d.predicted?.admin1_code ?? '-'}`,
    }));
  return [
    '',
    'dev pages with a miss (gold/predicted):',
    renderTable(rows, ['id', 'attack', 'target', 'killed', 'wounded', 'admin1']),
  ].join('\n');
}
