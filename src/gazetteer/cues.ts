/**
 * Words around a place name that say what kind of place it is ("Kirkuk province", "قضاء
 * الحويجة", "the town of Hawija") and where relative to it an event was ("40 km northeast of
 * Baqubah", "near Hit", "جنوب غربي كركوك"). Everything works on normalised token forms
 * (see tokens.ts), so Arabic letter variants and Arabic-Indic digits are already folded.
 */
import type { PlaceKind } from './place-index.js';
import type { Token } from './tokens.js';

/** Kind words, in either language: before or after the name they type it. */
const KIND_WORDS: ReadonlyMap<string, PlaceKind> = new Map<string, PlaceKind>([
  ['province', 'governorate'],
  ['governorate', 'governorate'],
  ['governate', 'governorate'],
  ['provinces', 'governorate'],
  ['countryside', 'governorate'],
  // "rural Damascus", "rural Idlib": the province around the city, as analysts say it
  ['rural', 'governorate'],
  ['muhafaza', 'governorate'],
  ['محافظه', 'governorate'],
  ['ريف', 'governorate'],
  // "the eastern desert of Homs", "Deir ez-Zor desert", "بادية حمص": the province's badia
  ['desert', 'governorate'],
  ['باديه', 'governorate'],
  ['district', 'district'],
  ['qada', 'district'],
  ['qadha', 'district'],
  ['qadaa', 'district'],
  ['قضا', 'district'],
  ['subdistrict', 'subdistrict'],
  ['nahiya', 'subdistrict'],
  ['nahiyah', 'subdistrict'],
  ['ناحيه', 'subdistrict'],
  ['city', 'city'],
  ['مدينه', 'city'],
  ['town', 'town'],
  ['بلده', 'town'],
  ['village', 'village'],
  ['hamlet', 'village'],
  ['قريه', 'village'],
  ['neighbourhood', 'neighbourhood'],
  ['neighborhood', 'neighbourhood'],
  ['حي', 'neighbourhood'],
  ['river', 'river'],
  ['نهر', 'river'],
]);

/** Prepositions after which a capitalised word is likely a place. */
const LOCATIVE: ReadonlySet<string> = new Set(
  'in near of at from to into outside around toward towards between across through via on فی في من الى الي قرب عند داخل'.split(
    ' ',
  ),
);

const NEAR: ReadonlySet<string> = new Set(
  'near outside outskirts nearby around close قرب بالقرب قريب محيط ضواحي اطراف مشارف'.split(' '),
);

const DIRECTIONS: ReadonlyMap<string, string> = new Map([
  ['north', 'north'],
  ['south', 'south'],
  ['east', 'east'],
  ['west', 'west'],
  ['northern', 'north'],
  ['southern', 'south'],
  ['eastern', 'east'],
  ['western', 'west'],
  ['northeast', 'northeast'],
  ['northwest', 'northwest'],
  ['southeast', 'southeast'],
  ['southwest', 'southwest'],
  ['شمال', 'north'],
  ['شمالي', 'north'],
  ['شمالا', 'north'],
  ['جنوب', 'south'],
  ['جنوبي', 'south'],
  ['جنوبا', 'south'],
  ['شرق', 'east'],
  ['شرقي', 'east'],
  ['شرقا', 'east'],
  ['غرب', 'west'],
  ['غربي', 'west'],
  ['غربا', 'west'],
]);

const KM_UNITS: ReadonlyMap<string, number> = new Map([
  ['km', 1],
  ['kms', 1],
  ['kilometers', 1],
  ['kilometres', 1],
  ['kilometer', 1],
  ['kilometre', 1],
  ['miles', 1.609],
  ['mile', 1.609],
  ['mi', 1.609],
  ['كم', 1],
  ['كيلومتر', 1],
  ['كيلومترا', 1],
  ['كيلومترات', 1],
  ['كلم', 1],
]);

/** The kind a word names, if it is a kind word. */
export function kindWord(token: Token | undefined): PlaceKind | undefined {
  return token ? KIND_WORDS.get(token.norm) : undefined;
}

/** A locative preposition ("in", "near", "في"), or an Arabic word with the "ب" clitic. */
export function isLocative(token: Token | undefined): boolean {
  return token !== undefined && LOCATIVE.has(token.norm);
}

/**
 * The kind cue for the name spanning tokens [i, j]: a kind word right after it ("Kirkuk
 * province"), or right before it, possibly as "<kind> of" ("the city of Homs", "محافظة حمص").
 */
export function kindCue(tokens: readonly Token[], i: number, j: number): PlaceKind | undefined {
  const after = kindWord(tokens[j + 1]);
  if (after) return after;
  const before = tokens[i - 1];
  if (before?.norm === 'of') return kindWord(tokens[i - 2]);
  return kindWord(before);
}

/**
 * Words for the rural area around a town: "countryside of Aleppo", "rural Homs", "ريف حلب", "the
 * eastern desert of Homs", "بادية حمص".
 */
const COUNTRYSIDE: ReadonlySet<string> = new Set([
  'countryside',
  'rural',
  'ريف',
  'desert',
  'باديه',
]);

/**
 * The name spanning tokens [i, j] is given as the countryside around it: "Aleppo countryside",
 * "the countryside of Aleppo", "eastern countryside of Deir ez-Zor", "rural Damascus", "ريف حلب".
 */
export function countrysideCue(tokens: readonly Token[], i: number, j: number): boolean {
  if (COUNTRYSIDE.has(tokens[j + 1]?.norm ?? '')) return true;
  const before = tokens[i - 1];
  const word = before?.norm === 'of' ? tokens[i - 2] : before;
  return COUNTRYSIDE.has(word?.norm ?? '');
}

/** What a relative expression before a name says. */
export interface RelativeCue {
  distance_km?: number;
  direction?: string;
  /** Index of the first token of the expression. */
  from: number;
}

/**
 * "40 km northeast of X", "south of X", "north-east of X", "near X", "on the outskirts of X",
 * "40 كم شمال شرق X", "جنوب غربي X", "قرب X" ending right before token `i`.
 */
export function relativeCue(tokens: readonly Token[], i: number): RelativeCue | undefined {
  let k = i - 1;
  if (tokens[k]?.norm === 'of' || tokens[k]?.norm === 'من' || tokens[k]?.norm === 'to') k--;
  let direction = DIRECTIONS.get(tokens[k]?.norm ?? '');
  if (direction) {
    // "north-east of", "north east of", "جنوب غربي": a north/south word before an east/west one
    const before = DIRECTIONS.get(tokens[k - 1]?.norm ?? '');
    if (before && isNorthSouth(before) && !isNorthSouth(direction) && direction.length === 4) {
      direction = before + direction;
      k -= 2;
    } else {
      k -= 1;
    }
    const distance = distanceBefore(tokens, k);
    return distance
      ? { distance_km: distance.km, direction, from: distance.from }
      : { direction, from: k + 1 };
  }
  const near = tokens[k];
  if (near && NEAR.has(near.norm)) return { from: k };
  if (near && near.norm === 'to' && tokens[k - 1]?.norm === 'close') return { from: k - 1 };
  return undefined;
}

function isNorthSouth(d: string): boolean {
  return d === 'north' || d === 'south';
}

function distanceBefore(tokens: readonly Token[], k: number): { km: number; from: number } | null {
  const unit = tokens[k];
  if (!unit) return null;
  const glued = /^(\d+(?:\.\d+)?)(km|kms|mi)$/.exec(unit.norm);
  if (glued) return { km: Number(glued[1]) * (KM_UNITS.get(glued[2] ?? '') ?? 1), from: k };
  const factor = KM_UNITS.get(unit.norm);
  const number = tokens[k - 1];
  if (factor === undefined || !number || !/^\d+(?:\.\d+)?$/.test(number.norm)) return null;
  return { km: Number(number.norm) * factor, from: k - 1 };
}

const BEARINGS: Readonly<Record<string, number>> = {
  north: 0,
  northeast: 45,
  east: 90,
  southeast: 135,
  south: 180,
  southwest: 225,
  west: 270,
  northwest: 315,
};

/** The point `km` kilometres from (lat, lon) towards `direction` (flat-earth, fine at < 200 km). */
export function offset(lat: number, lon: number, km: number, direction: string): [number, number] {
  const bearing = BEARINGS[direction];
  if (bearing === undefined) return [lat, lon];
  const rad = (bearing * Math.PI) / 180;
  const dLat = (km * Math.cos(rad)) / 111.32;
  const dLon = (km * Math.sin(rad)) / (111.32 * Math.cos((lat * Math.PI) / 180));
  return [Math.round((lat + dLat) * 1e5) / 1e5, Math.round((lon + dLon) * 1e5) / 1e5];
}
