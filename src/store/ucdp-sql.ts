/**
 * The UCDP GED format (src/ingest/ucdp.ts) compiled into SQL over a CSV staged as VARCHAR, so
 * that a whole GED release (hundreds of thousands of rows) imports set-based as ACLED does.
 * The code tables come from the ingest module as data; rows the SQL is unsure about go to the
 * JS mapper (see csv-sql.ts), which gives the exact quarantine message.
 */
import { coordinatesSql, countSql, CsvColumns, daySql, JS_WHITESPACE_RE, lit } from './csv-sql.js';
import type { SetMapping } from './csv-stage.js';

export interface UcdpTables {
  /** GED `date_prec` code → date precision. */
  datePrecision: Readonly<Record<string, number>>;
  /** GED `where_prec` code → geo precision. */
  geoPrecision: Readonly<Record<string, number>>;
  /** Lower-case month names → 1..12. */
  months: Readonly<Record<string, number>>;
  /** Columns left out of `raw`. */
  skipRaw: ReadonlySet<string>;
  /** The format's country rule on (country, country_id); null when it would reject the row. */
  country(name: string | null, gwno: string | null): { value: string | null } | null;
  /** Whole-row cell limit (importer's MAX_FIELD_CHARS). */
  maxChars: number;
}

/** A code table as a SQL CASE over `code`, NULL for codes it does not hold. */
function codes(code: string, table: Readonly<Record<string, number>>): string {
  return `CASE ${code} ${Object.entries(table)
    .map(([k, v]) => `WHEN ${lit(k)} THEN ${v}`)
    .join(' ')} END`;
}

export function ucdpSetMapping(header: readonly string[], t: UcdpTables): SetMapping {
  const c = new CsvColumns(header);
  const coords = coordinatesSql('la', 'lo');
  const counts = {
    best: countSql(c.trimmed('best')),
    low: countSql(c.trimmed('low')),
    high: countSql(c.trimmed('high')),
  };
  const parsed: Record<string, string> = {
    dp: c.trimmed('date_prec'),
    wp: c.trimmed('where_prec'),
    de: c.trimmed('date_end'),
    day: daySql(c.trimmed('date_start'), t.months),
    dend: daySql(c.trimmed('date_end'), t.months),
    la: c.trimmed('latitude'),
    lo: c.trimmed('longitude'),
    hl: c.trimmed('source_headline'),
    a1: c.trimmed('adm_1'),
    a2: c.trimmed('adm_2'),
  };
  const derived: Record<string, string> = {
    lat: coords.lat,
    lon: coords.lon,
    coords_ok: coords.ok,
  };
  // JS's \s also matches Unicode spaces, RE2's only ASCII ones: a name holding any other
  // whitespace goes to JS rather than risk stripping its suffix differently.
  const plainSpaces = (v: string) => `NOT regexp_matches(${v}, '[${JS_WHITESPACE_RE}]')`;
  const stripped = (v: string, suffix: string) =>
    `regexp_replace(${v}, '\\s+(${suffix})$', '', 'i')`;
  const ok = [
    `${c.trimmed('id')} <> ''`,
    'day IS NOT NULL',
    `(de = '' OR (dend IS NOT NULL AND dend >= day))`,
    `(dp = '' OR ${codes('dp', t.datePrecision)} IS NOT NULL)`,
    `(wp = '' OR ${codes('wp', t.geoPrecision)} IS NOT NULL)`,
    'coords_ok',
    counts.best.ok,
    counts.low.ok,
    counts.high.ok,
    // Headlines are stored with their character references decoded, which the JS mapper does.
    `NOT contains(hl, '&')`,
    plainSpaces('a1'),
    plainSpaces('a2'),
    'cells_ok',
  ].join(' AND ');
  const columns: Record<string, string> = {
    id: `'ucdp:' || ${c.trimmed('id')}`,
    origin: `'dataset'`,
    source_id: `'ucdp_ged'`,
    external_id: c.trimmed('id'),
    date: 'day',
    date_end: `CASE WHEN de <> '' THEN dend END`,
    date_precision: `CAST(coalesce(${codes('dp', t.datePrecision)}, 1) AS TINYINT)`,
    admin1: stripped(`nullif(a1, '')`, 'governorate|province'),
    admin2: stripped(`nullif(a2, '')`, 'district|nahiya|subdistrict'),
    location: `coalesce(${c.text('where_coordinates')}, ${c.text('where_description')})`,
    lat: 'lat',
    lon: 'lon',
    geo_precision: `CAST(${codes('wp', t.geoPrecision)} AS TINYINT)`,
    actor1: c.text('side_a'),
    actor2: c.text('side_b'),
    tactics: '[]::VARCHAR[]',
    fatalities: counts.best.value,
    fatalities_low: counts.low.value,
    fatalities_high: counts.high.value,
    notes: `nullif(hl, '')`,
    raw: c.rawJson(t.skipRaw),
  };
  const lookups = [
    {
      target: 'country',
      keys: [c.text('country'), c.text('country_id')],
      resolve: ([name, gwno]: readonly (string | null)[]) => t.country(name ?? null, gwno ?? null),
    },
  ];
  return {
    // Built last: it holds the trimmed cells the other expressions asked for.
    layers: [c.firstLayer(t.maxChars), parsed, derived],
    columns,
    ok,
    warnings: {},
    lookups,
  };
}
