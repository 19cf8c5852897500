/**
 * Concentration: how events spread across admin units — ranked table with shares, top-k share,
 * Herfindahl-Hirschman index, Gini coefficient and normalised Shannon entropy.
 */
import { AdminLookup, type Admin1Unit } from '../gazetteer/index.js';
import {
  ConcentrationOptionsSchema,
  type ConcentrationLevel,
  type ConcentrationOptions,
  type ConcentrationResult,
  type ConcentrationUnit,
  type EventFilter,
} from '../model/index.js';
import { whereClause, type Store } from '../store/index.js';
import { resolveWindow } from './window.js';

/** Level → quoted columns. Only these strings reach the SQL. */
const LEVEL_SQL: Record<ConcentrationLevel, { unit: string; code: string; parent: string }> = {
  admin1: {
    unit: `nullif(trim(e."admin1"), '')`,
    code: 'e."admin1_code"',
    parent: 'CAST(NULL AS VARCHAR)',
  },
  admin2: {
    unit: `nullif(trim(e."admin2"), '')`,
    code: 'e."admin2_code"',
    parent: `nullif(trim(e."admin1"), '')`,
  },
};

/** Source of the governorate list; tests may pass their own. */
export interface Admin1Source {
  admin1Units(): ReadonlyArray<Admin1Unit>;
}

let bundled: Admin1Source | undefined;

/**
 * Measures how concentrated the events matching `filter` are across admin units.
 *
 * - `level`: `'admin1' | 'admin2'`, default `'admin1'`.
 * - `topK`: how many leading units the top-k share sums, default 3.
 *
 * Events without a unit at the level are counted in `n_unlocated` and left out of the shares
 * (which are of `n_located`), never dropped silently.
 *
 * **Which units count.** At admin1 with exactly one country filtered and that country in the
 * bundled boundaries (IRQ, SYR), the N units are all of its governorates (narrowed to the
 * filter's admin1 list if any), so governorates with no events count as zeros in the Gini,
 * the normalised HHI and the entropy (`universe: 'boundaries'`). Otherwise — several
 * countries, admin2, or a country without boundaries — N is the number of units with events
 * (`universe: 'observed'`), which understates concentration; the result says which was used.
 *
 * Measures over the shares s_i = x_i / Σx of the N units: HHI = Σ s_i² (1/N when even, 1 when
 * all in one unit) and its normalised form (HHI − 1/N)/(1 − 1/N); Gini = Σ_i Σ_j |x_i − x_j| /
 * (2 N² mean), the population form, at most (N − 1)/N; entropy = −Σ s_i ln s_i / ln N.
 *
 * @example await concentration(store, { actor: ['Islamic State'], country: ['SYR'] })
 */
export async function concentration(
  store: Store,
  filter: EventFilter,
  options: ConcentrationOptions = {},
  admin?: Admin1Source,
): Promise<ConcentrationResult> {
  const parsed = ConcentrationOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const key = parsed.error.issues[0]!.path.join('.');
    const value = (options as Record<string, unknown>)[key];
    throw new RangeError(
      `concentration option ${key}: ${String(value)} (${parsed.error.issues[0]!.message})`,
    );
  }
  const level = parsed.data.level ?? 'admin1';
  const k = parsed.data.topK ?? 3;
  const cols = LEVEL_SQL[level];
  const w = whereClause(filter, 'e');

  const totals = await store.one<{ n: number; unlocated: number }>(
    `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE ${cols.unit} IS NULL)::INTEGER AS unlocated
     FROM events e ${w.sql}`,
    w.params,
  );
  const units = await store.all<ConcentrationUnit>(
    `WITH c AS (
       SELECT ${cols.unit} AS unit, ${cols.parent} AS parent, min(${cols.code}) AS code,
              count(*)::INTEGER AS count
       FROM events e ${w.sql} GROUP BY ALL HAVING unit IS NOT NULL)
     SELECT row_number() OVER ranked::INTEGER AS rank, unit, code, parent, count,
            (count / sum(count) OVER ())::DOUBLE AS share,
            (sum(count) OVER (ranked ROWS UNBOUNDED PRECEDING) / sum(count) OVER ())::DOUBLE
              AS cumulative_share
     FROM c WINDOW ranked AS (ORDER BY count DESC, unit, parent)
     ORDER BY rank`,
    w.params,
  );
  const n = totals?.n ?? 0;
  const n_unlocated = totals?.unlocated ?? 0;
  const n_located = n - n_unlocated;
  const units_with_events = units.length;

  const universe = level === 'admin1' ? boundaryUnits(filter, admin) : null;
  if (universe) {
    const seen = new Set(units.flatMap((u) => [u.unit.toLowerCase(), u.code ?? '']));
    for (const b of universe) {
      if (seen.has(b.name.toLowerCase()) || seen.has(b.code)) continue;
      units.push({
        rank: units.length + 1,
        unit: b.name,
        code: b.code,
        parent: null,
        count: 0,
        share: 0,
        cumulative_share: n_located > 0 ? 1 : 0,
      });
    }
  }

  const top = units.slice(0, Math.min(k, units_with_events));
  return {
    analysis: 'concentration',
    filter,
    level,
    window: await resolveWindow(store, filter),
    n,
    n_located,
    n_unlocated,
    universe: universe ? 'boundaries' : 'observed',
    units_total: units.length,
    units_with_events,
    units,
    top_k: {
      k,
      units: top.map((u) => u.unit),
      share: n_located > 0 ? top.reduce((a, u) => a + u.count, 0) / n_located : 0,
    },
    ...concentrationIndices(units.map((u) => u.count)),
  };
}

/** The filtered country's governorates from the boundaries, or null when they do not apply. */
function boundaryUnits(filter: EventFilter, admin?: Admin1Source): Admin1Unit[] | null {
  if (filter.country?.length !== 1) return null;
  const country = filter.country[0];
  const source = admin ?? (bundled ??= AdminLookup.load());
  let units = source.admin1Units().filter((u) => u.country === country);
  if (!units.length) return null;
  if (filter.admin1?.length) {
    const wanted = new Set(filter.admin1.map((a) => a.toLowerCase()));
    units = units.filter(
      (u) => wanted.has(u.name.toLowerCase()) || wanted.has(u.code.toLowerCase()),
    );
  }
  return units;
}

/** HHI, normalised HHI, Gini and normalised entropy of `counts` (see `concentration`). */
export function concentrationIndices(
  counts: readonly number[],
): Pick<ConcentrationResult, 'hhi' | 'hhi_normalized' | 'gini' | 'entropy_normalized'> {
  const N = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  if (N === 0 || total === 0) {
    return { hhi: null, hhi_normalized: null, gini: null, entropy_normalized: null };
  }
  const shares = counts.map((c) => c / total);
  const hhi = shares.reduce((a, s) => a + s * s, 0);
  const sorted = [...counts].sort((a, b) => a - b);
  const weighted = sorted.reduce((a, x, i) => a + (i + 1) * x, 0);
  const gini = (2 * weighted) / (N * total) - (N + 1) / N;
  const entropy = shares.reduce((a, s) => (s > 0 ? a + s * Math.log(1 / s) : a), 0);
  return {
    hhi,
    hhi_normalized: N > 1 ? (hhi - 1 / N) / (1 - 1 / N) : null,
    gini: Math.max(0, gini),
    entropy_normalized: N > 1 ? entropy / Math.log(N) : null,
  };
}
