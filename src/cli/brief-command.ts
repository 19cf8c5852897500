/** `sitrep brief [filters] [--compare ISO3] --format md|html|pdf --out FILE` */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { BriefError, buildBrief } from '../report/brief.js';
import { renderHtml } from '../report/render-html.js';
import { renderMarkdown } from '../report/render-md.js';
import { renderPdf } from '../report/render-pdf.js';
import { chromiumAvailable, CHROMIUM_PATH } from '../report/chromium.js';
import { withStore, type DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { addFilterOptions, filterFromFlags, type FilterFlags } from './filter-options.js';

interface BriefFlags extends FilterFlags {
  compare?: string;
  title?: string;
  format: 'md' | 'html' | 'pdf';
  out: string;
}

export function registerBrief(program: Command): void {
  addFilterOptions(
    program
      .command('brief')
      .description(
        'analytic brief (Markdown, HTML or PDF): key judgments, tempo and forecast, map, attack mix, communications, notable incidents',
      )
      .option('--compare <iso3>', 'compare dispersion with this country (needs one --country)')
      .option('--title <text>', 'title (default: actors, place and window)')
      .addOption(
        new Option('--format <format>', 'output format')
          .choices(['md', 'html', 'pdf'])
          .default('md'),
      )
      .requiredOption('--out <file>', 'output file; Markdown figures are written beside it'),
  ).action(async (flags: BriefFlags, cmd: Command) => {
    if (flags.format === 'pdf' && !chromiumAvailable()) {
      throw new UsageError(
        `--format pdf: Chromium not found at ${CHROMIUM_PATH} (run scripts/ensure-chromium.sh or set SITREP_CHROMIUM)`,
      );
    }
    const filter = filterFromFlags(flags);
    const compare = flags.compare?.toUpperCase();
    if (compare !== undefined && !/^[A-Z]{3}$/.test(compare))
      throw new UsageError(`--compare: "${flags.compare}" is not an ISO3 code like SYR`);
    await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
      let brief;
      try {
        brief = await buildBrief(store, filter, { compare, title: flags.title });
      } catch (err) {
        if (err instanceof BriefError) throw new UsageError(err.message);
        throw err;
      }
      await mkdir(dirname(flags.out), { recursive: true });
      if (flags.format === 'html') {
        await writeFile(flags.out, renderHtml(brief));
      } else if (flags.format === 'pdf') {
        await writeFile(flags.out, await renderPdf(brief));
      } else {
        const { markdown, files } = renderMarkdown(brief, basename(flags.out, extname(flags.out)));
        for (const f of files) await writeFile(join(dirname(flags.out), f.path), f.content);
        await writeFile(flags.out, markdown);
      }
      console.log(`${flags.out}: ${brief.nothing_to_report ?? `${brief.inputs.n} events`}`);
      for (const j of brief.judgments) console.log(`- ${j}`);
    });
  });
}
