/**
 * Which comms format a file is: by its extension first, then by its first bytes. `.gz` files
 * are looked at through the decompressor.
 */
import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { ImportError } from '../errors.js';
import { isTweetHeader } from './tweets.js';

export const COMMS_FORMATS = ['tweets', 'telegram', 'rss', 'atom', 'ndjson', 'html'] as const;
export type CommsFormat = (typeof COMMS_FORMATS)[number];

export function isCommsFormat(name: string): name is CommsFormat {
  return (COMMS_FORMATS as readonly string[]).includes(name);
}

const SNIFF_BYTES = 64 * 1024;

/** The format of `file`, or an ImportError that asks for `--format`. */
export async function detectCommsFormat(file: string): Promise<CommsFormat> {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.rss')) return 'rss';
  if (name.endsWith('.atom')) return 'atom';
  if (name.endsWith('.html') || name.endsWith('.htm')) return 'html';
  if (/^https?:\/\//.test(name)) {
    throw new ImportError(`${file}: a URL needs --format (html, rss or atom)`);
  }
  const head = await firstText(file);
  const found = sniff(head, name);
  if (found) return found;
  throw new ImportError(
    `${file}:1: cannot tell the format from the name or the first bytes; ` +
      `pass --format ${COMMS_FORMATS.join('|')}`,
  );
}

/** Format from the first characters of a file (and its name without `.gz`). */
export function sniff(head: string, name = ''): CommsFormat | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) {
    const root = /<(rss|feed)[\s>]/.exec(text);
    if (root) return root[1] === 'rss' ? 'rss' : 'atom';
    return /<(!doctype\s+html|html|head|body)[\s>]/i.test(text) ? 'html' : null;
  }
  if (text.startsWith('{')) {
    const firstLine = text.split('\n', 1)[0]!.trim();
    try {
      const o = JSON.parse(firstLine) as unknown;
      if (o && typeof o === 'object' && 'text' in o) return 'ndjson';
    } catch {
      // not one object per line
    }
    if (/"messages"\s*:\s*\[/.test(text) || name.endsWith('.json')) return 'telegram';
    return null;
  }
  const header = text
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .map((h) => h.trim().replace(/^"|"$/g, ''));
  return isTweetHeader(header) ? 'tweets' : null;
}

async function firstText(file: string): Promise<string> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw new ImportError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    let bytes = buf.subarray(0, bytesRead);
    if (file.endsWith('.gz')) {
      try {
        bytes = gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a cut stream */ });
      } catch {
        throw new ImportError(`${file}: corrupt gzip data`);
      }
    }
    return new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES));
  } finally {
    await fh.close();
  }
}
