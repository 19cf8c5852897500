/**
 * `sitrep import`: map each record with its format, normalise, validate, stage, then commit
 * everything in one transaction. Bad rows go to quarantine with file, line, field and reason;
 * the rest load. Re-importing a file adds nothing (stable ids, content hashes).
 *
 * Formats that compile to SQL (`setMapping`) are imported set-based: DuckDB reads and maps the
 * file, JS normalises distinct values only and maps just the rows the SQL cannot vouch for, so
 * their quarantine messages are the JS mapper's own. Files DuckDB cannot read strictly, or
 * whose records span lines, take the streaming path, which handles anything row by row.
 */
import { AdminLookup, type AdminMatch } from '../gazetteer/index.js';
import { canonicalActor, EventSchema, type EventInput, type ImportReport } from '../model/index.js';
import { ImportStage, type Store } from '../store/index.js';
import {
  countWarnings,
  divertRows,
  dropCsvStage,
  loadCsvMapped,
  locatePoints,
  mapDirectRows,
  normalizeDistinct,
  recordShifts,
  resolveLookups,
  uncertainRows,
  type SetMapping,
} from '../store/csv-stage.js';
import type { DirectRows } from '../store/import-run.js';
import { MAX_RECORD_CHARS, openCsv, toCsvLine, type CsvSource } from './csv.js';
import { FieldError, ImportError } from './errors.js';
import type { EventFormat } from './format.js';
import { detectFormat, formatNames } from './formats.js';
import { createNormalizer, createResolvedNormalizer, type AdminResolver } from './normalize.js';
import { scanFile } from './text-source.js';
import { clip, MAX_FIELD_CHARS } from './values.js';

export { MAX_FIELD_CHARS };
const FLUSH_EVERY = 50_000;

export interface ImportOptions {
  /** The format to use; detected from the header when absent. */
  format?: EventFormat;
  /**
   * Called every few thousand rows and at the end. Bytes count every read of the file: a
   * set-based import reads it twice, so its total is twice the size and it reports after
   * each read.
   */
  onProgress?: (p: { rows: number; bytesRead: number; bytesTotal: number }) => void;
  /** Defaults to the bundled boundaries. */
  admin?: AdminResolver;
  /** `false` forces the row-by-row path (tests compare the two). Default true. */
  setBased?: boolean;
}

type Warn = (kind: string, n?: number) => void;

export async function importFile(
  store: Store,
  file: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = new Date();
  let csv: CsvSource | null = await openCsv(file);
  const format = options.format ?? (await detectFormat(csv.header));
  if (!format) {
    await csv.close();
    throw new ImportError(
      `${file}:1: cannot tell the format from the header (${clip(csv.header.join(','), 120)}); ` +
        `pass --format ${formatNames().join('|')} (csv needs --map mapping.json)`,
    );
  }
  const header = csv.header;
  const missing = format.requiredColumns.filter((c) => !header.includes(c));
  if (missing.length) {
    await csv.close();
    throw new ImportError(
      `${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} required by format ${format.name}`,
    );
  }
  const admin = options.admin ?? AdminLookup.load();
  const warnings: Record<string, number> = {};
  const warn: Warn = (kind, n = 1) => {
    warnings[kind] = (warnings[kind] ?? 0) + n;
  };

  const stage = await ImportStage.open(store);
  trace('staging');
  const mapRow = rowMapper(header, format, stage, createNormalizer(admin, warn), warn);
  const progress = (rows: number, read: number, total: number) =>
    options.onProgress?.({ rows, bytesRead: read, bytesTotal: total });

  let set: { rows: number; sha256: string; direct: DirectRows } | null = null;
  const mapping =
    options.setBased !== false && new Set(header).size === header.length
      ? format.setMapping?.(header)
      : undefined;
  if (mapping) {
    await csv.close();
    csv = null;
    set = await stageSetBased(store, file, header, mapping, { admin, warn, mapRow, progress });
    if (!set) csv = await openCsv(file);
  }
  let rows = set?.rows ?? 0;
  if (csv) {
    const source = csv;
    for await (const { line, values } of source.rows) {
      rows++;
      mapRow(line, values);
      if (rows % FLUSH_EVERY === 0) {
        stage.flush();
        const p = source.progress();
        progress(rows, p.read, p.total);
      }
    }
    const p = source.progress();
    progress(rows, p.read, p.total);
  }
  trace('committing');
  let c;
  try {
    c = await stage.commit(
      {
        file,
        sha256: set?.sha256 ?? csv!.sha256(),
        format: format.name,
        startedAt: started,
        rowsRead: rows,
      },
      format.duplicates ?? 'quarantine',
      warnings,
      set?.direct,
    );
  } finally {
    // The direct rows are read through the set-based tables: dropped once merged.
    if (set) await dropCsvStage(store);
  }
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

/**
 * The row-by-row mapper: whole-row checks, the format's `toEvent`, normalisation, schema
 * validation, then the stage (or quarantine with the first problem found).
 */
function rowMapper(
  header: readonly string[],
  format: EventFormat,
  stage: ImportStage,
  normalize: (e: EventInput) => EventInput,
  warn: Warn,
): (line: number, values: string[]) => void {
  return (line, values) => {
    const reject = (field: string, reason: string) =>
      stage.addRejected({ line, field, reason, record: clip(toCsvLine(values), 4000) });
    const problem = rowProblem(header, values);
    if (problem) {
      reject(problem.field, problem.reason);
      return;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) record[header[i]!] = values[i]!;
    try {
      const parsed = EventSchema.safeParse(normalize(format.toEvent(record, { line, warn })));
      if (parsed.success) {
        stage.addEvent(line, parsed.data);
      } else {
        const issue = parsed.error.issues[0]!;
        reject(issue.path.join('.') || '(row)', issue.message);
      }
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      reject(err.field, err.message);
    }
  };
}

/**
 * Set-based staging (see the file comment). Returns null, leaving nothing staged, when the
 * file must take the streaming path instead.
 */
async function stageSetBased(
  store: Store,
  file: string,
  header: readonly string[],
  mapping: SetMapping,
  ctx: {
    admin: AdminResolver;
    warn: Warn;
    mapRow: (line: number, values: string[]) => void;
    progress: (rows: number, read: number, total: number) => void;
  },
): Promise<{ rows: number; sha256: string; direct: DirectRows } | null> {
  // One pass in JS (hash, lines, bytes that need the per-cell checks), then DuckDB reads.
  const scan = await scanFile(file, MAX_FIELD_CHARS);
  const read = {
    // The longest record rounded up to a power of two, at least 1 MiB; a record over the
    // limit still fails the read and goes the streaming way, which reports it.
    maxLineBytes: Math.min(
      MAX_RECORD_CHARS,
      Math.max(1 << 20, 2 ** Math.ceil(Math.log2(scan.longestRecord + 2))),
    ),
    checkCells: scan.suspicious,
  };
  const loaded = await loadCsvMapped(store, file, header, mapping, read);
  // DuckDB must have read the records the scan counted; a blank line, which the two readers
  // number differently, sends the file the streaming way too.
  if ('error' in loaded || scan.blankLine || scan.records !== loaded.rows + 1) {
    await dropCsvStage(store);
    trace(
      `streaming (${'error' in loaded ? loaded.error.split('\n')[0] : 'records do not match the scan'})`,
    );
    return null;
  }
  await recordShifts(store, scan.shifts);
  ctx.progress(loaded.rows, scan.bytes, 2 * scan.bytes);
  trace('set-based: read');
  await resolveLookups(store, mapping);
  const course = await divertRows(store, file, header, mapping, read);
  trace(
    `set-based: ${course.direct} rows mapped in SQL; ${course.diverted} rows sent to the JS mapper after lookups and id checks`,
  );
  for (const [kind, n] of Object.entries(await countWarnings(store, mapping))) ctx.warn(kind, n);

  // Point-in-polygon once per distinct point; units numbered in order of first sight.
  const units: AdminMatch[] = [];
  const unitIds = new Map<AdminMatch, number>();
  await locatePoints(store, (lon, lat) => {
    const hit = ctx.admin.locate(lon, lat);
    if (!hit) return -1;
    let id = unitIds.get(hit);
    if (id === undefined) {
      id = units.length;
      units.push(hit);
      unitIds.set(hit, id);
    }
    return id;
  });
  trace('set-based: points located');
  // Each distinct key stands for `weight` rows: its warnings count that many times.
  let weight = 1;
  const resolved = createResolvedNormalizer(ctx.admin, (kind) => ctx.warn(kind, weight));
  await normalizeDistinct(
    store,
    (k) => {
      weight = k.n;
      const e = {
        country: k.country,
        admin1: k.admin1,
        admin2: k.admin2,
        admin3: k.admin3,
        actor1: null,
        actor2: null,
      } as EventInput;
      const out = resolved(e, k.unit >= 0 ? units[k.unit] : k.unit === -1 ? null : undefined);
      return {
        country: out.country ?? null,
        admin1: out.admin1 ?? null,
        admin1_code: out.admin1_code ?? null,
        admin2: out.admin2 ?? null,
        admin2_code: out.admin2_code ?? null,
        admin3: out.admin3 ?? null,
        admin3_code: out.admin3_code ?? null,
      };
    },
    canonicalActor,
  );
  trace('set-based: normalised');
  for await (const { line, values } of uncertainRows(store)) ctx.mapRow(line, values);
  // The second read runs inside the commit, straight into the events table.
  const direct: DirectRows = {
    ...mapDirectRows(file, header, mapping, read),
    onProgress: (done) => ctx.progress(loaded.rows, scan.bytes * (1 + done), 2 * scan.bytes),
  };
  return { rows: loaded.rows, sha256: scan.sha256, direct };
}

/** `SITREP_TRACE=1` prints import phases on stderr (used by the kill-safety tests). */
function trace(phase: string): void {
  if (process.env.SITREP_TRACE)
    process.stderr.write(`sitrep: phase ${phase} at ${process.uptime().toFixed(1)} s\n`);
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
