/**
 * Plumbing shared by the pipe-mode commands (`extract`, `geoparse`): NDJSON read line by line
 * from a file or stdin, each line checked with a zod schema, bad lines reported on stderr as
 * `FILE:LINE: field: reason` and skipped (the rest is processed), output written with
 * backpressure, and the `eval` parent command the evaluations hang under.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { z } from 'zod';

/** Counts the lines that were reported and skipped. */
export interface LineTally {
  bad: number;
}

/**
 * Valid records of the NDJSON at `path` (`-` for stdin), with their 1-based line numbers.
 * `expected` completes the error message ("expected {id, text}").
 */
export async function* ndjsonRecords<T>(
  path: string,
  schema: z.ZodType<T>,
  expected: string,
  tally: LineTally,
): AsyncGenerator<{ line: number; value: T }> {
  const name = path === '-' ? '<stdin>' : path;
  const input = path === '-' ? process.stdin : createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      tally.bad++;
      process.stderr.write(`${name}:${n}: invalid JSON: ${(err as Error).message}\n`);
      continue;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      tally.bad++;
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(line)';
      process.stderr.write(`${name}:${n}: ${field}: ${issue?.message ?? 'invalid'}, ${expected}\n`);
      continue;
    }
    yield { line: n, value: parsed.data };
  }
}

/** Writes `chunk`, waiting for the stream to drain when its buffer is full. */
export async function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** The `eval` command, created on first use. */
export function evalParent(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'eval') ??
    program.command('eval').description('evaluate a component against labelled data')
  );
}
