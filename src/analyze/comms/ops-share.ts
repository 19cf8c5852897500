/**
 * The share of messages that report operations: documents from which the extractor takes at
 * least one event (an attack, a clash, a claimed operation), per period.
 */
import {
  CommsOpsShareOptionsSchema,
  type CommsFilter,
  type CommsOpsShareOptions,
  type CommsOpsShareResult,
} from '../../model/comms.js';
import { extract } from '../../extract/index.js';
import { commsTexts, hasExtractedEvidence, opsShareRows } from '../../store/comms.js';
import type { Store } from '../../store/index.js';
import { parseOptions } from '../options.js';
import { periodOf, periodsBetween } from './periods.js';
import { commsWindow, isOpen, sqlFilter } from './window.js';

const PAGE = 5_000;
const Z95 = 1.959963984540054;

/**
 * Counts documents and those reporting an operation per period.
 *
 * - `by`: `day | week | month`, default `month`.
 * - `method`: `stored` reads the evidence of extracted events (`sitrep extract` stores it);
 *   `extract` runs the rules extractor on the documents now. Default: `stored` when the store
 *   holds any extracted evidence, else `extract`.
 *
 * `ci95` is the Wilson score interval of the overall share.
 *
 * @example await commsOpsShare(store, { lang: ['ar'] }, { by: 'month' })
 */
export async function commsOpsShare(
  store: Store,
  filter: CommsFilter,
  options: CommsOpsShareOptions = {},
): Promise<CommsOpsShareResult> {
  const opts = parseOptions('comms ops-share', CommsOpsShareOptionsSchema, options);
  const by = opts.by ?? 'month';
  const method = opts.method ?? ((await hasExtractedEvidence(store)) ? 'stored' : 'extract');
  const { window } = await commsWindow(store, filter);
  const base = { analysis: 'comms_ops_share' as const, filter, by, method, window };
  if (!isOpen(window)) {
    return { ...base, n: 0, n_reporting: 0, share: null, ci95: null, periods: [] };
  }
  const f = { ...sqlFilter(filter), from: window.from, to: window.to };
  let rows: { period: string; documents: number; reporting: number }[];
  if (method === 'stored') {
    rows = await opsShareRows(store, f, by);
  } else {
    const counts = new Map(periodsBetween(window.from, window.to, by).map((p) => [p, [0, 0]]));
    for (let offset = 0; ; offset += PAGE) {
      const page = await commsTexts(store, f, offset, PAGE);
      for (const d of page) {
        const c = counts.get(periodOf(d.day!, by))!;
        c[0]!++;
        const found = extract({
          id: d.id,
          text: d.text,
          published: d.day,
          lang: d.lang,
          source: d.source,
        });
        if (found.length > 0) c[1]!++;
      }
      if (page.length < PAGE) break;
    }
    rows = [...counts].map(([period, [documents, reporting]]) => ({
      period,
      documents: documents!,
      reporting: reporting!,
    }));
  }
  const n = rows.reduce((a, r) => a + r.documents, 0);
  const k = rows.reduce((a, r) => a + r.reporting, 0);
  return {
    ...base,
    n,
    n_reporting: k,
    share: n ? k / n : null,
    ci95: n ? wilson(k, n) : null,
    periods: rows.map((r) => ({ ...r, share: r.documents ? r.reporting / r.documents : null })),
  };
}

/** Wilson score 95% interval for k successes in n trials. */
export function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
