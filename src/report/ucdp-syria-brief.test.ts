/**
 * Real data: the brief for the Islamic State in Syria on the bundled UCDP GED 2016–2019 file.
 * Checks the judgments are the analyses' sentences and that the output is reproducible; with
 * BRIEF_OUT=<dir> it also writes brief.md (+ SVGs), brief.html and brief.pdf there for a human
 * to read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastFinding, riverFinding } from '../analyze/findings.js';
import {
  backtest,
  forecast,
  regimeFinding,
  regimes,
  rivers,
  tempo,
  tempoFinding,
} from '../analyze/index.js';
import { importFile } from '../ingest/importer.js';
import type { EventFilter } from '../model/index.js';
import { Store } from '../store/index.js';
import { buildBrief } from './brief.js';
import { renderHtml } from './render-html.js';
import { chromiumAvailable } from './chromium.js';
import { renderMarkdown } from './render-md.js';
import { renderPdf } from './render-pdf.js';

const FILE = 'data/events/ucdp_ged_syria_2016_2019.csv.gz';
const IS_SYRIA: EventFilter = { actor: ['Islamic State'], country: ['SYR'] };
const NOW = new Date('2024-01-01T00:00:00Z');

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
  await importFile(store, FILE);
});
afterAll(() => store.close());

describe('brief: Islamic State in Syria, UCDP GED 2016–2019', () => {
  it('quotes the analyses and renders the same bytes twice', async () => {
    const brief = await buildBrief(store, IS_SYRIA, { now: NOW });
    expect(brief.judgments[0]).toBe(tempoFinding(await tempo(store, IS_SYRIA)));
    expect(brief.judgments[2]).toBe(regimeFinding(await regimes(store, IS_SYRIA)));
    const f = await forecast(store, IS_SYRIA, { horizon: 1 });
    const b = await backtest(store, IS_SYRIA, { horizon: 1, origins: 12 });
    expect(brief.judgments[3]).toBe(forecastFinding(f, b));
    expect(brief.judgments[5]).toBe(riverFinding(await rivers(store, IS_SYRIA)));
    expect(brief.judgments[4]).toMatch(
      /^Forecast for Nov 2019 by governorate \(80% interval\): Deir-ez-Zor /,
    );
    // UCDP GED codes no attack type: no attack-mix chart rather than one bar of "not recorded".
    expect(brief.figures.map((f) => f.name)).toEqual(['tempo', 'map']);
    expect(brief.incidents).toHaveLength(10);
    const html = renderHtml(brief);
    expect(renderHtml(await buildBrief(store, IS_SYRIA, { now: NOW }))).toBe(html);
    expect(html).not.toMatch(/<script/i);
    console.log(brief.judgments.map((j) => `- ${j}`).join('\n'));

    const out = process.env.BRIEF_OUT;
    if (out) {
      mkdirSync(out, { recursive: true });
      const md = renderMarkdown(brief, 'brief');
      for (const f of md.files) writeFileSync(join(out, f.path), f.content);
      writeFileSync(join(out, 'brief.md'), md.markdown);
      writeFileSync(join(out, 'brief.html'), html);
      if (chromiumAvailable()) {
        const t = performance.now();
        const pdf = await renderPdf(brief);
        const pages = (
          Buffer.from(pdf)
            .toString('latin1')
            .match(/\/Type\s*\/Page[^s]/g) ?? []
        ).length;
        console.log(`PDF: ${pages} pages, ${((performance.now() - t) / 1000).toFixed(2)} s`);
        writeFileSync(join(out, 'brief.pdf'), pdf);
      }
    }
  });
});
