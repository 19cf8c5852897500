import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../cli/errors.js';
import { registerExtract } from '../cli/extract-command.js';

describe('sitrep extract (pipe mode)', () => {
  it('writes events, reports bad lines as FILE:LINE and exits 1, processing the rest', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'extract-')), 'events.ndjson');
    const input = 'test/fixtures/extract/docs.ndjson';
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      errors.push(String(s));
      return true;
    });
    const program = new Command('sitrep').exitOverride();
    registerExtract(program);
    let code = 0;
    try {
      await program.parseAsync(['node', 'sitrep', 'extract', '--in', input, '--out', out]);
    } catch (err) {
      code = (err as { exitCode?: number }).exitCode ?? 70;
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(1);
    expect(errors.join('')).toContain(`${input}:2: invalid JSON`);
    expect(errors.join('')).toContain(`${input}:4: text:`);
    const events = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.doc_id)).toEqual(['wire-1', 'claim-1']);
    expect(events[0]).toMatchObject({ fatalities: 12, wounded: 30, claimed: true });
  });

  it.each([
    [['--llm-concurrency', '0'], /--llm-concurrency: "0" is not a whole number/],
    [['--llm-timeout', '-1'], /--llm-timeout: "-1" is not a positive number/],
  ])('refuses %j with a message', async (flag, message) => {
    const program = new Command('sitrep').exitOverride();
    registerExtract(program);
    const args = ['node', 'sitrep', 'extract', '--in', '-', '--llm', 'http://127.0.0.1:9', ...flag];
    const run = program.parseAsync(args);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
  });
});
