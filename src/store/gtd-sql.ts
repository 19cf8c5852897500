/**
 * The GTD format (src/ingest/gtd.ts) compiled into SQL over a CSV staged as VARCHAR, so that a
 * GTD release (a couple of hundred thousand rows, 135 columns) imports set-based as ACLED and
 * UCDP GED do. The label and code tables come from the ingest module as data; a row the SQL is
 * unsure about (a code written "1.0", an unknown label, a resolution date in another spelling)
 * goes to the JS mapper, which gives the exact quarantine message.
 */
import { coordinatesSql, countSql, CsvColumns, daySql, lit } from './csv-sql.js';
import type { SetMapping } from './csv-stage.js';

export interface GtdTables {
  /** `attacktype*_txt` labels (lower case) → attack type. */
  attack: Readonly<Record<string, string>>;
  /** Attack types that are also tactic tags. */
  attackTactic: Readonly<Record<string, string>>;
  /** `targtype1_txt` labels (lower case) → target type. */
  target: Readonly<Record<string, string>>;
  /** `weapsubtype*_txt` labels (lower case) → tactic tag. */
  weaponSubtype: Readonly<Record<string, string>>;
  /** `specificity` code → geo precision. */
  specificity: Readonly<Record<number, number>>;
  /** The tactic vocabulary, in the order events list their tags. */
  tactics: readonly string[];
  /** Lower-case month names → 1..12 (for `resolution`). */
  months: Readonly<Record<string, number>>;
  /** Columns left out of `raw`. */
  skipRaw: ReadonlySet<string>;
  /** The format's country rule on `country_txt`; null when it would reject the row. */
  country(name: string | null): { value: string | null } | null;
  /** Whole-row cell limit (importer's MAX_FIELD_CHARS). */
  maxChars: number;
  /** The warnings the JS mapper counts, by what causes them. */
  warnings: { monthUnknown: string; dayUnknown: string; resolutionBefore: string };
}

/** A lower-cased label looked up in `table` as a SQL CASE; NULL when it is not there. */
function labelSql(v: string, table: Readonly<Record<string, string>>): string {
  return `CASE lower(${v}) ${Object.entries(table)
    .map(([k, t]) => `WHEN ${lit(k)} THEN ${lit(t)}`)
    .join(' ')} END`;
}

/** `code()` for the plain spelling of a whole number; other spellings go to JS. */
const CODE_RE = `'-?[0-9]{1,9}'`;
const codeOk = (v: string) => `(${v} = '' OR regexp_full_match(${v}, ${CODE_RE}))`;
const codeValue = (v: string) =>
  `CASE WHEN regexp_full_match(${v}, ${CODE_RE}) THEN CAST(${v} AS INTEGER) END`;

export function gtdSetMapping(header: readonly string[], t: GtdTables): SetMapping {
  const c = new CsvColumns(header);
  const coords = coordinatesSql('la', 'lo');
  const nkill = countSql(c.trimmed('nkill'));
  const nwound = countSql(c.trimmed('nwound'));
  const codeCols = ['iyear', 'imonth', 'iday', 'extended', 'specificity', 'vicinity', 'suicide'];
  const codes = Object.fromEntries(codeCols.map((k) => [k, codeValue(c.trimmed(k))]));
  const attacks = ['attacktype1_txt', 'attacktype2_txt', 'attacktype3_txt'];
  const weapons = [1, 2, 3, 4];
  const parsed: Record<string, string> = {
    y: codes.iyear!,
    m: `coalesce(${codes.imonth!}, 0)`,
    d: `coalesce(${codes.iday!}, 0)`,
    ext: codes.extended!,
    spec: codes.specificity!,
    vic: codes.vicinity!,
    sui: codes.suicide!,
    cl: c.trimmed('claimed'),
    res: c.trimmed('resolution'),
    la: c.trimmed('latitude'),
    lo: c.trimmed('longitude'),
    ...Object.fromEntries(attacks.map((col, k) => [`at${k + 1}`, c.trimmed(col)])),
    ...Object.fromEntries(weapons.map((n) => [`ws${n}`, c.trimmed(`weapsubtype${n}_txt`)])),
    ...Object.fromEntries(weapons.map((n) => [`wt${n}`, c.trimmed(`weaptype${n}_txt`)])),
  };
  const day = (m: string, d: string) => `TRY_CAST(printf('%04d-%02d-%02d', y, ${m}, ${d}) AS DATE)`;
  const derived: Record<string, string> = {
    // Day 0 → the 1st of the month, month 0 → January 1st (see gtd.ts `dates`).
    day: `CASE WHEN y BETWEEN 1000 AND 9999 AND m BETWEEN 0 AND 12 AND d BETWEEN 0 AND 31 THEN
            CASE WHEN m = 0 THEN ${day('1', '1')} WHEN d = 0 THEN ${day('m', '1')}
                 ELSE ${day('m', 'd')} END END`,
    rday: `CASE WHEN ext = 1 AND res <> '' THEN ${daySql('res', t.months)} END`,
    attack: labelSql('at1', t.attack),
    attack2: labelSql('at2', t.attack),
    attack3: labelSql('at3', t.attack),
    geo: `CASE spec ${Object.entries(t.specificity)
      .map(([k, g]) => `WHEN ${k} THEN ${g}`)
      .join(' ')} END`,
    lat: coords.lat,
    lon: coords.lon,
    coords_ok: coords.ok,
  };
  // Each tag and what gives it; the event lists its tags in vocabulary order.
  const sources = new Map<string, string[]>();
  const give = (tag: string, cond: string) => sources.set(tag, [...(sources.get(tag) ?? []), cond]);
  give('suicide', 'sui = 1');
  for (const [type, tag] of Object.entries(t.attackTactic)) {
    give(tag, `${lit(type)} IN (attack, attack2, attack3)`);
  }
  for (const n of weapons) {
    for (const [label, tag] of Object.entries(t.weaponSubtype)) {
      give(tag, `lower(ws${n}) = ${lit(label)}`);
    }
    give('arson', `lower(wt${n}) = 'incendiary'`);
  }
  const tags = t.tactics
    .filter((tag) => sources.has(tag))
    .map((tag) => `CASE WHEN ${sources.get(tag)!.join(' OR ')} THEN ${lit(tag)} END`);
  const known = (col: string) =>
    `CASE WHEN lower(${c.trimmed(col)}) <> 'unknown' THEN ${c.text(col)} END`;
  const ok = [
    `${c.trimmed('eventid')} <> ''`,
    'attack IS NOT NULL',
    ...codeCols.map((k) => codeOk(c.trimmed(k))),
    'day IS NOT NULL',
    `(spec IS NULL OR geo IS NOT NULL)`,
    // A resolution in a spelling the SQL does not read goes to JS, which warns about it.
    `(ext IS DISTINCT FROM 1 OR res = '' OR rday IS NOT NULL)`,
    `(at2 = '' OR attack2 IS NOT NULL)`,
    `(at3 = '' OR attack3 IS NOT NULL)`,
    `(${c.trimmed('targtype1_txt')} = '' OR ${labelSql(c.trimmed('targtype1_txt'), t.target)} IS NOT NULL)`,
    `cl IN ('', '-9', '0', '1')`,
    'coords_ok',
    nkill.ok,
    nwound.ok,
    'cells_ok',
  ].join(' AND ');
  const precise = 'm <> 0 AND d <> 0';
  const columns: Record<string, string> = {
    id: `'gtd:' || ${c.trimmed('eventid')}`,
    origin: `'dataset'`,
    source_id: `'gtd'`,
    external_id: c.trimmed('eventid'),
    date: 'day',
    date_end: `CASE WHEN rday >= day THEN rday END`,
    date_precision: `CAST(CASE WHEN NOT (${precise}) THEN 3 WHEN ${c.trimmed('approxdate')} <> '' THEN 2 ELSE 1 END AS TINYINT)`,
    month_unknown: 'm = 0',
    day_unknown: 'm <> 0 AND d = 0',
    resolution_before: 'rday < day',
    admin1: known('provstate'),
    location: known('city'),
    lat: 'lat',
    lon: 'lon',
    // "In the vicinity of" the city: near a place rather than the place.
    geo_precision: `CAST(CASE WHEN geo = 1 AND vic = 1 THEN 2 ELSE geo END AS TINYINT)`,
    actor1: known('gname'),
    actor2: known('gname2'),
    attack_type: 'attack',
    tactics: tags.length
      ? `list_filter([${tags.join(', ')}]::VARCHAR[], x -> x IS NOT NULL)`
      : '[]::VARCHAR[]',
    target_type: labelSql(c.trimmed('targtype1_txt'), t.target),
    fatalities: nkill.value,
    wounded: nwound.value,
    claimed: `CASE cl WHEN '1' THEN true WHEN '0' THEN false END`,
    notes: c.text('summary'),
    raw: c.rawJson(t.skipRaw, (h) => `${h}_txt`),
  };
  const lookups = [
    {
      target: 'country',
      keys: [c.text('country_txt')],
      resolve: ([name]: readonly (string | null)[]) => t.country(name ?? null),
    },
  ];
  return {
    // Built last: it holds the trimmed cells the other expressions asked for.
    layers: [c.firstLayer(t.maxChars), parsed, derived],
    columns,
    ok,
    warnings: {
      [t.warnings.monthUnknown]: 'month_unknown',
      [t.warnings.dayUnknown]: 'day_unknown',
      [t.warnings.resolutionBefore]: 'resolution_before',
    },
    lookups,
  };
}
