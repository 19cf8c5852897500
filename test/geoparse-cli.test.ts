/**
 * `sitrep geoparse` and `sitrep eval geoparse`, in process: a throwaway commander program with
 * only these commands registered, stdout and stderr captured.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerEvalGeoparse, registerGeoparse } from '../src/cli/geoparse-command.js';
import { UsageError } from '../src/cli/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-geoparse-'));
const GOLD = 'test/fixtures/gazetteer/geoparse-gold.ndjson';

async function sitrep(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string; error?: unknown }> {
  const program = new Command('sitrep').exitOverride();
  registerGeoparse(program);
  registerEvalGeoparse(program);
  for (const c of program.commands) {
    c.exitOverride();
    for (const s of c.commands) s.exitOverride();
  }
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => ((stdout += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((stderr += s), true)) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'sitrep', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const code = error instanceof CommanderError ? error.exitCode : 2;
    return { code, stdout, stderr, error };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('sitrep geoparse', () => {
  const docs = join(dir, 'docs.ndjson');
  writeFileSync(
    docs,
    [
      '{"id": "a", "text": "A suicide bomber struck a checkpoint in Tarmiyah, north of Baghdad"}',
      '{"id": "b", "text": "ولاية الخير: تفجير في الميادين", "lang": "ar"}',
      '{oops',
      '',
      '{"id": "d"}',
      '{"id": 5, "text": ""}',
    ].join('\n'),
  );

  it('writes one {doc_id, toponyms} line per good document and reports bad lines', async () => {
    const r = await sitrep('geoparse', '--in', docs);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.doc_id)).toEqual(['a', 'b', 5]);
    expect(lines[0].toponyms[0]).toMatchObject({ text: 'Tarmiyah', admin1_code: 'IQG08' });
    expect(lines[2].toponyms).toEqual([]);
    expect(r.stderr).toMatch(new RegExp(`${docs}:3: invalid JSON: `));
    expect(r.stderr).toContain(`${docs}:5: text: missing text`);
    expect(r.stderr).toContain('2 bad line(s) skipped');
    expect(r.code).toBe(1);
  });

  it('writes to --out and exits 0 on clean input', async () => {
    const clean = join(dir, 'clean.ndjson');
    const out = join(dir, 'out.ndjson');
    writeFileSync(clean, '{"id": "x", "text": "Clashes near Hit in Anbar"}\n');
    const r = await sitrep('geoparse', '--in', clean, '--out', out, '--country', 'IRQ');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const line = JSON.parse(readFileSync(out, 'utf8'));
    expect(line.doc_id).toBe('x');
    expect(line.toponyms.map((t: { admin1_code: string }) => t.admin1_code)).toContain('IQG01');
  });

  it('reads plain text from piped stdin and prints one JSON array', async () => {
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
    Object.defineProperty(process, 'stdin', {
      value: Readable.from([Buffer.from('Fighting in Deir ez-Zor and Raqqa')]),
      configurable: true,
    });
    try {
      const r = await sitrep('geoparse');
      const toponyms = JSON.parse(r.stdout) as { text: string }[];
      expect(toponyms.map((t) => t.text)).toEqual(['Deir ez-Zor', 'Raqqa']);
      expect(r.code).toBe(0);
    } finally {
      if (stdin) Object.defineProperty(process, 'stdin', stdin);
    }
  });

  it('reads each text as a location field with --field', async () => {
    const fields = join(dir, 'fields.ndjson');
    writeFileSync(fields, '{"id": "f", "text": "Hit, Center of town"}\n');
    const parse = async (...extra: string[]) =>
      JSON.parse((await sitrep('geoparse', '--in', fields, ...extra)).stdout).toponyms as {
        admin1_code: string;
      }[];
    // as prose, "Hit" at the start may be the verb; as a place column it is the town
    expect(await parse()).toEqual([]);
    expect((await parse('--field'))[0]).toMatchObject({ admin1_code: 'IQG01' });
  });

  it('rejects an unknown --country', async () => {
    const r = await sitrep('geoparse', '--in', docs, '--country', 'JOR');
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as Error).message).toBe('--country: "JOR" is not IRQ or SYR');
  });
});

describe('sitrep eval geoparse', () => {
  it('prints one table row per gold file and reports bad gold lines', async () => {
    const r = await sitrep('eval', 'geoparse', '--gold', GOLD);
    const [header, , row] = r.stdout.split('\n');
    expect(header).toMatch(/^dataset\s+N\s+admin1 correct\s+admin2 correct\s+mean km/);
    expect(row).toMatch(/^geoparse-gold\s+5\s+50\.0% \(2\/4\)\s+50\.0% \(1\/2\)/);
    expect(row).toContain('66.7% (2/3)');
    expect(row).toMatch(/2 \(1 correct\)$/);
    expect(r.stderr).toMatch(/geoparse-gold\.ndjson:6: invalid JSON/);
    expect(r.code).toBe(1);
  });

  it('prints JSON with --json', async () => {
    const r = await sitrep('eval', 'geoparse', '--gold', GOLD, '--json');
    const [result] = JSON.parse(r.stdout.split('\n')[0] ?? '');
    expect(result).toMatchObject({ dataset: 'geoparse-gold', n: 5, admin1: { hits: 2, n: 4 } });
  });
});
