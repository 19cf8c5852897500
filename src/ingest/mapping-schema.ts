/**
 * The JSON mapping file's schema: what a mapping may say (rules per Event field, dates, ranges,
 * tactics, flags, ids) and the cross-field checks, with errors that carry the JSON path.
 * `mapping.ts` compiles a validated mapping into an EventFormat.
 */
import { z } from 'zod';
import { ATTACK_TYPES, TARGET_TYPES, Tactic } from '../model/index.js';
import { dayFormat } from './values.js';

export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;
const Column = z.string().trim().min(1, 'expected a column name');
const Regex = z.string().min(1).refine(isRegex, 'not a valid regular expression');
const Precision = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/**
 * Where one field's value comes from, and how source text becomes it. Exactly one source:
 * `column`, `columns` (non-empty values joined), `const`, or a range (`min`/`max`, fatalities
 * and wounded only). Text then goes through `map`, then `patterns`; text neither covers passes
 * through unchanged unless `default` is set (and must then be a valid value for the field).
 */
export const RuleSchema = z.strictObject({
  /** Take the value from this column. */
  column: Column.optional(),
  /** Take the non-empty values of these columns, joined with `join` (default ", "). */
  columns: z.array(Column).min(1).optional(),
  join: z.string().optional(),
  /** The same value for every row. */
  const: Scalar.optional(),
  /** Value map matched on the trimmed, case-folded text: `{ "unknown group": null }`. */
  map: z.record(z.string(), Scalar).optional(),
  /** Case-insensitive regular expressions tried in order after `map`; the first match wins. */
  patterns: z.array(z.strictObject({ match: Regex, value: Scalar })).optional(),
  /** The value for an empty cell, and for text that `map`/`patterns` leave uncovered. */
  default: Scalar.optional(),
  /** The column(s) may be absent from the header (the rule then sees empty cells). */
  optional: z.boolean().optional(),
  /** A count range: the columns with the low and high figures, and which one is the best estimate. */
  min: Column.optional(),
  max: Column.optional(),
  best: z.enum(['min', 'max', 'mean']).optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

/**
 * A day: `{ "column": "start", "format": "DD/MM/YYYY" }` (without `format`, the spellings
 * `parseDay` knows), or `{ "year": "y", "month": "m", "day": "d" }` where an unknown month or
 * day (empty, 0, -99) gives the whole month/year as date…date_end with precision 3.
 */
export const DateRuleSchema = z.strictObject({
  column: Column.optional(),
  /** Tokens YYYY, MM/M, MMM (month name), DD/D; e.g. "D MMM YYYY", "YYYY-MM-DD", "MM/DD/YYYY". */
  format: z.string().refine(isDayFormat, 'invalid date format').optional(),
  year: Column.optional(),
  month: Column.optional(),
  day: Column.optional(),
  optional: z.boolean().optional(),
});
export type DateRule = z.infer<typeof DateRuleSchema>;

/**
 * Tactic tags: a `const` list, or text matched against every pattern, each match adding its
 * tags (tags from all rules accumulate: "suicide car bomb" → suicide + vbied).
 */
export const TacticRuleSchema = z.strictObject({
  column: Column.optional(),
  columns: z.array(Column).min(1).optional(),
  join: z.string().optional(),
  const: z.array(Tactic).optional(),
  /** Count columns work too: `{ "match": "^0*[1-9]", "value": "vbied" }` means "more than 0". */
  patterns: z
    .array(z.strictObject({ match: Regex, value: z.union([Tactic, z.array(Tactic)]) }))
    .optional(),
  optional: z.boolean().optional(),
});

/** A row property worth keeping: when `match` finds any of `columns`, `raw[name] = value`. */
export const FlagSchema = z.strictObject({
  name: z.string().min(1),
  columns: z.array(Column).min(1),
  match: Regex,
  /** Stored in `raw[name]` (default "true"). */
  value: z.string().optional(),
  /** A coarser date precision for flagged rows (e.g. 3 for monthly totals). */
  date_precision: Precision.optional(),
  optional: z.boolean().optional(),
});

const optionalRule = RuleSchema.optional();
/**
 * One rule per Event field; all but `date` optional (absent → null). `date_precision` defaults
 * to the span: 1 for one day, 2 when date_end is within 7 days, 3 beyond; unknown day/month
 * and flags only ever coarsen it.
 */
const FieldsSchema = z.strictObject({
  date: DateRuleSchema,
  date_end: DateRuleSchema.optional(),
  date_precision: optionalRule,
  country: optionalRule,
  admin1: optionalRule,
  admin1_code: optionalRule,
  admin2: optionalRule,
  admin2_code: optionalRule,
  admin3: optionalRule,
  admin3_code: optionalRule,
  location: optionalRule,
  lat: optionalRule,
  lon: optionalRule,
  geo_precision: optionalRule,
  actor1: optionalRule,
  actor2: optionalRule,
  attack_type: optionalRule,
  tactics: z.array(TacticRuleSchema).optional(),
  target_type: optionalRule,
  fatalities: optionalRule,
  fatalities_low: optionalRule,
  fatalities_high: optionalRule,
  wounded: optionalRule,
  claimed: optionalRule,
  notes: optionalRule,
});

const MappingObject = z.strictObject({
  /** The `--format` name. */
  name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case name like "ibc"'),
  /** One line for `--help`. */
  description: z.string().min(1),
  /** Notes for readers of the mapping (why a choice was made); ignored. */
  comment: z.union([z.string(), z.array(z.string())]).optional(),
  /** Prefix of every event id: `<source_id>:<external id>`. */
  source_id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case id like "ibc"'),
  /** Header columns that together identify the file when `--format` is absent. */
  detect: z.array(Column).min(1).optional(),
  /**
   * `{ "column": "event_id" }`, or `{ "hash": ["col", …] }`: a SHA-1 of those cells, for
   * sources without an id (a row whose listed cells are all empty is rejected).
   */
  id: z.strictObject({ column: Column.optional(), hash: z.array(Column).min(1).optional() }),
  /** A repeated id within one file: quarantined (default) or merged into the first row. */
  duplicates: z.enum(['quarantine', 'keep-first']).optional(),
  /** Cell values that mean "no value" in this source ("-", "-1"), compared after trimming. */
  missing: z.array(z.string()).optional(),
  fields: FieldsSchema,
  flags: z.array(FlagSchema).optional(),
  /** Columns kept verbatim in `raw` when present and non-empty (default: every non-empty cell). */
  raw: z.array(Column).optional(),
});

/** A mapping file (see the module comment for an example). */
export const MappingSchema = MappingObject.superRefine(checkMapping);
export type Mapping = z.infer<typeof MappingSchema>;
export type Fields = Mapping['fields'];
export type RuleField = Exclude<keyof Fields, 'date' | 'date_end' | 'tactics'>;

/** What each rule field accepts: a vocabulary, or a value kind. */
export const KINDS: Readonly<
  Record<RuleField, 'text' | 'count' | 'coord' | 'bool' | readonly Scalar[]>
> = {
  date_precision: [1, 2, 3],
  geo_precision: [1, 2, 3],
  attack_type: ATTACK_TYPES,
  target_type: TARGET_TYPES,
  country: 'text',
  admin1: 'text',
  admin1_code: 'text',
  admin2: 'text',
  admin2_code: 'text',
  admin3: 'text',
  admin3_code: 'text',
  location: 'text',
  actor1: 'text',
  actor2: 'text',
  notes: 'text',
  lat: 'coord',
  lon: 'coord',
  fatalities: 'count',
  fatalities_low: 'count',
  fatalities_high: 'count',
  wounded: 'count',
  claimed: 'bool',
};
export const RULE_FIELDS = Object.keys(KINDS) as RuleField[];

/** Cross-field checks zod's shapes cannot express; issues carry the JSON path. */
function checkMapping(m: z.infer<typeof MappingObject>, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (!m.id.column === !m.id.hash) issue(['id'], 'expected exactly one of "column" or "hash"');
  const f = m.fields;
  for (const [k, d] of [
    ['date', f.date],
    ['date_end', f.date_end],
  ] as const) {
    if (!d) continue;
    if (!d.column === !d.year) issue(['fields', k], 'expected exactly one of "column" or "year"');
    if (d.format && !d.column) issue(['fields', k, 'format'], '"format" applies to "column" only');
    if (d.day && !d.month) issue(['fields', k, 'day'], '"day" needs "month"');
    if (d.column && (d.month || d.day))
      issue(['fields', k], '"month"/"day" go with "year", not "column"');
  }
  if (!f.lat !== !f.lon) issue(['fields', f.lat ? 'lon' : 'lat'], 'lat and lon go together');
  for (const k of RULE_FIELDS) {
    const x = f[k];
    if (x) checkRule(x, k, (path, msg) => issue(['fields', k, ...path], msg));
  }
  if (f.fatalities?.min || f.fatalities?.max) {
    for (const k of ['fatalities_low', 'fatalities_high'] as const) {
      if (f[k]) issue(['fields', k], 'already set by the fatalities range');
    }
  }
  (f.tactics ?? []).forEach((t, i) => {
    const sources = [t.column, t.columns, t.const].filter((s) => s !== undefined).length;
    if (sources !== 1)
      issue(['fields', 'tactics', i], 'expected exactly one of "column", "columns" or "const"');
    if (!t.const && !t.patterns)
      issue(['fields', 'tactics', i], 'expected "patterns" with a column');
  });
}

function checkRule(
  x: Rule,
  field: RuleField,
  issue: (path: PropertyKey[], msg: string) => void,
): void {
  const isRange = x.min !== undefined || x.max !== undefined;
  const sources = [x.column, x.columns, x.const, isRange || undefined].filter(
    (s) => s !== undefined,
  );
  if (sources.length !== 1)
    issue([], 'expected exactly one of "column", "columns", "const" or "min"/"max"');
  if (isRange) {
    if (field !== 'fatalities' && field !== 'wounded')
      issue(['min'], 'a range applies to fatalities and wounded only');
    if (!x.best) issue(['best'], 'a range needs "best": "min", "max" or "mean"');
    if (x.best === 'min' && !x.min) issue(['min'], '"best": "min" needs a "min" column');
    if (x.best === 'max' && !x.max) issue(['max'], '"best": "max" needs a "max" column');
    if (x.best === 'mean' && !(x.min && x.max))
      issue(['best'], '"best": "mean" needs "min" and "max"');
  } else if (x.best) issue(['best'], '"best" goes with "min"/"max"');
  const check = (path: PropertyKey[], v: Scalar) => {
    const why = badValue(KINDS[field], v);
    if (why) issue(path, why);
  };
  if (x.const !== undefined) check(['const'], x.const);
  if (x.default !== undefined) check(['default'], x.default);
  for (const [k, v] of Object.entries(x.map ?? {})) check(['map', k], v);
  (x.patterns ?? []).forEach((p, i) => check(['patterns', i, 'value'], p.value));
}

function badValue(kind: (typeof KINDS)[RuleField], v: Scalar): string | null {
  if (v === null) return null;
  if (kind === 'text')
    return typeof v === 'string' ? null : `expected text, got ${JSON.stringify(v)}`;
  if (kind === 'count') {
    return typeof v === 'number' && Number.isInteger(v) && v >= 0
      ? null
      : `expected a whole number >= 0, got ${JSON.stringify(v)}`;
  }
  if (kind === 'coord')
    return typeof v === 'number' ? null : `expected a number, got ${JSON.stringify(v)}`;
  if (kind === 'bool')
    return typeof v === 'boolean' ? null : `expected true, false or null, got ${JSON.stringify(v)}`;
  return kind.includes(v)
    ? null
    : `expected one of ${kind.join(', ')} or null, got ${JSON.stringify(v)}`;
}

export const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  yes: true,
  y: true,
  '1': true,
  false: false,
  no: false,
  n: false,
  '0': false,
};

export function fold(s: string): string {
  return s.trim().toLowerCase();
}

function isRegex(s: string): boolean {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}

function isDayFormat(s: string): boolean {
  try {
    dayFormat(s);
    return true;
  } catch {
    return false;
  }
}
