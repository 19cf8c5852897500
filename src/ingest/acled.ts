/**
 * ACLED (Armed Conflict Location & Event Data) CSV exports: the current layout (`iso` numeric,
 * ISO dates, `civilian_targeting`, `tags`, `timestamp`) and older ones (`data_id`, `iso3`, dates
 * written `05 September 2021` or `5-September-2021`). Codebook: ACLED (2023), Codebook.
 */
import type {
  AttackType,
  DatePrecision,
  GeoPrecision,
  Tactic,
  TargetType,
} from '../model/index.js';
import { toIso3 } from '../model/index.js';
import { acledSetMapping } from '../store/acled-sql.js';
import { asLookup, FieldError } from './errors.js';
import type { EventFormat, RowContext } from './format.js';
import {
  clip,
  coordinates,
  count,
  MAX_FIELD_CHARS,
  MONTHS,
  parseDay,
  required,
  text,
  type CsvRecord,
} from './values.js';

interface Mapping {
  attack: AttackType;
  tactics: readonly Tactic[];
}

/**
 * ACLED `event_type` → `sub_event_type` → GTD attack type and tactic tags. Event types whose
 * value is `null` are not attacks (no one is harmed by the event itself); they keep
 * `attack_type` null and their labels stay in `raw`. Keys are lower case.
 */
const EVENT_TYPES: Readonly<Record<string, Readonly<Record<string, Mapping>> | null>> = {
  battles: {
    // Two organised armed groups fighting: GTD's armed assault, tagged as a clash.
    'armed clash': { attack: 'armed_assault', tactics: ['clash'] },
    // Territory taken by force: an armed assault; the territorial outcome stays in raw.
    'government regains territory': { attack: 'armed_assault', tactics: [] },
    'non-state actor overtakes territory': { attack: 'armed_assault', tactics: [] },
  },
  'explosions/remote violence': {
    // The sub-event lumps IEDs with landmines; IED is by far the commonest in Iraq and Syria.
    'remote explosive/landmine/ied': { attack: 'bombing', tactics: ['ied'] },
    // A suicide bomb is a bombing whose bomber means to die (GTD `suicide` = 1).
    'suicide bomb': { attack: 'bombing', tactics: ['suicide'] },
    // Artillery, mortars and missiles fired from a distance: GTD codes them as bombings.
    'shelling/artillery/missile attack': {
      attack: 'bombing',
      tactics: ['indirect_fire', 'shelling'],
    },
    'air/drone strike': { attack: 'bombing', tactics: ['airstrike'] },
    grenade: { attack: 'bombing', tactics: [] },
    // GTD codes chemical attacks by their delivery (shell, bomb, spraying), which ACLED does
    // not record; `unknown` is honest, and the sub-event stays in raw.
    'chemical weapon': { attack: 'unknown', tactics: [] },
  },
  'violence against civilians': {
    // Armed violence against unarmed people: armed assault.
    attack: { attack: 'armed_assault', tactics: [] },
    'abduction/forced disappearance': { attack: 'kidnapping', tactics: ['kidnapping'] },
    // GTD's unarmed assault covers attacks without weapons, which sexual violence mostly is.
    'sexual violence': { attack: 'unarmed_assault', tactics: [] },
  },
  // Demonstrations, riots and strategic developments (arrests, agreements, looting, defused
  // bombs, bases established) are not attacks.
  protests: null,
  riots: null,
  'strategic developments': null,
};

/** ACLED `time_precision` and `geo_precision` already use the 1..3 scale of the events table. */
const PRECISION: Readonly<Record<string, 1 | 2 | 3>> = { '1': 1, '2': 2, '3': 3 };

/** ISO 3166-1 numeric (current exports' `iso`) → alpha-3, for the countries of the region. */
const ISO_NUMERIC: Readonly<Record<number, string>> = {
  4: 'AFG',
  275: 'PSE',
  364: 'IRN',
  368: 'IRQ',
  376: 'ISR',
  400: 'JOR',
  414: 'KWT',
  422: 'LBN',
  434: 'LBY',
  566: 'NGA',
  682: 'SAU',
  760: 'SYR',
  792: 'TUR',
  818: 'EGY',
  887: 'YEM',
};

/** The value of `civilian_targeting` that marks an event as aimed at civilians. */
const CIVILIAN_TARGETING = 'civilian targeting';

/** Free text already stored in `notes`; not repeated in `raw`. */
const SKIP_RAW = new Set(['notes']);

export const acled: EventFormat = {
  name: 'acled',
  description: 'ACLED export CSV (current and pre-2022 layouts)',
  requiredColumns: [
    'event_id_cnty',
    'event_date',
    'event_type',
    'sub_event_type',
    'country',
    'latitude',
    'longitude',
    'fatalities',
  ],
  detect: (h) =>
    h.includes('event_date') &&
    (h.includes('event_id_cnty') || (h.includes('data_id') && h.includes('sub_event_type'))),
  toEvent(r: CsvRecord, ctx: RowContext) {
    const id = required(r, 'event_id_cnty');
    const eventType = required(r, 'event_type');
    const mapping = attackMapping(eventType, text(r, 'sub_event_type'));
    const timePrecision = text(r, 'time_precision');
    if (timePrecision === null) ctx.warn('time_precision missing: exact day assumed');
    const geoPrecision = text(r, 'geo_precision');
    return {
      id: `acled:${id}`,
      origin: 'dataset',
      source_id: 'acled',
      external_id: id,
      date: parseDay(required(r, 'event_date'), 'event_date'),
      date_precision: precision(timePrecision, 'time_precision') ?? 1,
      country: country(r),
      admin1: text(r, 'admin1'),
      admin2: text(r, 'admin2'),
      admin3: text(r, 'admin3'),
      location: text(r, 'location'),
      ...(coordinates(r, 'latitude', 'longitude') ?? {}),
      geo_precision: precision(geoPrecision, 'geo_precision'),
      actor1: text(r, 'actor1'),
      actor2: text(r, 'actor2'),
      attack_type: mapping?.attack ?? null,
      tactics: [...(mapping?.tactics ?? [])],
      target_type: targetType(r, eventType),
      fatalities: count(r, 'fatalities'),
      wounded: null,
      claimed: null,
      notes: text(r, 'notes'),
      raw: rawValues(r),
    };
  },
  setMapping: (header) =>
    acledSetMapping(header, {
      eventTypes: EVENT_TYPES,
      months: MONTHS,
      maxChars: MAX_FIELD_CHARS,
      country: asLookup(countryOf),
    }),
};

/** The attack mapping for a violent event type, null for the others; unknown labels throw. */
function attackMapping(eventType: string, subEventType: string | null): Mapping | null {
  const key = eventType.toLowerCase();
  if (!(key in EVENT_TYPES)) {
    throw new FieldError(
      'event_type',
      `"${clip(eventType)}" is not an ACLED event type (expected one of: Battles, ` +
        'Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments)',
    );
  }
  const subs = EVENT_TYPES[key];
  if (!subs) return null;
  if (subEventType === null) {
    throw new FieldError('sub_event_type', `missing value, expected a sub-event of ${eventType}`);
  }
  const m = subs[subEventType.toLowerCase()];
  if (!m) {
    throw new FieldError(
      'sub_event_type',
      `"${clip(subEventType)}" is not an ACLED sub-event of ${eventType}`,
    );
  }
  return m;
}

function precision(value: string | null, field: string): (DatePrecision & GeoPrecision) | null {
  if (value === null) return null;
  const p = PRECISION[value];
  if (p === undefined) throw new FieldError(field, `"${clip(value)}" is not 1, 2 or 3`);
  return p;
}

/** `iso3` when the export has it, else the country name, else the numeric `iso` code. */
function country(r: CsvRecord): string | null {
  return countryOf(text(r, 'iso3'), text(r, 'country'), text(r, 'iso'));
}

/** `country()` on the three trimmed cells (shared with the set-based path's lookup). */
function countryOf(iso3: string | null, name: string | null, iso: string | null): string | null {
  if (iso3 !== null) {
    if (!/^[A-Za-z]{3}$/.test(iso3)) {
      throw new FieldError('iso3', `"${clip(iso3)}" is not an ISO 3166 alpha-3 code`);
    }
    return iso3.toUpperCase();
  }
  const byName = toIso3(name);
  if (byName) return byName;
  const byNumber = iso === null ? undefined : ISO_NUMERIC[Number(iso)];
  if (byNumber) return byNumber;
  if (name === null && iso === null) return null;
  throw new FieldError(
    'country',
    `"${clip(name ?? '')}"${iso === null ? '' : ` (iso ${iso})`} is not a known country`,
  );
}

/**
 * ACLED has no target field. `civilian_targeting` marks events aimed at civilians; exports from
 * before that column existed get the same answer for Violence against civilians, which by
 * definition targets unarmed non-combatants. Everything else is left unknown (null).
 */
function targetType(r: CsvRecord, eventType: string): TargetType | null {
  if (r.civilian_targeting === undefined) {
    return eventType.toLowerCase() === 'violence against civilians' ? 'private_citizens' : null;
  }
  const v = text(r, 'civilian_targeting');
  if (v === null) return null;
  if (v.toLowerCase() !== CIVILIAN_TARGETING) {
    throw new FieldError('civilian_targeting', `"${clip(v)}" is not "Civilian targeting" or empty`);
  }
  return 'private_citizens';
}

function rawValues(r: CsvRecord): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) if (v && !SKIP_RAW.has(k)) raw[k] = v;
  return raw;
}
