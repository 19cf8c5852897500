/**
 * Streaming CSV reading for imports: `.csv` or `.csv.gz`, UTF-8 (BOM tolerated), records with
 * their starting line numbers, the file's SHA-256 computed on the way, bounded memory.
 */
import { CsvRecordParser, CsvSyntaxError, type ParsedRecord } from './csv-parser.js';
import { ImportError } from './errors.js';
import { openText } from './text-source.js';

/** A record larger than this is treated as a broken file (an unclosed quote swallowing lines). */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

export type CsvRow = ParsedRecord;

export interface CsvSource {
  header: string[];
  rows: AsyncGenerator<CsvRow>;
  /** Bytes read from disk so far and in total (for progress). */
  progress(): { read: number; total: number };
  /** SHA-256 of the file's bytes; complete once `rows` is exhausted. */
  sha256(): string;
  /** Stops reading (when only the header was wanted) and releases the file. */
  close(): Promise<void>;
}

/** Opens `file` and reads its header; rows stream on demand. Throws ImportError for unreadable files. */
export async function openCsv(file: string): Promise<CsvSource> {
  const source = await openText(file);
  const chunks = source.chunks[Symbol.asyncIterator]();
  // Invalid UTF-8 decodes to U+FFFD: the importer quarantines the rows where that happens.
  const parser = new CsvRecordParser(MAX_RECORD_CHARS);
  let pending: ParsedRecord[] = [];
  let at = 0;
  let ended = false;

  const next = async (): Promise<CsvRow | null> => {
    while (at >= pending.length) {
      if (ended) return null;
      try {
        const c = await chunks.next();
        if (c.done) {
          ended = true;
          pending = parser.end();
        } else {
          pending = parser.push(c.value);
        }
      } catch (err) {
        throw toImportError(file, err);
      }
      at = 0;
    }
    return pending[at++]!;
  };

  const first = await next();
  if (!first) throw new ImportError(`${file}: empty file, expected a CSV header line`);
  const header = first.values.map((h) => h.trim());
  if (header.some((h) => h.includes('\uFFFD'))) {
    throw new ImportError(
      `${file}:1: header is not valid UTF-8 (the file may be Windows-1256 or Latin-1); re-save it as UTF-8`,
    );
  }

  async function* rows(): AsyncGenerator<CsvRow> {
    for (;;) {
      const row = await next();
      if (!row) return;
      yield row;
    }
  }
  const close = async () => {
    await chunks.return?.(undefined);
  };
  return { header, rows: rows(), progress: source.progress, sha256: source.sha256, close };
}

function toImportError(file: string, err: unknown): ImportError {
  if (err instanceof CsvSyntaxError) {
    return new ImportError(
      `${file}:${err.line}: malformed CSV: ${err.message}; nothing was imported`,
    );
  }
  if (err instanceof ImportError) return err;
  return new ImportError(`${file}: ${(err as Error).message ?? String(err)}`);
}

/** Serialises a record back to one CSV line, for the quarantine table. */
export function toCsvLine(values: readonly string[]): string {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}
