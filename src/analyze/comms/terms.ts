/**
 * Trending terms: hashtags and words whose share of a focus window's messages rose or fell
 * against a baseline window, by weighted log-odds with an informative Dirichlet prior.
 */
import {
  CommsTermsOptionsSchema,
  type CommsFilter,
  type CommsTermsOptions,
  type CommsTermsResult,
  type CommsWindow,
} from '../../model/comms.js';
import { endOf, startOf } from '../../model/index.js';
import { commsTexts } from '../../store/comms.js';
import type { Store } from '../../store/index.js';
import { parseOptions } from '../options.js';
import { defaultPrior, logOdds } from './log-odds.js';
import { terms, type TermKind } from './tokenize.js';
import { addDays, commsWindow, isOpen, sqlFilter } from './window.js';

const PAGE = 20_000;
const DEFAULT_FOCUS_DAYS = 30;

/**
 * Compares the terms of two windows of the documents matching `filter`.
 *
 * - `focus`: `{from, to}`; default the last 30 days of the matching documents.
 * - `baseline`: `{from, to}`; default from the first matching day to the day before the focus.
 * - `kind`: `all | words | hashtags`, default `all`; `top` (20) each way; `minCount` (5);
 *   `prior`: α₀, default a tenth of the two windows' token count (see logOdds).
 *
 * @example await commsTerms(store, {}, { focus: { from: '2016-04', to: '2016-05' } })
 */
export async function commsTerms(
  store: Store,
  filter: CommsFilter,
  options: CommsTermsOptions = {},
): Promise<CommsTermsResult> {
  const opts = parseOptions('comms terms', CommsTermsOptionsSchema, options);
  const kind = opts.kind ?? 'all';
  const top = opts.top ?? 20;
  const { window } = await commsWindow(store, filter);
  const empty = { window: { from: null, to: null }, n_documents: 0, n_tokens: 0 };
  const base = { analysis: 'comms_terms' as const, filter, kind };
  if (!isOpen(window)) {
    return { ...base, prior: 0, focus: empty, baseline: empty, rising: [], falling: [] };
  }

  const focusWindow: CommsWindow = opts.focus
    ? { from: startOf(opts.focus.from), to: endOf(opts.focus.to) }
    : { from: maxDay(window.from, addDays(window.to, 1 - DEFAULT_FOCUS_DAYS)), to: window.to };
  const baselineWindow: CommsWindow = opts.baseline
    ? { from: startOf(opts.baseline.from), to: endOf(opts.baseline.to) }
    : { from: window.from, to: addDays(focusWindow.from!, -1) };
  if (!isOpen(focusWindow) || !isOpen(baselineWindow)) {
    throw new RangeError(
      `comms terms windows: focus ${focusWindow.from}…${focusWindow.to}, baseline ` +
        `${baselineWindow.from}…${baselineWindow.to} (each needs from ≤ to)`,
    );
  }
  const focus = await countTerms(store, filter, focusWindow, kind);
  const baseline = await countTerms(store, filter, baselineWindow, kind);
  const prior = opts.prior ?? defaultPrior(focus.tokens, baseline.tokens);
  const scores = logOdds(focus.counts, baseline.counts, { prior, minCount: opts.minCount ?? 5 });
  return {
    ...base,
    prior,
    focus: { window: focusWindow, n_documents: focus.documents, n_tokens: focus.tokens },
    baseline: {
      window: baselineWindow,
      n_documents: baseline.documents,
      n_tokens: baseline.tokens,
    },
    rising: scores.filter((s) => s.z > 0).slice(0, top),
    falling: scores
      .filter((s) => s.z < 0)
      .reverse()
      .slice(0, top),
  };
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** Term counts of the documents of `filter` inside `w` (streamed in pages). */
async function countTerms(
  store: Store,
  filter: CommsFilter,
  w: { from: string; to: string },
  kind: TermKind,
): Promise<{ counts: Map<string, number>; documents: number; tokens: number }> {
  const f = { ...sqlFilter(filter), from: w.from, to: w.to };
  const outer = sqlFilter(filter);
  if (outer.from && outer.from > f.from) f.from = outer.from;
  if (outer.to && outer.to < f.to) f.to = outer.to;
  const counts = new Map<string, number>();
  let documents = 0;
  let tokens = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await commsTexts(store, f, offset, PAGE);
    for (const d of page) {
      documents++;
      for (const t of terms(d.text, kind)) {
        counts.set(t, (counts.get(t) ?? 0) + 1);
        tokens++;
      }
    }
    if (page.length < PAGE) break;
  }
  return { counts, documents, tokens };
}
