/**
 * Global Terrorism Database (GTD) CSV, as distributed by START (University of Maryland) and in
 * its common re-exports. Codebook: START (2021), GTD Codebook: Methodology, Inclusion Criteria,
 * and Variables. Sitrep's attack and target types are GTD's own categories in snake_case.
 */
import {
  TACTICS,
  toIso3,
  type AttackType,
  type DatePrecision,
  type EventInput,
  type GeoPrecision,
  type Tactic,
  type TargetType,
} from '../model/index.js';
import { gtdSetMapping } from '../store/gtd-sql.js';
import { asLookup, FieldError } from './errors.js';
import type { EventFormat, RowContext } from './format.js';
import {
  clip,
  coordinates,
  count,
  decimal,
  MAX_FIELD_CHARS,
  MONTHS,
  parseDay,
  required,
  text,
  ymd,
  type CsvRecord,
} from './values.js';

/** `attacktype1_txt` labels (lower case) → attack type. */
const ATTACK: Readonly<Record<string, AttackType>> = {
  assassination: 'assassination',
  'armed assault': 'armed_assault',
  'bombing/explosion': 'bombing',
  hijacking: 'hijacking',
  'hostage taking (barricade incident)': 'barricade_hostage',
  'hostage taking (kidnapping)': 'kidnapping',
  'facility/infrastructure attack': 'facility_attack',
  'unarmed assault': 'unarmed_assault',
  unknown: 'unknown',
};

/** Attack types that are also tactic tags, so that any of attacktype1..3 can carry them. */
const ATTACK_TACTIC: Partial<Record<AttackType, Tactic>> = {
  assassination: 'assassination',
  kidnapping: 'kidnapping',
};

/** `targtype1_txt` labels (lower case) → target type. */
const TARGET: Readonly<Record<string, TargetType>> = {
  business: 'business',
  'government (general)': 'government',
  police: 'police',
  military: 'military',
  'abortion related': 'abortion_related',
  'airports & aircraft': 'airports_aircraft',
  'government (diplomatic)': 'government_diplomatic',
  'educational institution': 'educational_institution',
  'food or water supply': 'food_water_supply',
  'journalists & media': 'journalists_media',
  maritime: 'maritime',
  ngo: 'ngo',
  other: 'other',
  'private citizens & property': 'private_citizens',
  'religious figures/institutions': 'religious',
  telecommunication: 'telecommunication',
  'terrorists/non-state militia': 'terrorists_militants',
  tourists: 'tourists',
  transportation: 'transportation',
  unknown: 'unknown',
  utilities: 'utilities',
  'violent political party': 'violent_political_party',
};

/**
 * `weapsubtype{1..4}_txt` labels (lower case) → tactic tags. Subtypes that say nothing about
 * the tactic (Dynamite/TNT, Grenade, Unknown Explosive Type, gun types, …) map to nothing.
 */
const WEAPON_SUBTYPE: Readonly<Record<string, Tactic>> = {
  // A vehicle-borne bomb.
  vehicle: 'vbied',
  // Triggers and home-made casings mark a bomb as improvised.
  'remote trigger': 'ied',
  'pressure trigger': 'ied',
  'time fuse': 'ied',
  'pipe bomb': 'ied',
  'sticky bomb': 'ied',
  mine: 'landmine',
  // GTD lumps RPGs (direct fire) with rockets and mortars; most in Iraq and Syria are the latter.
  'projectile (rockets, mortars, rpgs, etc.)': 'indirect_fire',
  'suicide (carried bodily by human being)': 'suicide',
  'arson/fire': 'arson',
  'molotov cocktail/petrol bomb': 'arson',
  'gasoline or alcohol': 'arson',
};

/**
 * GTD `specificity` → geo precision: 1 the city itself; 2 a city without coordinates (district
 * centroid), 3 outside any city (district centroid) → near a place / district; 4 province
 * centroid, 5 unknown → coarse.
 */
const SPECIFICITY: Readonly<Record<number, GeoPrecision>> = { 1: 1, 2: 2, 3: 2, 4: 3, 5: 3 };

/** Free text already stored in `notes`; not repeated in `raw`. */
const SKIP_RAW = new Set(['summary']);

/** The soft problems an import counts (the set-based mapping counts the same ones). */
const WARN = {
  monthUnknown: 'month unknown: January 1st, year precision',
  dayUnknown: 'day unknown: first of the month, month precision',
  resolutionBefore: 'resolution before the incident date: date_end left empty',
};

export const gtd: EventFormat = {
  name: 'gtd',
  description: 'Global Terrorism Database (GTD) CSV',
  requiredColumns: [
    'eventid',
    'iyear',
    'imonth',
    'iday',
    'country_txt',
    'latitude',
    'longitude',
    'attacktype1_txt',
    'targtype1_txt',
    'gname',
    'nkill',
    'nwound',
  ],
  detect: (h) => h.includes('eventid') && h.includes('iyear') && h.includes('iday'),
  toEvent(r: CsvRecord, ctx: RowContext) {
    const id = required(r, 'eventid');
    const attack = label(ATTACK, r, 'attacktype1_txt', 'attack type');
    if (attack === null)
      throw new FieldError('attacktype1_txt', 'missing value, expected a GTD attack type');
    const iso3 = countryOf(text(r, 'country_txt'));
    let geo = code(r, 'specificity', SPECIFICITY);
    // "In the vicinity of" the city: near a place rather than the place.
    if (geo === 1 && code(r, 'vicinity') === 1) geo = 2;
    return {
      id: `gtd:${id}`,
      origin: 'dataset',
      source_id: 'gtd',
      external_id: id,
      ...dates(r, ctx),
      country: iso3,
      admin1: known(text(r, 'provstate')),
      location: known(text(r, 'city')),
      ...(coordinates(r, 'latitude', 'longitude') ?? {}),
      geo_precision: geo,
      actor1: known(text(r, 'gname')),
      actor2: known(text(r, 'gname2')),
      attack_type: attack,
      tactics: tactics(r, attack),
      target_type: label(TARGET, r, 'targtype1_txt', 'target type'),
      fatalities: count(r, 'nkill'),
      wounded: count(r, 'nwound'),
      claimed: claimed(r),
      notes: text(r, 'summary'),
      raw: rawValues(r),
    };
  },
  setMapping: (header) =>
    gtdSetMapping(header, {
      attack: ATTACK,
      attackTactic: ATTACK_TACTIC as Record<string, string>,
      target: TARGET,
      weaponSubtype: WEAPON_SUBTYPE,
      specificity: SPECIFICITY,
      tactics: TACTICS,
      months: MONTHS,
      skipRaw: SKIP_RAW,
      maxChars: MAX_FIELD_CHARS,
      country: asLookup(countryOf),
      warnings: WARN,
    }),
};

/** ISO3 from `country_txt`; a name that is not a known country throws. */
function countryOf(country: string | null): string | null {
  const iso3 = toIso3(country);
  if (country && !iso3)
    throw new FieldError('country_txt', `"${clip(country)}" is not a known country`);
  return iso3;
}

/**
 * `iyear`/`imonth`/`iday`, where 0 means unknown: day 0 → the 1st of the month, month 0 →
 * January 1st, both at month-or-vaguer precision. An `approxdate` beside a known day makes it
 * approximate (within a week). `resolution` ends an `extended` (over 24 h) incident; an
 * unusable one is counted as a warning rather than losing the event.
 */
function dates(
  r: CsvRecord,
  ctx: RowContext,
): Pick<EventInput, 'date' | 'date_end' | 'date_precision'> {
  const year = code(r, 'iyear');
  if (year === null) throw new FieldError('iyear', 'missing value, expected a year');
  const month = code(r, 'imonth') ?? 0;
  if (month < 0 || month > 12)
    throw new FieldError('imonth', `${month} is not a month (0 = unknown, 1..12)`);
  const day = code(r, 'iday') ?? 0;
  if (day < 0 || day > 31) throw new FieldError('iday', `${day} is not a day (0 = unknown, 1..31)`);
  let precision: DatePrecision = 1;
  let date: string;
  if (month === 0) {
    ctx.warn(WARN.monthUnknown);
    date = ymd(year, 1, 1, 'iyear');
    precision = 3;
  } else if (day === 0) {
    ctx.warn(WARN.dayUnknown);
    date = ymd(year, month, 1, 'imonth');
    precision = 3;
  } else {
    date = ymd(year, month, day, 'iday');
    if (text(r, 'approxdate') !== null) precision = 2;
  }
  let dateEnd: string | null = null;
  const resolution = text(r, 'resolution');
  if (code(r, 'extended') === 1 && resolution !== null) {
    try {
      dateEnd = parseDay(resolution, 'resolution');
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      ctx.warn('resolution not a date: date_end left empty');
    }
    if (dateEnd !== null && dateEnd < date) {
      ctx.warn(WARN.resolutionBefore);
      dateEnd = null;
    }
  }
  return { date, date_end: dateEnd, date_precision: precision };
}

/** Suicide flag, weapon subtypes and attack types 1..3 → tactic tags, in vocabulary order. */
function tactics(r: CsvRecord, attack: AttackType): Tactic[] {
  const tags = new Set<Tactic>();
  if (code(r, 'suicide') === 1) tags.add('suicide');
  for (const col of ['attacktype2_txt', 'attacktype3_txt']) {
    const t = ATTACK_TACTIC[label(ATTACK, r, col, 'attack type') ?? 'unknown'];
    if (t) tags.add(t);
  }
  const first = ATTACK_TACTIC[attack];
  if (first) tags.add(first);
  for (const n of [1, 2, 3, 4]) {
    const sub = text(r, `weapsubtype${n}_txt`);
    const t = sub === null ? undefined : WEAPON_SUBTYPE[sub.toLowerCase()];
    if (t) tags.add(t);
    if (text(r, `weaptype${n}_txt`)?.toLowerCase() === 'incendiary') tags.add('arson');
  }
  return TACTICS.filter((t) => tags.has(t));
}

/** `claimed`: 1 yes, 0 no, -9 or empty unknown. */
function claimed(r: CsvRecord): boolean | null {
  const v = code(r, 'claimed');
  if (v === null || v === -9) return null;
  if (v === 1) return true;
  if (v === 0) return false;
  throw new FieldError('claimed', `${v} is not 1, 0 or -9`);
}

/** A GTD label looked up in `table`; null when empty, FieldError when not a GTD category. */
function label<T>(
  table: Readonly<Record<string, T>>,
  r: CsvRecord,
  col: string,
  what: string,
): T | null {
  const v = text(r, col);
  if (v === null) return null;
  const hit = table[v.toLowerCase()];
  if (hit === undefined) throw new FieldError(col, `"${clip(v)}" is not a GTD ${what}`);
  return hit;
}

/** A whole-number code cell ("1", "1.0", "-9"), optionally restricted to a table's keys. */
function code(r: CsvRecord, col: string): number | null;
function code<T>(r: CsvRecord, col: string, table: Readonly<Record<number, T>>): T | null;
function code<T>(
  r: CsvRecord,
  col: string,
  table?: Readonly<Record<number, T>>,
): number | T | null {
  const n = decimal(r, col);
  if (n === null) return null;
  if (!Number.isInteger(n)) throw new FieldError(col, `${n} is not a whole number`);
  if (!table) return n;
  const v = table[n];
  if (v === undefined)
    throw new FieldError(col, `${n} is not one of ${Object.keys(table).join(', ')}`);
  return v;
}

/** GTD writes "Unknown" for an unknown group, province or city. */
function known(v: string | null): string | null {
  return v === null || v.toLowerCase() === 'unknown' ? null : v;
}

/**
 * Every non-empty cell except the narrative (kept as notes) and numeric codes whose `_txt`
 * label is present (`attacktype1` beside `attacktype1_txt`).
 */
function rawValues(r: CsvRecord): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) {
    if (!v || SKIP_RAW.has(k) || r[`${k}_txt`]) continue;
    raw[k] = v;
  }
  return raw;
}
