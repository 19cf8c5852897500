/**
 * Building blocks for compiling an event format into SQL over a CSV read by DuckDB's
 * `read_csv` with every column as VARCHAR. Each builder mirrors one field parser of
 * `src/ingest/values.ts` but is deliberately narrower: a value it is unsure about makes the row
 * "not ok", and the row is then mapped by the JS parser, which gives the exact quarantine
 * message. So the SQL only has to be right about the values it accepts.
 */

/**
 * What JavaScript's `String.prototype.trim` strips besides the space, as an RE2 class body:
 * DuckDB's `trim(x)` strips spaces only, so a cell with any of these at an edge goes to JS.
 */
export const JS_WHITESPACE_RE =
  '\\t\\n\\x{0B}\\f\\r\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

/** A SQL string literal (for constants from code tables, never for user input). */
export function lit(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

/**
 * The staged CSV's columns by header name: column i of the file is `"c<i>"`. Trimmed values are
 * computed once per row in a first layer (`firstLayer`) as `"t<i>"`, for the columns a mapping
 * asked for; later layers refer to them by name.
 */
export class CsvColumns {
  private readonly index = new Map<string, number>();
  private readonly used = new Set<number>();

  constructor(readonly header: readonly string[]) {
    // A repeated name resolves to its last column, as building a record in JS does.
    header.forEach((h, i) => this.index.set(h, i));
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** `text()` without the null: the trimmed cell, '' when empty or absent. */
  trimmed(name: string): string {
    const i = this.index.get(name);
    if (i === undefined) return "''";
    this.used.add(i);
    return `"t${i}"`;
  }

  /** `text()`: the trimmed cell or NULL. */
  text(name: string): string {
    return `nullif(${this.trimmed(name)}, '')`;
  }

  /**
   * The first layer: the trimmed cells asked for so far, and `cells_ok`, true when every cell
   * is within `maxChars`, free of U+FFFD, and has no edge whitespace that JS's trim would
   * remove but DuckDB's (spaces only) would keep. Call it after building the other layers.
   */
  firstLayer(maxChars: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of [...this.used].sort((a, b) => a - b)) {
      out[`t${i}`] = `trim(coalesce("c${i}", ''))`;
    }
    const row = `concat_ws(chr(31), ${this.header.map((_, i) => `"c${i}"`).join(', ')})`;
    const ws = `[${JS_WHITESPACE_RE}]`;
    out.cells_ok =
      `strlen(${row}) <= ${maxChars} AND ` +
      `NOT regexp_matches(${row}, '\\x{FFFD}|(^|\\x1f) *${ws}|${ws} *($|\\x1f)')`;
    return out;
  }

  /**
   * The source row as a JSON object of its non-empty cells in header order, minus `skip` and
   * the cells whose `shadow` column is filled (what each format keeps in `raw`), as
   * JSON.stringify writes it (see stage.ts rawJson). DuckDB's json_object writes every pair;
   * the merge patch drops the null ones, keeping the order, in one native pass (a string built
   * cell by cell costs about twice as much).
   */
  rawJson(skip: ReadonlySet<string>, shadow?: (name: string) => string): string {
    const pairs = this.header
      .map((h, i) => ({ h, i }))
      .filter(({ h }) => !skip.has(h))
      .map(({ h, i }) => {
        // A cell left out whenever its shadow column (GTD: `attacktype1` → `attacktype1_txt`)
        // has a value in the row.
        const s = shadow ? this.index.get(shadow(h)) : undefined;
        const cell = `nullif("c${i}", '')`;
        return `${lit(h)}, ${s === undefined ? cell : `CASE WHEN coalesce("c${s}", '') = '' THEN ${cell} END`}`;
      });
    return pairs.length ? `json_merge_patch('{}', json_object(${pairs.join(', ')}))` : `'{}'::JSON`;
  }
}

/** A decimal the JS `Number()` parses to the same double; other spellings go to JS. */
export const DECIMAL_RE = `'-?[0-9]{1,15}(\\.[0-9]{1,15})?'`;

/**
 * `count()`: a non-negative whole number; commas are thousands separators. NULL for an empty
 * cell; `ok` false for anything else unless it is plain digits.
 */
export function countSql(trimmed: string): { value: string; ok: string } {
  const v = `replace(${trimmed}, ',', '')`;
  return {
    value: `CASE WHEN regexp_full_match(${v}, '[0-9]{1,9}') THEN CAST(${v} AS INTEGER) END`,
    ok: `(${trimmed} = '' OR regexp_full_match(${v}, '[0-9]{1,9}'))`,
  };
}

/**
 * `coordinates()`: both or neither, in range, 0,0 meaning unknown. Returns lat, lon and ok.
 */
export function coordinatesSql(lat: string, lon: string): { lat: string; lon: string; ok: string } {
  const la = `TRY_CAST(${lat} AS DOUBLE)`;
  const lo = `TRY_CAST(${lon} AS DOUBLE)`;
  const both = `(${lat} <> '' AND ${lon} <> '')`;
  const known = `${both} AND NOT (${la} = 0 AND ${lo} = 0)`;
  return {
    lat: `CASE WHEN ${known} THEN ${la} END`,
    lon: `CASE WHEN ${known} THEN ${lo} END`,
    ok:
      `((${lat} = '' AND ${lon} = '') OR (regexp_full_match(${lat}, ${DECIMAL_RE}) AND ` +
      `regexp_full_match(${lon}, ${DECIMAL_RE}) AND ${la} BETWEEN -90 AND 90 AND ${lo} BETWEEN -180 AND 180))`,
  };
}

/**
 * `parseDay()` for its three spellings (`2021-09-05[ time]`, `05 September 2021`,
 * `September 5, 2021`), as a DATE or NULL. `months` maps lower-case names to numbers.
 */
export function daySql(trimmed: string, months: Readonly<Record<string, number>>): string {
  const month = (name: string) =>
    `CASE lower(${name}) ${Object.entries(months)
      .map(([k, n]) => `WHEN ${lit(k)} THEN ${n}`)
      .join(' ')} END`;
  const make = (y: string, m: string, d: string) =>
    `CASE WHEN CAST(${y} AS INTEGER) >= 1000 THEN TRY_CAST(printf('%04d-%02d-%02d', CAST(${y} AS INTEGER), ${m}, CAST(${d} AS INTEGER)) AS DATE) END`;
  const iso = `regexp_extract(${trimmed}, '^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:[T ][0-9:.]+Z?)?$', ['y', 'm', 'd'])`;
  const dmy = `regexp_extract(${trimmed}, '^([0-9]{1,2})[ \\t-]+([A-Za-z]+)\\.?,?[ \\t-]+([0-9]{4})$', ['d', 'mon', 'y'])`;
  const mdy = `regexp_extract(${trimmed}, '^([A-Za-z]+)\\.?[ \\t]+([0-9]{1,2}),?[ \\t]+([0-9]{4})$', ['mon', 'd', 'y'])`;
  return `CASE
    WHEN regexp_full_match(${trimmed}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND ${trimmed} >= '1000'
      THEN TRY_CAST(${trimmed} AS DATE)
    WHEN ${iso}.y <> '' THEN ${make(`${iso}.y`, `CAST(${iso}.m AS INTEGER)`, `${iso}.d`)}
    WHEN ${dmy}.y <> '' THEN ${make(`${dmy}.y`, month(`${dmy}.mon`), `${dmy}.d`)}
    WHEN ${mdy}.y <> '' THEN ${make(`${mdy}.y`, month(`${mdy}.mon`), `${mdy}.d`)}
  END`;
}
