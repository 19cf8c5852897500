/**
 * The ACLED format (src/ingest/acled.ts) compiled into SQL over a CSV staged as VARCHAR. The
 * code tables come from the ingest module as data so that the two paths share one source of
 * truth; rows the SQL is unsure about are handed to the JS mapper (see csv-sql.ts).
 */
import { coordinatesSql, countSql, CsvColumns, daySql, lit } from './csv-sql.js';
import type { SetMapping } from './csv-stage.js';

export interface AcledTables {
  /** Lower-case event type → null (not an attack) or lower-case sub-event → mapping. */
  eventTypes: Readonly<
    Record<string, Readonly<Record<string, { attack: string; tactics: readonly string[] }>> | null>
  >;
  /** Lower-case month names → 1..12. */
  months: Readonly<Record<string, number>>;
  /** The format's country rule on (iso3, country, iso); null when it would reject the row. */
  country(
    iso3: string | null,
    name: string | null,
    iso: string | null,
  ): { value: string | null } | null;
  /** Whole-row cell limit (importer's MAX_FIELD_CHARS). */
  maxChars: number;
}

export function acledSetMapping(header: readonly string[], t: AcledTables): SetMapping {
  const c = new CsvColumns(header);
  const pairs: string[] = [];
  const tactics: string[] = [];
  const nonViolent: string[] = [];
  for (const [type, subs] of Object.entries(t.eventTypes)) {
    if (!subs) {
      nonViolent.push(lit(type));
      continue;
    }
    for (const [sub, m] of Object.entries(subs)) {
      const key = lit(`${type}|${sub}`);
      pairs.push(`WHEN ${key} THEN ${lit(m.attack)}`);
      tactics.push(`WHEN ${key} THEN [${m.tactics.map(lit).join(', ')}]::VARCHAR[]`);
    }
  }
  const coords = coordinatesSql('la', 'lo');
  const fatalities = countSql(c.trimmed('fatalities'));
  // Values every later expression reads, computed once per row.
  const parsed: Record<string, string> = {
    et: `lower(${c.trimmed('event_type')})`,
    pair: `lower(${c.trimmed('event_type')}) || '|' || lower(${c.trimmed('sub_event_type')})`,
    tp: c.trimmed('time_precision'),
    gp: c.trimmed('geo_precision'),
    day: daySql(c.trimmed('event_date'), t.months),
    la: c.trimmed('latitude'),
    lo: c.trimmed('longitude'),
    fat_ok: fatalities.ok,
    fat: fatalities.value,
  };
  const derived: Record<string, string> = {
    attack: `CASE pair ${pairs.join(' ')} END`,
    lat: coords.lat,
    lon: coords.lon,
    coords_ok: coords.ok,
  };
  let target: string;
  let targetOk: string;
  if (!c.has('civilian_targeting')) {
    target = `CASE WHEN et = 'violence against civilians' THEN 'private_citizens' END`;
    targetOk = 'true';
  } else {
    const ct = c.trimmed('civilian_targeting');
    target = `CASE WHEN ${ct} <> '' THEN 'private_citizens' END`;
    targetOk = `(${ct} = '' OR lower(${ct}) = 'civilian targeting')`;
  }
  const ok = [
    `${c.trimmed('event_id_cnty')} <> ''`,
    `(et IN (${nonViolent.join(', ') || "''"}) OR attack IS NOT NULL)`,
    `tp IN ('', '1', '2', '3')`,
    `day IS NOT NULL`,
    'coords_ok',
    `gp IN ('', '1', '2', '3')`,
    targetOk,
    'fat_ok',
    'cells_ok',
  ].join(' AND ');
  const columns: Record<string, string> = {
    id: `'acled:' || ${c.trimmed('event_id_cnty')}`,
    origin: `'dataset'`,
    source_id: `'acled'`,
    external_id: c.trimmed('event_id_cnty'),
    date: 'day',
    date_precision: `CAST(CASE WHEN tp IN ('1', '2', '3') THEN tp ELSE '1' END AS TINYINT)`,
    time_precision_missing: `tp = ''`,
    admin1: c.text('admin1'),
    admin2: c.text('admin2'),
    admin3: c.text('admin3'),
    location: c.text('location'),
    lat: 'lat',
    lon: 'lon',
    geo_precision: `CAST(CASE WHEN gp IN ('1', '2', '3') THEN gp END AS TINYINT)`,
    actor1: c.text('actor1'),
    actor2: c.text('actor2'),
    attack_type: 'attack',
    tactics: `coalesce(CASE pair ${tactics.join(' ')} END, []::VARCHAR[])`,
    target_type: target,
    fatalities: 'fat',
    notes: c.text('notes'),
    raw: c.rawJson(new Set(['notes'])),
  };
  const lookups = [
    {
      target: 'country',
      keys: [c.text('iso3'), c.text('country'), c.text('iso')],
      resolve: ([a, b, d]: readonly (string | null)[]) =>
        t.country(a ?? null, b ?? null, d ?? null),
    },
  ];
  return {
    // Built last: it holds the trimmed cells the other expressions asked for.
    layers: [c.firstLayer(t.maxChars), parsed, derived],
    columns,
    ok,
    warnings: { 'time_precision missing: exact day assumed': 'time_precision_missing' },
    lookups,
  };
}
