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
