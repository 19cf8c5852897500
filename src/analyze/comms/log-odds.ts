/**
 * Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
 * "Fightin' Words", §3.5.2): which terms separate a focus corpus from a baseline corpus,
 * shrunk towards their pooled frequency so that rare terms do not top the list by chance.
 */

export interface LogOddsScore {
  term: string;
  log_odds: number;
  z: number;
  focus_count: number;
  baseline_count: number;
}

/**
 * Scores every term seen at least `minCount` times in the two corpora together.
 *
 * With y_w and n the counts and total of the focus corpus, y'_w and n' the baseline's, the prior
 * α_w = α₀ · (y_w + y'_w) / (n + n') and
 *   δ_w = ln[(y_w + α_w) / (n + α₀ − y_w − α_w)] − ln[(y'_w + α_w) / (n' + α₀ − y'_w − α_w)],
 *   σ²_w ≈ 1/(y_w + α_w) + 1/(y'_w + α_w),   z_w = δ_w / σ_w.
 * Sorted by z, highest first (terms that rose), ties by term.
 *
 * `prior` is α₀; by default a tenth of the pooled token count, so every term's counts are
 * shrunk by the same 10% towards its pooled rate whatever the corpus size (a fixed α₀ would
 * swamp small corpora and vanish in large ones).
 */
export function logOdds(
  focus: ReadonlyMap<string, number>,
  baseline: ReadonlyMap<string, number>,
  { prior, minCount = 5 }: { prior?: number; minCount?: number } = {},
): LogOddsScore[] {
  const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const n1 = sum(focus);
  const n2 = sum(baseline);
  if (n1 === 0 || n2 === 0) return [];
  const a0 = prior ?? defaultPrior(n1, n2);
  const out: LogOddsScore[] = [];
  for (const term of new Set([...focus.keys(), ...baseline.keys()])) {
    const y1 = focus.get(term) ?? 0;
    const y2 = baseline.get(term) ?? 0;
    if (y1 + y2 < minCount) continue;
    const a = (a0 * (y1 + y2)) / (n1 + n2);
    const delta = Math.log((y1 + a) / (n1 + a0 - y1 - a)) - Math.log((y2 + a) / (n2 + a0 - y2 - a));
    const z = delta / Math.sqrt(1 / (y1 + a) + 1 / (y2 + a));
    out.push({ term, log_odds: delta, z, focus_count: y1, baseline_count: y2 });
  }
  return out.sort((x, y) => y.z - x.z || (x.term < y.term ? -1 : 1));
}

/** α₀ when none is given: 10% of the pooled token count. */
export function defaultPrior(n1: number, n2: number): number {
  return 0.1 * (n1 + n2);
}
