/**
 * Field parsers shared by every format. Each returns a typed value or null for an empty cell,
 * and throws FieldError naming the column when a value is present but unusable.
 */
import { FieldError } from './errors.js';

export type CsvRecord = Readonly<Record<string, string | undefined>>;

/** Cells longer than this are refused: no real dataset field is this long, and it bloats the store. */
export const MAX_FIELD_CHARS = 100_000;

/** Trimmed cell, or null when empty or absent. */
export function text(r: CsvRecord, col: string): string | null {
  const v = r[col]?.trim();
  return v ? v : null;
}

/** Trimmed cell that must be present. */
export function required(r: CsvRecord, col: string): string {
  const v = text(r, col);
  if (v === null) throw new FieldError(col, 'missing value, expected a non-empty cell');
  return v;
}

/** Non-negative integer cell ("12", "12.0"); null when empty. */
export function count(r: CsvRecord, col: string): number | null {
  const v = text(r, col);
  if (v === null) return null;
  const n = Number(v.replace(/,/g, ''));
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
    throw new FieldError(col, `"${clip(v)}" is not a non-negative whole number`);
  }
  return n;
}

/** Decimal cell; null when empty. */
export function decimal(r: CsvRecord, col: string): number | null {
  const v = text(r, col);
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new FieldError(col, `"${clip(v)}" is not a number`);
  return n;
}

/** Latitude/longitude pair from two cells; both or neither, and within range. */
export function coordinates(
  r: CsvRecord,
  latCol: string,
  lonCol: string,
): { lat: number; lon: number } | null {
  const lat = decimal(r, latCol);
  const lon = decimal(r, lonCol);
  if (lat === null && lon === null) return null;
  if (lat === null) throw new FieldError(latCol, 'missing while longitude is present');
  if (lon === null) throw new FieldError(lonCol, 'missing while latitude is present');
  if (lat < -90 || lat > 90) throw new FieldError(latCol, `${lat} is outside -90..90`);
  if (lon < -180 || lon > 180) throw new FieldError(lonCol, `${lon} is outside -180..180`);
  // 0,0 is a common "unknown" placeholder in exports, never a real event location here.
  if (lat === 0 && lon === 0) return null;
  return { lat, lon };
}

/** Month names and abbreviations (lower case) → 1..12, as `parseDay` reads them. */
export const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** `YYYY-MM-DD` from year, month, day numbers; throws when the day does not exist. */
export function ymd(y: number, m: number, d: number, field: string): string {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (
    !Number.isInteger(y) ||
    dt.getUTCFullYear() !== y ||
    dt.getUTCMonth() !== m - 1 ||
    dt.getUTCDate() !== d
  ) {
    throw new FieldError(field, `${y}-${m}-${d} is not a calendar date`);
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A day in any of the spellings event datasets use: `2021-09-05`, `2021-09-05 14:00:00`,
 * `05 September 2021`, `5 Sep 2021`, `05-Sep-2021`, `September 5, 2021`, `2021/09/05`.
 * Ambiguous numeric forms (05/09/2021) are refused rather than guessed; use `dayFormat` (a
 * mapping's date `format`) for those.
 */
export function parseDay(value: string, field: string): string {
  const v = value.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(v);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), field);
  m = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})$/.exec(v);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month) return ymd(Number(m[3]), month, Number(m[1]), field);
  }
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(v);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month) return ymd(Number(m[3]), month, Number(m[2]), field);
  }
  throw new FieldError(
    field,
    `"${clip(v)}" is not a date; expected YYYY-MM-DD or "05 September 2021"`,
  );
}

/** Month name or number → 1..12, or null. */
export function monthNumber(name: string): number | null {
  const n = Number(name);
  if (Number.isInteger(n) && n >= 1 && n <= 12) return n;
  return MONTHS[name.trim().toLowerCase()] ?? null;
}

/** Shortens a value for an error message so a 10 MB cell never floods the terminal. */
export function clip(v: string, max = 60): string {
  return v.length > max ? `${v.slice(0, max)}…` : v;
}

/**
 * A day parser for one explicit layout, for sources whose numeric dates are ambiguous
 * (`05/09/2021`). Tokens: `YYYY` year, `MM`/`M` month number, `MMM`/`MMMM` month name, `DD`/`D`
 * day; any other character must appear as written, and a space matches any run of spaces.
 * Throws a plain Error for a layout without exactly one year, month and day (a spec mistake,
 * caught when a mapping loads); the returned parser throws FieldError for a value that does not fit.
 * @example dayFormat('DD/MM/YYYY')('05/09/2021', 'date') // '2021-09-05'
 */
export function dayFormat(format: string): (value: string, field: string) => string {
  const parts: ('y' | 'm' | 'mon' | 'd')[] = [];
  let source = '';
  for (const [t] of format.matchAll(/YYYY|MMMM|MMM|MM|M|DD|D|\s+|[\s\S]/g)) {
    if (t === 'YYYY') parts.push('y');
    else if (t === 'MMMM' || t === 'MMM') parts.push('mon');
    else if (t === 'MM' || t === 'M') parts.push('m');
    else if (t === 'DD' || t === 'D') parts.push('d');
    source +=
      DAY_TOKENS[t] ?? (/^\s+$/.test(t) ? '\\s+' : t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  const n = (p: string) => parts.filter((x) => x === p || (p === 'm' && x === 'mon')).length;
  if (n('y') !== 1 || n('m') !== 1 || n('d') !== 1) {
    throw new Error(`invalid date format: "${format}" needs one each of YYYY, MM (or MMM) and DD`);
  }
  const re = new RegExp(`^${source}$`);
  return (value, field) => {
    const m = re.exec(value.trim());
    if (!m)
      throw new FieldError(
        field,
        `"${clip(value.trim())}" does not match the date format ${format}`,
      );
    let y = 0;
    let mo: number | null = null;
    let d = 0;
    for (const [i, p] of parts.entries()) {
      const s = m[i + 1]!;
      if (p === 'y') y = Number(s);
      else if (p === 'd') d = Number(s);
      else if (p === 'm') mo = Number(s);
      else mo = MONTHS[s.toLowerCase()] ?? null;
    }
    if (mo === null)
      throw new FieldError(field, `"${clip(value.trim())}" has no month name we know`);
    return ymd(y, mo, d, field);
  };
}

const DAY_TOKENS: Readonly<Record<string, string>> = {
  YYYY: '(\\d{4})',
  MMMM: '([A-Za-z]+)\\.?',
  MMM: '([A-Za-z]+)\\.?',
  MM: '(\\d{1,2})',
  M: '(\\d{1,2})',
  DD: '(\\d{1,2})',
  D: '(\\d{1,2})',
};
