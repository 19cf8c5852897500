/**
 * PDF briefs: `sitrep brief --format pdf` prints the HTML brief through the system Chromium.
 * The test checks the file is a PDF with pages, then rasterises page 1 with poppler's
 * `pdftoppm` (greyscale PGM, trivial to parse) and checks it is not blank. With PDF_OUT=<dir>
 * it also leaves brief.pdf and page-1.png there for a human to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertEvents } from '../analyze/test-events.js';
import { registerBrief } from '../cli/brief-command.js';
import { Store } from '../store/index.js';
import { chromiumAvailable } from './chromium.js';
import { briefEvents } from './test-brief-events.js';

const PDFTOPPM = '/usr/bin/pdftoppm';
const PDFTOTEXT = '/usr/bin/pdftotext';
const ARABIC = 'دير الزور';
const canPrint = chromiumAvailable() && existsSync(PDFTOPPM);

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-pdf-'));
  db = join(dir, 'events.duckdb');
  const store = await Store.open(db);
  await insertEvents(store, briefEvents());
  await store.run(`UPDATE events SET geo_precision = 1, location = admin1 || ' town'`);
  // An Arabic place name in the deadliest incident: the PDF must carry it as Arabic text.
  await store.run(`UPDATE events SET location = $ar, fatalities = 99 WHERE id = 'syn:s010'`, {
    ar: ARABIC,
  });
  await store.run(
    `INSERT INTO documents (id, source, published_at, text)
     SELECT 'd' || i, ['telegram', 'twitter'][1 + i % 2], TIMESTAMPTZ '2020-01-01' + i * INTERVAL 3 DAY, 'x'
     FROM range(100) t(i)`,
  );
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sitrep(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi
    .spyOn(console, 'log')
    .mockImplementation((s: unknown) => void lines.push(String(s)));
  try {
    const program = new Command().option('--db <path>').exitOverride();
    registerBrief(program);
    await program.parseAsync(['--db', db, 'brief', ...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/** Width, height and grey bytes of a binary PGM (P5, maxval 255) as pdftoppm writes it. */
export function parsePgm(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!head || head[3] !== '255') throw new Error('pgm: expected a P5 header with maxval 255');
  const [width, height] = [Number(head[1]), Number(head[2])];
  const pixels = buf.subarray(head[0].length);
  if (pixels.length !== width * height) throw new Error(`pgm: ${pixels.length} pixel bytes`);
  return { width, height, pixels };
}

describe('sitrep brief --format pdf', () => {
  it.skipIf(!canPrint)(
    'writes an A4 PDF whose first page shows the brief (needs chromium and poppler-utils)',
    async () => {
      const out = join(dir, 'brief.pdf');
      const t = performance.now();
      const lines = await sitrep(
        '--actor',
        'ISIS',
        '--country',
        'SYR',
        '--format',
        'pdf',
        '--out',
        out,
      );
      const seconds = (performance.now() - t) / 1000;
      expect(lines[0]).toMatch(/brief\.pdf: \d+ events/);
      const pdf = readFileSync(out);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-1024).toString('latin1')).toContain('%%EOF');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(1);
      console.log(`PDF brief: ${pages} pages, ${pdf.length} bytes, ${seconds.toFixed(2)} s`);

      // 40 dpi: A4 is 331 × 467 px, enough to tell text and charts from a blank page.
      execFileSync(PDFTOPPM, ['-gray', '-r', '40', '-f', '1', '-l', '1', out, join(dir, 'p')]);
      const pgm = readdirPgm(dir);
      const { width, height, pixels } = parsePgm(readFileSync(pgm));
      expect(Math.abs(width / height - 210 / 297)).toBeLessThan(0.01);
      let dark = 0;
      for (const v of pixels) if (v < 128) dark++;
      // Title, judgments and the tempo chart ink well over 1% of page 1; a blank page has none.
      expect(dark / pixels.length).toBeGreaterThan(0.01);

      if (existsSync(PDFTOTEXT)) {
        const text = execFileSync(PDFTOTEXT, [out, '-']).toString();
        expect(text).toContain(ARABIC);
        expect(text).toContain('Page 1 of');
      }

      const keep = process.env.PDF_OUT;
      if (keep) {
        mkdirSync(keep, { recursive: true });
        execFileSync('cp', [out, join(keep, 'brief.pdf')]);
        execFileSync(PDFTOPPM, [
          '-png',
          '-r',
          '80',
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          out,
          join(keep, 'page-1'),
        ]);
      }
    },
  );

  it('refuses PDF with a clear message when Chromium is missing', async () => {
    vi.stubEnv('SITREP_CHROMIUM', '/nonexistent/chromium');
    vi.resetModules();
    try {
      const { registerBrief: register } = await import('../cli/brief-command.js');
      const program = new Command().option('--db <path>').exitOverride();
      register(program);
      await expect(
        program.parseAsync(['--db', db, 'brief', '--format', 'pdf', '--out', join(dir, 'x.pdf')], {
          from: 'user',
        }),
      ).rejects.toThrow('--format pdf: Chromium not found at /nonexistent/chromium');
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

function readdirPgm(folder: string): string {
  // pdftoppm names the file p-1.pgm or p-01.pgm depending on the page count.
  const names = execFileSync('ls', [folder]).toString().split('\n');
  const name = names.find((n) => /^p-0*1\.pgm$/.test(n));
  if (!name) throw new Error(`no page image in ${folder}: ${names.join(' ')}`);
  return join(folder, name);
}
