/**
 * Streaming text input for every importer (CSV datasets and the comms connectors): a file (optionally `.gz`) decoded as UTF-8,
 * with its SHA-256 computed on the way and byte progress, in bounded memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ImportError } from './errors.js';

export interface TextSource {
  chunks: AsyncGenerator<string>;
  progress(): { read: number; total: number };
  sha256(): string;
}

/** Opens `file` for streaming; throws ImportError when it cannot be read or is empty. */
export async function openText(file: string): Promise<TextSource> {
  let total: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new ImportError(`${file}: not a file`);
    total = st.size;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  if (total === 0) throw new ImportError(`${file}: empty file`);
  const hash = createHash('sha256');
  let read = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      read += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  let input: NodeJS.ReadableStream = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(tap);
  if (file.endsWith('.gz')) input = input.pipe(createGunzip());

  async function* chunks(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8');
    let first = true;
    try {
      for await (const buf of input as AsyncIterable<Buffer>) {
        let s = decoder.decode(buf, { stream: true });
        if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
        first = false;
        if (s) yield s;
      }
    } catch (err) {
      const code = String((err as NodeJS.ErrnoException).code ?? '');
      throw new ImportError(
        code.startsWith('Z_')
          ? `${file}: corrupt gzip data (${(err as Error).message}); nothing was imported`
          : `${file}: ${(err as Error).message}`,
      );
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  return {
    chunks: chunks(),
    progress: () => ({ read, total }),
    sha256: () => hash.copy().digest('hex'),
  };
}

/** What one pass over a file's bytes tells the set-based import. */
export interface FileScan {
  sha256: string;
  bytes: number;
  /**
   * False when no record is longer than `maxLine` bytes and the text holds none of the bytes
   * that begin U+FFFD, a tab or other control whitespace, or a Unicode space JS's trim strips:
   * then no cell can need the importer's whole-row checks, and the SQL can skip them.
   */
  suspicious: boolean;
  /** Bytes in the longest record (its line breaks inside quotes included, its end excluded). */
  longestRecord: number;
  /**
   * CSV records, read quote-aware (a line break inside quotes continues the record), header
   * included; an unterminated last record counts.
   */
  records: number;
  /** A blank line outside quotes: readers differ on skipping it, so line numbers may too. */
  blankLine: boolean;
  /**
   * Where records spanning lines shift the numbering: from data row `row` (0-based, header
   * excluded) on, a record starts `extra` lines further down than one line per record gives
   * (a data row that spans lines shifts the rows after it).
   */
  shifts: { row: number; extra: number }[];
}

/** Lead bytes of the characters `suspicious` looks for (C2: U+00A0; E1–E3, EF: U+1680 …). */
const SUSPICIOUS_BYTES = [0x09, 0x0b, 0x0c, 0x0d, 0xc2, 0xe1, 0xe2, 0xe3, 0xef];

/** True when `b` holds the UTF-8 of a character JS's trim strips (besides space, LF, CR). */
function hasSuspicious(b: Buffer): boolean {
  for (const lead of SUSPICIOUS_BYTES) {
    for (let p = b.indexOf(lead); p !== -1; p = b.indexOf(lead, p + 1)) {
      const c1 = b[p + 1] ?? -1;
      const c2 = b[p + 2] ?? -1;
      if (lead < 0x80) {
        // A CR is fine only as half of a CRLF line end.
        if (lead !== 0x0d || c1 !== 0x0a) return true;
      } else if (lead === 0xc2) {
        if (c1 === 0xa0 || c1 === -1) return true;
      } else if (c1 === -1 || c2 === -1) {
        return true;
      } else if (lead === 0xe1) {
        if (c1 === 0x9a && c2 === 0x80) return true;
      } else if (lead === 0xe2) {
        if (
          c1 === 0x80 &&
          ((c2 >= 0x80 && c2 <= 0x8a) || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf)
        )
          return true;
        if (c1 === 0x81 && c2 === 0x9f) return true;
      } else if (lead === 0xe3) {
        if (c1 === 0x80 && c2 === 0x80) return true;
      } else if (c1 === 0xbb && c2 === 0xbf) {
        // U+FEFF; the file's own BOM is skipped by both readers.
        if (p !== 0) return true;
      } else if (c1 === 0xbf && c2 === 0xbd) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Hashes `file` and counts its (decompressed) CSV records in one pass, without decoding text.
 * The set-based import checks DuckDB's reader against it (the same number of records, no
 * blank line) and numbers row i's line i + 2 plus the lines earlier records spanned (`shifts`).
 */
export async function scanFile(file: string, maxLine: number): Promise<FileScan> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      bytes += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  let body: NodeJS.ReadableStream = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(tap);
  if (file.endsWith('.gz')) body = body.pipe(createGunzip());
  let last = -1;
  let suspicious = false;
  let offset = 0;
  let longest = 0;
  let first = true;
  // Quote state: each '"' toggles it (an escaped "" toggles twice). A file whose quotes are
  // not RFC 4180's fails DuckDB's strict read anyway and takes the streaming path.
  let quoted = false;
  let records = 0;
  let recordStart = 0;
  let inner = 0;
  let extra = 0;
  let blankLine = false;
  const shifts: { row: number; extra: number }[] = [];
  try {
    for await (const buf of body as AsyncIterable<Buffer>) {
      let q = buf.indexOf(34);
      for (let p = buf.indexOf(10); p !== -1; p = buf.indexOf(10, p + 1)) {
        for (; q !== -1 && q < p; q = buf.indexOf(34, q + 1)) quoted = !quoted;
        if (quoted) {
          inner++;
          continue;
        }
        const length = offset + p - recordStart;
        longest = Math.max(longest, length);
        if (length === 0 || (length === 1 && (p > 0 ? buf[p - 1] : last) === 13)) blankLine = true;
        records++;
        recordStart = offset + p + 1;
        if (inner) {
          extra += inner;
          inner = 0;
          // Record `records - 1` (0 is the header) spanned lines: data rows after it shift.
          shifts.push({ row: records - 1, extra });
        }
      }
      for (; q !== -1; q = buf.indexOf(34, q + 1)) quoted = !quoted;
      // A character split across two chunks is looked at with the chunk it starts in, which
      // sees too few bytes and counts as suspicious: safe, and rare at 1 MiB chunks.
      if (
        !suspicious &&
        hasSuspicious(first && buf[0] === 0xef && buf[1] === 0xbb ? buf.subarray(3) : buf)
      ) {
        suspicious = true;
      }
      first = false;
      offset += buf.length;
      if (buf.length) last = buf[buf.length - 1]!;
    }
    longest = Math.max(longest, offset - recordStart);
    if (longest > maxLine) suspicious = true;
  } catch (err) {
    throw new ImportError(`${file}: ${(err as Error).message}`);
  }
  if (last !== -1 && last !== 10) records++;
  return {
    sha256: hash.digest('hex'),
    bytes,
    suspicious,
    longestRecord: longest,
    records,
    blankLine,
    shifts,
  };
}

/** Splits text chunks into lines numbered from 1 (`\n` or `\r\n`); refuses absurdly long lines. */
export async function* numberedLines(
  chunks: AsyncIterable<string>,
  file: string,
  maxChars = 8 * 1024 * 1024,
): AsyncGenerator<{ line: number; text: string }> {
  let carry = '';
  let line = 0;
  for await (const chunk of chunks) {
    let s = carry + chunk;
    let nl: number;
    while ((nl = s.indexOf('\n')) >= 0) {
      const text = s.slice(0, nl);
      s = s.slice(nl + 1);
      yield { line: ++line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    }
    if (s.length > maxChars) {
      throw new ImportError(`${file}:${line + 1}: line longer than ${maxChars} characters`);
    }
    carry = s;
  }
  if (carry) yield { line: ++line, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
}

/** Reads a whole (small) file as text, refusing files over `maxBytes` with a clear message. */
export async function readWhole(
  file: string,
  maxBytes: number,
  what: string,
): Promise<{ text: string; source: TextSource }> {
  const source = await openText(file);
  if (source.progress().total > maxBytes) {
    throw new ImportError(
      `${file}: ${what} of ${(source.progress().total / 1e6).toFixed(0)} MB is over the ` +
        `${(maxBytes / 1e6).toFixed(0)} MB limit for this format; split the file`,
    );
  }
  let text = '';
  for await (const c of source.chunks) text += c;
  return { text, source };
}
