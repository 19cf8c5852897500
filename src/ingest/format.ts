/**
 * The contract every event-dataset format implements. A format is a pure row mapper: it never
 * touches the store, the gazetteer or the file system, so it can be tested on single records
 * and reused by the API's upload route. Normalisation (actor aliases, ISO3, admin units) and
 * validation happen once, in `normalize.ts` and `importer.ts`, for every format alike.
 */
import type { EventInput } from '../model/index.js';
import type { DuplicatePolicy } from '../store/index.js';
import type { SetMapping } from '../store/csv-stage.js';
import type { CsvRecord } from './values.js';

export interface RowContext {
  /** 1-based line where the record starts (header = line 1). */
  line: number;
  /** Counts a soft problem that does not reject the row ("day unknown: month precision"). */
  warn(kind: string): void;
}

export interface EventFormat {
  /** The `--format` name. */
  name: string;
  /** One line for `--help`. */
  description: string;
  /** Header columns the format cannot work without; checked before any row is read. */
  requiredColumns: readonly string[];
  /** True when a header looks like this format (used when `--format` is absent). */
  detect(header: readonly string[]): boolean;
  /** What to do with a repeated id within one file (default: quarantine). */
  duplicates?: DuplicatePolicy;
  /**
   * One CSV record → an event, or throws FieldError naming the bad column. The result keeps the
   * source's own values in `raw` and may leave admin codes empty for normalisation to fill.
   */
  toEvent(record: CsvRecord, ctx: RowContext): EventInput;
  /**
   * The same mapping compiled to SQL for this header, so that a large file is mapped inside
   * DuckDB (set-based import); rows it is unsure about still go through `toEvent`. Absent for
   * formats that are only mapped row by row.
   */
  setMapping?(header: readonly string[]): SetMapping;
}
