/**
 * CSV mappings: a JSON file that turns any CSV into events without code. A mapping names the
 * source, how to build a stable id, and one rule per Event field; `mappingFormat` compiles it
 * into an EventFormat like the hand-written ones. The bundled `data/mappings/*.json` (IBC,
 * CPOST) are mappings too, so every rule kind here is exercised by real files.
 *
 * @example
 * {
 *   "name": "acme",
 *   "description": "ACME incident log CSV",
 *   "source_id": "acme",
 *   "detect": ["incident_no", "killed_min"],
 *   "id": { "column": "incident_no" },
 *   "missing": ["-", "n/a"],
 *   "fields": {
 *     "date": { "column": "day", "format": "DD/MM/YYYY" },
 *     "country": { "const": "IRQ" },
 *     "admin1": { "column": "province", "map": { "ninewa": "Ninawa" } },
 *     "location": { "columns": ["town", "place"], "join": ", " },
 *     "attack_type": {
 *       "column": "method",
 *       "patterns": [{ "match": "ied|bomb", "value": "bombing" }, { "match": "shot|gun", "value": "armed_assault" }],
 *       "default": null
 *     },
 *     "tactics": [{ "column": "method", "patterns": [{ "match": "suicide", "value": "suicide" }] }],
 *     "fatalities": { "min": "killed_min", "max": "killed_max", "best": "min" },
 *     "claimed": { "column": "claim", "map": { "yes": true, "no": false }, "default": null }
 *   },
 *   "flags": [{ "name": "aggregate", "columns": ["place"], "match": "morgue", "date_precision": 3 }]
 * }
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  TACTICS,
  type Tactic,
  bundledDataPath,
  toIso3,
  type DatePrecision,
  type EventInput,
} from '../model/index.js';
import { FieldError, ImportError } from './errors.js';
import {
  BOOLEANS,
  KINDS,
  MappingSchema,
  RULE_FIELDS,
  fold,
  type DateRule,
  type Fields,
  type Mapping,
  type Rule,
  type RuleField,
  type Scalar,
  type TacticRuleSchema,
} from './mapping-schema.js';
import type { EventFormat, RowContext } from './format.js';
import {
  coordinates,
  count,
  dayFormat,
  monthNumber,
  parseDay,
  ymd,
  type CsvRecord,
} from './values.js';

/** Reads and validates a mapping file; throws ImportError `<path>: <json path>: <message>`. */
export async function loadMapping(path: string): Promise<EventFormat> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportError(
      `${path}: ${code ? `cannot read: ${code}` : `not JSON: ${(err as Error).message}`}`,
    );
  }
  return mappingFormat(validate(json, path));
}

/** Every `data/mappings/*.json` of this installation, by file name. */
export async function bundledMappings(): Promise<EventFormat[]> {
  const dir = bundledDataPath('mappings');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map((f) => loadMapping(join(dir, f))));
}

/** Compiles a mapping into an EventFormat (validating it first); `name` overrides `spec.name`. */
export function mappingFormat(spec: Mapping, name = spec.name): EventFormat {
  const m = validate(spec, `mapping ${name}`);
  const missing = new Set(m.missing ?? []);
  const cell = (r: CsvRecord, col: string): string | null => {
    const v = r[col]?.trim();
    return v && !missing.has(v) ? v : null;
  };
  const f = m.fields;
  const values = RULE_FIELDS.filter((k) => f[k] && !(f[k]!.min || f[k]!.max)).map(
    (k) => [k, compileRule(f[k]!, k, cell)] as const,
  );
  const readValue = new Map(values);
  const date = compileDate(f.date, cell, true);
  const dateEnd = f.date_end ? compileDate(f.date_end, cell, false) : null;
  const tactics = (f.tactics ?? []).map((t) => compileTactics(t, cell));
  const flags = (m.flags ?? []).map((fl) => ({ ...fl, re: new RegExp(fl.match, 'i') }));
  const id = compileId(m, cell);

  return {
    name,
    description: m.description,
    requiredColumns: requiredColumns(m),
    detect: (h) => !!m.detect && m.detect.every((c) => h.includes(c)),
    duplicates: m.duplicates ?? 'quarantine',
    toEvent(r: CsvRecord, ctx: RowContext): EventInput {
      const ids = id(r);
      const start = date(r)!;
      const end = dateEnd?.(r) ?? null;
      const endDay = end?.date ?? start.end;
      if (endDay !== null && endDay < start.date) {
        throw new FieldError(
          f.date_end?.column ?? 'date_end',
          `${endDay} is before the start ${start.date}`,
        );
      }
      const raw = rawValues(r, m.raw);
      let precision = Math.max(
        (readValue.get('date_precision')?.(r) as number | null) ??
          spanPrecision(start.date, endDay),
        start.precision,
        end?.precision ?? 1,
      );
      for (const fl of flags) {
        if (fl.columns.some((c) => fl.re.test(cell(r, c) ?? ''))) {
          raw[fl.name] = fl.value ?? 'true';
          precision = Math.max(precision, fl.date_precision ?? 1);
        }
      }
      const e: EventInput = {
        ...ids,
        origin: 'dataset',
        source_id: m.source_id,
        date: start.date,
        date_end: endDay,
        date_precision: precision as DatePrecision,
        country: null,
        tactics: tagsOf(tactics, r),
        raw,
      };
      const out = e as Record<string, unknown>;
      for (const [k, read] of readValue) if (k !== 'date_precision') out[k] = read(r);
      if (typeof e.country === 'string') e.country = toIso3(e.country) ?? e.country;
      Object.assign(e, point(f, r, e), ranges(f, r, cell, ctx));
      return e;
    },
  };
}

/** Validates a spec, or throws ImportError naming the JSON path of the first problem. */
function validate(json: unknown, where: string): Mapping {
  const parsed = MappingSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw new ImportError(`${where}: ${jsonPath(first!.path)}: ${first!.message}${more}`);
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => {
    if (typeof k === 'number') return `${s}[${k}]`;
    const key = String(k);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${s}.${key}` : `${s}[${JSON.stringify(key)}]`;
  }, '$');
}

type Cell = (r: CsvRecord, col: string) => string | null;

/** One rule → a reader returning the field's typed value (or throwing FieldError). */
function compileRule(rule: Rule, field: RuleField, cell: Cell): (r: CsvRecord) => Scalar {
  const column = rule.column ?? rule.columns?.join('+') ?? field;
  const text = sourceText(rule, cell);
  const map = new Map(Object.entries(rule.map ?? {}).map(([k, v]) => [fold(k), v]));
  const patterns = (rule.patterns ?? []).map((p) => ({
    re: new RegExp(p.match, 'i'),
    value: p.value,
  }));
  const kind = KINDS[field];
  const typed = (v: Scalar): Scalar => {
    if (v === null || typeof v !== 'string') return v;
    if (kind === 'text') return v;
    if (kind === 'count') return count({ [column]: v }, column);
    if (kind === 'coord') return v; // parsed with its pair in point()
    if (kind === 'bool') {
      const b = BOOLEANS[fold(v)];
      if (b === undefined)
        throw new FieldError(column, `"${v}" is not true/false; add it to the map`);
      return b;
    }
    const hit = kind.find((k) => String(k) === v);
    if (hit === undefined) {
      throw new FieldError(
        column,
        `"${v}" is not a ${field} (${kind.join(', ')}); add it to the map or patterns`,
      );
    }
    return hit;
  };
  return (r) => {
    if (rule.const !== undefined) return rule.const;
    const s = text(r);
    if (s === null) return rule.default ?? null;
    const key = fold(s);
    if (map.has(key)) return map.get(key)!;
    const p = patterns.find((x) => x.re.test(s));
    if (p) return p.value;
    if ((map.size || patterns.length) && rule.default !== undefined) return rule.default;
    return typed(s);
  };
}

function sourceText(
  rule: { column?: string | undefined; columns?: string[] | undefined; join?: string | undefined },
  cell: Cell,
) {
  return (r: CsvRecord): string | null => {
    if (rule.column) return cell(r, rule.column);
    const parts = (rule.columns ?? []).map((c) => cell(r, c)).filter((v) => v !== null);
    return parts.length ? parts.join(rule.join ?? ', ') : null;
  };
}

interface Day {
  date: string;
  /** The last day when only the month or year is known. */
  end: string | null;
  precision: DatePrecision;
}

function compileDate(rule: DateRule, cell: Cell, isStart: boolean): (r: CsvRecord) => Day | null {
  if (rule.column) {
    const col = rule.column;
    const parse = rule.format ? dayFormat(rule.format) : parseDay;
    return (r) => {
      const v = cell(r, col);
      if (v === null) {
        if (isStart) throw new FieldError(col, 'missing value, expected a date');
        return null;
      }
      return { date: parse(v, col), end: null, precision: 1 };
    };
  }
  const [yc, mc, dc] = [rule.year!, rule.month, rule.day];
  return (r) => {
    const y = part(cell(r, yc));
    if (y === null) {
      if (isStart) throw new FieldError(yc, 'missing year, expected a date');
      return null;
    }
    if (!/^\d{4}$/.test(y)) throw new FieldError(yc, `"${y}" is not a year`);
    const year = Number(y);
    const mv = mc ? part(cell(r, mc)) : null;
    if (mv === null) return { date: ymd(year, 1, 1, yc), end: ymd(year, 12, 31, yc), precision: 3 };
    const month = monthNumber(mv);
    if (month === null) throw new FieldError(mc!, `"${mv}" is not a month`);
    const dv = dc ? part(cell(r, dc)) : null;
    if (dv === null) {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return { date: ymd(year, month, 1, mc!), end: ymd(year, month, last, mc!), precision: 3 };
    }
    if (!/^\d{1,2}$/.test(dv)) throw new FieldError(dc!, `"${dv}" is not a day of the month`);
    return { date: ymd(year, month, Number(dv), dc!), end: null, precision: 1 };
  };
}

/** A date part, or null when the source says it is unknown (empty, 0, -99). */
function part(v: string | null): string | null {
  return v === null || /^(0+|-99)$/.test(v) ? null : v;
}

/** 1 for one day, 2 within a week, 3 beyond. */
function spanPrecision(date: string, end: string | null): DatePrecision {
  if (end === null || end === date) return 1;
  const days = (Date.parse(end) - Date.parse(date)) / 86_400_000;
  return days <= 7 ? 2 : 3;
}

type TacticRule = z.infer<typeof TacticRuleSchema>;

function compileTactics(rule: TacticRule, cell: Cell): (r: CsvRecord) => readonly Tactic[] {
  if (rule.const) {
    const tags = rule.const;
    return () => tags;
  }
  const text = sourceText(rule, cell);
  const patterns = (rule.patterns ?? []).map((p) => ({
    re: new RegExp(p.match, 'i'),
    tags: [p.value].flat(),
  }));
  return (r) => {
    const s = text(r);
    return s === null ? [] : patterns.filter((p) => p.re.test(s)).flatMap((p) => p.tags);
  };
}

/** Tags from every rule, each once, in vocabulary order (so the row hash is stable). */
function tagsOf(rules: readonly ((r: CsvRecord) => readonly Tactic[])[], r: CsvRecord): Tactic[] {
  const seen = new Set(rules.flatMap((read) => read(r)));
  return TACTICS.filter((t) => seen.has(t));
}

function compileId(
  m: Mapping,
  cell: Cell,
): (r: CsvRecord) => { id: string; external_id: string | null } {
  const { column, hash } = m.id;
  if (column) {
    return (r) => {
      const v = cell(r, column);
      if (v === null) throw new FieldError(column, 'missing value, expected an id');
      return { id: `${m.source_id}:${v}`, external_id: v };
    };
  }
  const cols = hash!;
  return (r) => {
    if (cols.every((c) => cell(r, c) === null)) {
      throw new FieldError('id', `no value in any id column (${cols.join(', ')}), so no stable id`);
    }
    const key = cols.map((c) => r[c]?.trim() ?? '').join('\u001f');
    return {
      id: `${m.source_id}:${createHash('sha1').update(key).digest('hex').slice(0, 16)}`,
      external_id: null,
    };
  };
}

/** lat/lon through the shared pair check (both or neither, in range, 0,0 unknown). */
function point(f: Fields, r: CsvRecord, e: EventInput): { lat: number | null; lon: number | null } {
  if (!f.lat || !f.lon) return { lat: null, lon: null };
  const latCol = f.lat.column ?? 'lat';
  const lonCol = f.lon.column ?? 'lon';
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const p = coordinates({ [latCol]: str(e.lat), [lonCol]: str(e.lon) }, latCol, lonCol);
  return p ?? { lat: null, lon: null };
}

/** Fatalities and wounded from `{ min, max, best }` rules. */
function ranges(f: Fields, r: CsvRecord, cell: Cell, ctx: RowContext): Partial<EventInput> {
  const out: Partial<EventInput> = {};
  for (const field of ['fatalities', 'wounded'] as const) {
    const rule = f[field];
    if (!rule || !(rule.min || rule.max)) continue;
    const read = (c: string | undefined) => (c ? count({ [c]: cell(r, c) ?? '' }, c) : null);
    let low = read(rule.min);
    let high = read(rule.max);
    if (low !== null && high !== null && high < low) {
      ctx.warn(`${field}: ${rule.max} below ${rule.min}, kept only the ${rule.best} figure`);
      if (rule.best !== 'min') low = null;
      if (rule.best !== 'max') high = null;
    }
    const best =
      rule.best === 'min'
        ? low
        : rule.best === 'max'
          ? high
          : low !== null && high !== null
            ? Math.round((low + high) / 2)
            : null;
    out[field] = best;
    if (field === 'fatalities') Object.assign(out, { fatalities_low: low, fatalities_high: high });
  }
  return out;
}

function rawValues(r: CsvRecord, keep: readonly string[] | undefined): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const k of keep ?? Object.keys(r)) {
    const v = r[k];
    if (v !== undefined && v.trim()) raw[k] = v;
  }
  return raw;
}

/** Every column the mapping reads, except those in rules marked optional and `raw`. */
function requiredColumns(m: Mapping): string[] {
  const cols = new Set<string>([...(m.id.column ? [m.id.column] : []), ...(m.id.hash ?? [])]);
  const add = (x: { optional?: boolean | undefined }, ...cs: (string | undefined)[]) => {
    if (!x.optional) for (const c of cs) if (c) cols.add(c);
  };
  const f = m.fields;
  for (const d of [f.date, f.date_end]) if (d) add(d, d.column, d.year, d.month, d.day);
  for (const k of RULE_FIELDS) {
    const x = f[k];
    if (x) add(x, x.column, ...(x.columns ?? []), x.min, x.max);
  }
  for (const t of f.tactics ?? []) add(t, t.column, ...(t.columns ?? []));
  for (const fl of m.flags ?? []) add(fl, ...fl.columns);
  return [...cols];
}

export { MappingSchema, type Mapping } from './mapping-schema.js';
