/**
 * `sitrep import`: stream a CSV, map each record with its format, normalise, validate, stage,
 * then commit everything in one transaction. Bad rows go to quarantine with file, line, field
 * and reason; the rest load. Re-importing a file adds nothing (stable ids, content hashes).
 */
import { createHash } from 'node:crypto';
import { AdminLookup } from '../gazetteer/index.js';
import { EventSchema, type ImportReport } from '../model/index.js';
import { ImportStage, type Store } from '../store/index.js';
import { openCsv, toCsvLine } from './csv.js';
import { FieldError, ImportError } from './errors.js';
import type { EventFormat } from './format.js';
import { detectFormat, formatNames } from './formats.js';
import { createNormalizer, type AdminResolver } from './normalize.js';
import { clip } from './values.js';

/** Cells longer than this are refused: no real dataset field is this long, and it bloats the store. */
export const MAX_FIELD_CHARS = 100_000;
const FLUSH_EVERY = 50_000;

export interface ImportOptions {
  /** The format to use; detected from the header when absent. */
  format?: EventFormat;
  /** Called every few thousand rows and at the end. */
  onProgress?: (p: { rows: number; bytesRead: number; bytesTotal: number }) => void;
  /** Defaults to the bundled boundaries. */
  admin?: AdminResolver;
}

export async function importFile(
  store: Store,
  file: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = new Date();
  const csv = await openCsv(file);
  const format = options.format ?? (await detectFormat(csv.header));
  if (!format) {
    throw new ImportError(
      `${file}:1: cannot tell the format from the header (${clip(csv.header.join(','), 120)}); ` +
        `pass --format ${formatNames().join('|')} (csv needs --map mapping.json)`,
    );
  }
  const missing = format.requiredColumns.filter((c) => !csv.header.includes(c));
  if (missing.length) {
    throw new ImportError(
      `${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} required by format ${format.name}`,
    );
  }
  const admin = options.admin ?? AdminLookup.load();
  const warnings: Record<string, number> = {};
  const warn = (kind: string) => {
    warnings[kind] = (warnings[kind] ?? 0) + 1;
  };

  const normalize = createNormalizer(admin, warn);
  const stage = await ImportStage.open(store);
  trace('staging');
  const header = csv.header;
  let rows = 0;
  for await (const { line, values } of csv.rows) {
    rows++;
    const reject = (field: string, reason: string) =>
      stage.addRejected({ line, field, reason, record: clip(toCsvLine(values), 4000) });
    const problem = rowProblem(header, values);
    if (problem) {
      reject(problem.field, problem.reason);
    } else {
      const record: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) record[header[i]!] = values[i]!;
      try {
        const draft = normalize(format.toEvent(record, { line, warn }));
        const parsed = EventSchema.safeParse(draft);
        if (parsed.success) {
          const hash = createHash('sha1').update(JSON.stringify(parsed.data)).digest('base64');
          stage.addEvent(line, parsed.data, hash);
        } else {
          const issue = parsed.error.issues[0]!;
          reject(issue.path.join('.') || '(row)', issue.message);
        }
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        reject(err.field, err.message);
      }
    }
    if (rows % FLUSH_EVERY === 0) {
      stage.flush();
      report(rows);
    }
  }
  function report(n: number) {
    const p = csv.progress();
    options.onProgress?.({ rows: n, bytesRead: p.read, bytesTotal: p.total });
  }
  report(rows);
  trace('committing');
  const c = await stage.commit(
    { file, sha256: csv.sha256(), format: format.name, startedAt: started, rowsRead: rows },
    format.duplicates ?? 'quarantine',
    warnings,
  );
  trace('committed');
  return {
    importId: c.importId,
    file,
    format: format.name,
    rowsRead: rows,
    inserted: c.inserted,
    updated: c.updated,
    unchanged: c.unchanged,
    quarantined: c.quarantined,
    merged: format.duplicates === 'keep-first' ? c.duplicates : 0,
    warnings,
    seconds: (Date.now() - started.getTime()) / 1000,
  };
}

/** `SITREP_TRACE=1` prints import phases on stderr (used by the kill-safety tests). */
function trace(phase: string): void {
  if (process.env.SITREP_TRACE) process.stderr.write(`sitrep: phase ${phase}\n`);
}

/** Whole-row problems found before mapping: wrong column count, bad encoding, huge cells. */
function rowProblem(
  header: readonly string[],
  values: readonly string[],
): { field: string; reason: string } | null {
  if (values.length !== header.length) {
    return { field: '(row)', reason: `expected ${header.length} columns, found ${values.length}` };
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.length > MAX_FIELD_CHARS) {
      return {
        field: header[i]!,
        reason: `value too long (${v.length} characters; limit ${MAX_FIELD_CHARS})`,
      };
    }
    if (v.includes('\uFFFD')) {
      return { field: header[i]!, reason: 'not valid UTF-8 (re-save the file as UTF-8)' };
    }
  }
  return null;
}
