/**
 * UCDP Georeferenced Event Dataset (GED) CSV, 19.1 layout and later ones (which add relid,
 * code_status, where_description, *_dset_id). Codebook: Högbladh (2019), UCDP GED 19.1.
 */
import { gwnoToIso3, toIso3, type DatePrecision, type GeoPrecision } from '../model/index.js';
import { decodeEntities } from './entities.js';
import { asLookup, FieldError } from './errors.js';
import type { EventFormat } from './format.js';
import { ucdpSetMapping } from '../store/ucdp-sql.js';
import {
  coordinates,
  count,
  MAX_FIELD_CHARS,
  MONTHS,
  parseDay,
  required,
  text,
  type CsvRecord,
} from './values.js';

/**
 * GED `date_prec` → ACLED-style precision: 1 exact day; 2 a few days / 3 the week → within a
 * week; 4 the month / 5 vaguer → within a month or vaguer.
 */
const DATE_PREC: Readonly<Record<string, DatePrecision>> = {
  '1': 1,
  '2': 2,
  '3': 2,
  '4': 3,
  '5': 3,
};

/**
 * GED `where_prec` → geo precision: 1 exact place; 2 within 25 km, 3 a district, 5 a line or
 * area between places → near a place / district; 4 a province, 6 the country, 7 waters → coarse.
 */
const GEO_PREC: Readonly<Record<string, GeoPrecision>> = {
  '1': 1,
  '2': 2,
  '3': 2,
  '4': 3,
  '5': 2,
  '6': 3,
  '7': 3,
};

/** Columns kept verbatim in `raw` (the geometry text and row ids add nothing). */
const SKIP_RAW = new Set(['geom_wkt', 'source_original', 'priogrid_gid', 'id', 'relid']);

export const ucdp: EventFormat = {
  name: 'ucdp',
  description: 'UCDP Georeferenced Event Dataset (GED) CSV',
  requiredColumns: [
    'id',
    'date_start',
    'date_end',
    'side_a',
    'side_b',
    'best',
    'country',
    'latitude',
    'longitude',
  ],
  detect: (h) => h.includes('type_of_violence') && h.includes('side_a') && h.includes('date_prec'),
  toEvent(r: CsvRecord) {
    const id = required(r, 'id');
    const datePrec = text(r, 'date_prec');
    const wherePrec = text(r, 'where_prec');
    const iso3 = countryOf(text(r, 'country'), text(r, 'country_id'));
    const best = count(r, 'best');
    return {
      id: `ucdp:${id}`,
      origin: 'dataset',
      source_id: 'ucdp_ged',
      external_id: id,
      date: parseDay(required(r, 'date_start'), 'date_start'),
      date_end: text(r, 'date_end') ? parseDay(required(r, 'date_end'), 'date_end') : null,
      date_precision: precision(DATE_PREC, datePrec, 'date_prec', 1),
      country: iso3,
      admin1: stripSuffix(text(r, 'adm_1'), /\s+(governorate|province)$/i),
      admin2: stripSuffix(text(r, 'adm_2'), /\s+(district|nahiya|subdistrict)$/i),
      location: text(r, 'where_coordinates') ?? text(r, 'where_description'),
      ...(coordinates(r, 'latitude', 'longitude') ?? {}),
      geo_precision: wherePrec === null ? null : precision(GEO_PREC, wherePrec, 'where_prec', 1),
      actor1: text(r, 'side_a'),
      actor2: text(r, 'side_b'),
      fatalities: best,
      fatalities_low: count(r, 'low'),
      fatalities_high: count(r, 'high'),
      notes: notes(text(r, 'source_headline')),
      raw: rawValues(r),
    };
  },
  setMapping: (header) =>
    ucdpSetMapping(header, {
      datePrecision: DATE_PREC,
      geoPrecision: GEO_PREC,
      months: MONTHS,
      skipRaw: SKIP_RAW,
      maxChars: MAX_FIELD_CHARS,
      country: asLookup(countryOf),
    }),
};

/** ISO3 from the country name, else from the Gleditsch-Ward number; a name not known throws. */
function countryOf(name: string | null, gwno: string | null): string | null {
  const iso3 = toIso3(name) ?? gwnoToIso3(gwno);
  if (name && !iso3) throw new FieldError('country', `"${name}" is not a known country`);
  return iso3;
}

function precision<T>(
  table: Readonly<Record<string, T>>,
  value: string | null,
  field: string,
  fallback: T,
): T {
  if (value === null) return fallback;
  const p = table[value];
  if (p === undefined)
    throw new FieldError(
      field,
      `"${value}" is not a GED precision code (${Object.keys(table).join(', ')})`,
    );
  return p;
}

/**
 * The headline as text: GED copies headlines from the sources' web pages with their character
 * references (`Al-Fu&#8217;ah`). `raw` keeps the cell as published.
 */
function notes(headline: string | null): string | null {
  return headline === null ? null : decodeEntities(headline);
}

function stripSuffix(value: string | null, suffix: RegExp): string | null {
  return value === null ? null : value.replace(suffix, '');
}

function rawValues(r: CsvRecord): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) if (v && !SKIP_RAW.has(k)) raw[k] = v;
  return raw;
}
