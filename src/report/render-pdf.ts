/**
 * The brief as PDF: the HTML brief printed by headless Chromium (see `launchChromium`) on A4
 * with page numbers in the footer. The HTML is self-contained (inline CSS and SVG), so the page
 * needs nothing from the network; every request it would make is aborted, which keeps printing
 * offline even if a future renderer slips in an external reference.
 */
import type { Browser } from 'playwright-core';
import type { Brief } from './brief-types.js';
import { launchChromium } from './chromium.js';
import { renderHtml } from './render-html.js';

/** Print-only CSS: the screen layout's centred 760 px column would waste A4's width. */
const PRINT_CSS = `<style>@page{size:A4;margin:16mm 14mm 18mm 14mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}
figure,table,tr{break-inside:avoid}h2,h3{break-after:avoid}}</style>`;

/** Footer template: Chromium fills the `pageNumber` and `totalPages` spans. */
const FOOTER = `<div style="width:100%;font-size:8px;color:#666;padding:0 14mm;font-family:Helvetica,Arial,sans-serif;display:flex;justify-content:space-between"><span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;

export interface PdfOptions {
  /** A running browser to reuse (tests, batch runs); default: one is launched and closed. */
  browser?: Browser;
}

/**
 * Prints `brief` to PDF bytes.
 *
 * @example await writeFile('brief.pdf', await renderPdf(await buildBrief(store, filter)))
 */
export async function renderPdf(brief: Brief, options: PdfOptions = {}): Promise<Uint8Array> {
  const html = renderHtml(brief).replace('</head>', `${PRINT_CSS}\n</head>`);
  const browser = options.browser ?? (await launchChromium());
  // A fresh context per brief: no cookies or cache shared between documents; no scripts needed.
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort('blockedbyclient'));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
      tagged: true,
    });
  } finally {
    await context.close();
    if (!options.browser) await browser.close();
  }
}
