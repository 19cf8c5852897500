/**
 * A streaming splitter for one large JSON document of the shape `{ …, "KEY": [ {…}, {…} ], … }`:
 * it yields the text of each element of the array under KEY with the line where the element
 * starts, without holding the whole file. Each element is then parsed on its own, so one broken
 * element is one rejected record, not a lost file. The root's other keys (before KEY) are parsed
 * as a header. This is a bracket/string scanner, not a JSON parser: JSON.parse validates.
 */
import { ImportError } from '../errors.js';

export interface ScannedElement {
  line: number;
  text: string;
}

export interface ArrayScan {
  /** The root object's keys that precede the array (resolves when the array starts). */
  header: Promise<Record<string, unknown>>;
  elements: AsyncGenerator<ScannedElement>;
}

const MAX_HEADER_CHARS = 1 << 20;
const MAX_ELEMENT_CHARS = 16 << 20;

export function scanArray(chunks: AsyncIterable<string>, key: string, file: string): ArrayScan {
  let resolveHeader!: (h: Record<string, unknown>) => void;
  let rejectHeader!: (e: Error) => void;
  const header = new Promise<Record<string, unknown>>((res, rej) => {
    resolveHeader = res;
    rejectHeader = rej;
  });
  header.catch(() => undefined); // surfaced through `elements` too

  async function* elements(): AsyncGenerator<ScannedElement> {
    let line = 1;
    let depth = 0;
    let inString = false;
    let escape = false;
    let stringStart = -1; // index in `prefix` of the current string's opening quote (header only)
    let lastString = ''; // the last complete string at depth 1 (a key, if a ':' follows)
    let lastKey = '';
    let phase: 'header' | 'array' | 'after' = 'header';
    let prefix = '';
    let elemLine = 0;
    let elem = ''; // the element so far, from earlier chunks
    let elemStart = -1; // index in the current chunk where the element (or its rest) starts
    for await (const chunk of chunks) {
      const buf = chunk;
      if (phase === 'header') prefix += buf;
      const base = prefix.length - buf.length;
      if (elemStart >= 0 || elem) elemStart = 0;
      for (let i = 0; i < buf.length; i++) {
        const c = buf.charCodeAt(i);
        if (c === 10) line++;
        if (inString) {
          if (escape) escape = false;
          else if (c === 92) escape = true;
          else if (c === 34) {
            inString = false;
            if (depth === 1 && phase === 'header' && stringStart >= 0) {
              lastString = prefix.slice(stringStart + 1, base + i);
            }
          }
          continue;
        }
        if (c === 34) {
          inString = true;
          stringStart = base + i;
        } else if (c === 58 && depth === 1) {
          lastKey = lastString;
        } else if (c === 123 || c === 91) {
          depth++;
          if (phase === 'header' && depth === 2 && c === 91 && lastKey === key) {
            phase = 'array';
            const upto = prefix.length - (buf.length - i);
            resolveHeader(parseHeader(prefix.slice(0, upto), file));
            prefix = '';
          } else if (phase === 'array' && depth === 3) {
            elemStart = i;
            elemLine = line;
            elem = '';
          }
        } else if (c === 125 || c === 93) {
          depth--;
          if (phase === 'array' && depth === 2 && elemStart >= 0) {
            yield { line: elemLine, text: elem + buf.slice(elemStart, i + 1) };
            elem = '';
            elemStart = -1;
          } else if (phase === 'array' && depth === 1) {
            phase = 'after';
          }
        }
      }
      if (elemStart >= 0) {
        elem += buf.slice(elemStart);
        if (elem.length > MAX_ELEMENT_CHARS) {
          throw new ImportError(
            `${file}:${elemLine}: element larger than 16 MB; the file is broken`,
          );
        }
      }
      if (phase === 'header' && prefix.length > MAX_HEADER_CHARS) {
        const err = new ImportError(`${file}: no "${key}" array in the first MB; not this format`);
        rejectHeader(err);
        throw err;
      }
    }
    if (phase === 'header') {
      const err = new ImportError(`${file}: no "${key}" array found; not this format`);
      rejectHeader(err);
      throw err;
    }
    if (phase === 'array' || depth !== 0 || inString) {
      const where =
        elemStart >= 0 || elem
          ? `inside the element starting at line ${elemLine}`
          : `at line ${line}`;
      throw new ImportError(
        `${file}:${line}: truncated JSON: the file ends ${where}; nothing was imported`,
      );
    }
  }
  return { header, elements: elements() };
}

function parseHeader(prefix: string, file: string): Record<string, unknown> {
  // `{"name": "…", "id": 1, "messages": ` + `[]}` is a complete object with the header keys.
  try {
    const v: unknown = JSON.parse(`${prefix}[]}`);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ImportError(`${file}:1: cannot read the keys before the array (malformed JSON)`);
}
