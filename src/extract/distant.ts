/**
 * Distantly supervised labelled documents for calibration and small models: real texts paired
 * with coded fields from the same record, never with anything the extractor itself produced.
 *  - UCDP GED Syria (bundled): a reporting headline → the coded governorate(s), deaths, date.
 *  - Iraq Body Count (../shared/data, use from there): the free-text target and location → the
 *    attack type read from the separate `weapons` column.
 *  - CPOST suicide attacks (../shared/data): target description and location → the coded
 *    province and target class (Security / Civilian / Political).
 *  - GTD pages of the dev split only (the held-out split is never read here).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { AdminLookup } from '../gazetteer/admin-lookup.js';
import type { AttackType, TargetType } from '../model/index.js';
import { parseGoldPage, predictedCount, splitOf } from './eval.js';
import type { ExtractDoc, ExtractedEvent } from './types.js';

export type DistantSource = 'ucdp' | 'ibc' | 'cpost' | 'gtd';

/** Gold labels of one document; null = this source does not say. */
export interface DistantGold {
  /** admin1 codes any of which is right (a UCDP headline may report several events). */
  admin1: string[] | null;
  attack: AttackType | null;
  /** Target types compatible with the coded class. */
  targets: TargetType[] | null;
  /** Deaths as GTD counts them (victims + attackers). */
  fatalities: number | null;
}

export interface LabelledDoc {
  source: DistantSource;
  doc: ExtractDoc;
  gold: DistantGold;
  /** true: every event of the document is scored; false: only the first (one incident per text). */
  everyEvent: boolean;
}

type Row = Record<string, string>;
const readCsv = (path: string): Row[] => {
  const buf = readFileSync(path);
  return parse(path.endsWith('.gz') ? gunzipSync(buf) : buf, { columns: true }) as Row[];
};

/** UCDP rows grouped by headline: a headline is right about any governorate its rows code. */
export function ucdpDocs(path: string): LabelledDoc[] {
  const lookup = AdminLookup.load();
  const byText = new Map<string, { rows: Row[] }>();
  for (const r of readCsv(path)) {
    const text = r.source_headline?.trim();
    if (!text) continue;
    const g = byText.get(text) ?? { rows: [] };
    g.rows.push(r);
    byText.set(text, g);
  }
  const out: LabelledDoc[] = [];
  for (const [text, { rows }] of byText) {
    const codes = new Set<string>();
    for (const r of rows) {
      const m = r.adm_1 ? lookup.resolveName('SYR', r.adm_1.replace(/ Governorate$/, '')) : null;
      if (m?.admin1_code) codes.add(m.admin1_code);
    }
    const first = rows[0]!;
    out.push({
      source: 'ucdp',
      doc: { id: `ucdp:${first.id}`, text, published: first.source_date?.slice(0, 10) || null },
      gold: {
        admin1: codes.size ? [...codes] : null,
        attack: null,
        targets: null,
        // Not the deaths: UCDP codes one event's toll while headlines state daily totals and
        // roundups (a number in them matched `best` one time in eight), so they mislabel counts.
        fatalities: null,
      },
      everyEvent: true,
    });
  }
  return out;
}

/** IBC's `weapons` words → GTD attack type; null when mixed or not an attack (air strikes). */
export function ibcAttackType(weapons: string): AttackType | null {
  const w = weapons.toLowerCase();
  if (!w || /\b(?:us|coalition|air|airstrike|helicopter|warplane)\b|-/.test(w)) return null;
  const bomb = /bomb|ied|explosive|mortar|rocket|shell|missile|grenade|mine|suicide|blast/.test(w);
  const gun = /gun|shoot|shot|fire|execut|behead|stab|murder|tortur|knife|sniper/.test(w);
  const kidnap = /kidnap|abduct/.test(w);
  if (kidnap) return 'kidnapping';
  if (bomb === gun) return null;
  return bomb ? 'bombing' : 'armed_assault';
}

/** IBC incidents from `fromYear` on: "target, location" → the attack type of `weapons`. */
export function ibcDocs(path: string, fromYear = 2013): LabelledDoc[] {
  const out: LabelledDoc[] = [];
  for (const r of readCsv(path)) {
    if (Number(r.date_start?.slice(0, 4)) < fromYear) continue;
    const attack = ibcAttackType(r.weapons ?? '');
    const target = r.target?.trim();
    if (!attack || !target) continue;
    out.push({
      source: 'ibc',
      doc: {
        id: `ibc:${r.ibc_code}`,
        text: `${target}, ${r.location ?? ''}.`,
        published: r.date_end || null,
      },
      gold: { admin1: null, attack, targets: null, fatalities: null },
      everyEvent: false,
    });
  }
  return out;
}

const CIVILIAN: TargetType[] = [
  'private_citizens',
  'business',
  'religious',
  'educational_institution',
  'transportation',
  'journalists_media',
  'utilities',
  'tribal',
  'food_water_supply',
  'ngo',
  'tourists',
];
const CPOST_TARGET: Readonly<Record<string, TargetType[]>> = {
  Security: ['military', 'police'],
  Civilian: CIVILIAN,
  Political: ['government', 'government_diplomatic'],
};

/** CPOST attacks (deduplicated over repeated group rows): description and place → province, target class. */
export function cpostDocs(path: string): LabelledDoc[] {
  const lookup = AdminLookup.load();
  const seen = new Set<string>();
  const out: LabelledDoc[] = [];
  for (const r of readCsv(path)) {
    const desc = r['target.desc']?.trim();
    const key = [r['date.year'], r['date.month'], r['date.day'], r['target.city'], desc].join('|');
    if (!desc || seen.has(key)) continue;
    seen.add(key);
    const weapon = (r['target.weapon'] ?? 'suicide').toLowerCase();
    const where = [r['target.location'], r['target.city']].filter(Boolean).join(', ');
    const m = r['target.province'] ? lookup.resolveName('IRQ', r['target.province']) : null;
    out.push({
      source: 'cpost',
      doc: { id: `cpost:${key}`, text: `Suicide ${weapon} attack on ${desc} at ${where}.` },
      gold: {
        admin1: m?.admin1_code ? [m.admin1_code] : null,
        attack: null, // the composed words say "suicide … attack": no test of the attack type
        targets: CPOST_TARGET[r['target.type'] ?? ''] ?? null,
        fatalities: null,
      },
      everyEvent: false,
    });
  }
  return out;
}

/** GTD pages of the dev split only. */
export function gtdDevDocs(path: string): LabelledDoc[] {
  const lookup = AdminLookup.load();
  const out: LabelledDoc[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const p = parseGoldPage(line);
    if (splitOf(p.id) !== 'dev') continue;
    const country = p.country === 'Iraq' ? 'IRQ' : p.country === 'Syria' ? 'SYR' : null;
    const m = p.provstate ? lookup.resolveName(country, p.provstate) : null;
    out.push({
      source: 'gtd',
      doc: { id: `gtd:${p.id}`, text: p.text },
      gold: {
        admin1: m?.admin1_code ? [m.admin1_code] : null,
        attack: p.attack_type,
        targets: p.target_type ? [p.target_type] : null,
        fatalities: p.fatalities,
      },
      everyEvent: false,
    });
  }
  return out;
}

export type LabelField = 'event' | 'admin1' | 'attack_type' | 'target_type' | 'fatalities';

/**
 * Which fields of `e` the gold says are right; a field the gold does not code is absent, and so
 * is `fatalities` when the event states no count (its confidence speaks of a number read).
 */
export function labelEvent(
  e: ExtractedEvent,
  gold: DistantGold,
): Partial<Record<LabelField, boolean>> {
  const out: Partial<Record<LabelField, boolean>> = {};
  if (gold.admin1) out.admin1 = e.admin1_code !== null && gold.admin1.includes(e.admin1_code);
  if (gold.attack) out.attack_type = e.attack_type === gold.attack;
  if (gold.targets)
    out.target_type = e.target_type !== null && gold.targets.includes(e.target_type);
  // A count is judged only where one was read: a headline that states no number is not wrong.
  const count = predictedCount(e, 'fatalities');
  if (gold.fatalities !== null && count !== null) out.fatalities = count === gold.fatalities;
  if (out.admin1 !== undefined || out.attack_type !== undefined)
    out.event = out.admin1 !== false && out.attack_type !== false;
  return out;
}

/** A fixed 80/20 split of distant documents by a hash of their id. */
export function distantSplit(id: string): 'train' | 'test' {
  return createHash('sha256').update(id).digest()[0]! < 205 ? 'train' : 'test';
}
