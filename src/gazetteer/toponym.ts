import type { Iso3 } from './admin-types.js';
import type { PlaceKind } from './place-index.js';

/** A place considered for a toponym, with the score it got. */
export interface ToponymCandidate {
  place_id: string;
  name: string;
  kind: PlaceKind;
  admin1: string | null;
  population: number | null;
  score: number;
}

/**
 * A place name found in text and what it was resolved to. `place_id` is null when no
 * candidate fits well enough or two fit equally (`reason` says which; `candidates` stay for
 * review) and for names the gazetteer lacks that context types as places ("the village of X").
 * geo_precision: 1 = the named place, 2 = near a place / a district or subdistrict, 3 = a
 * governorate or wider. Offsets are UTF-16 indices into the input: `text.slice(start, end)`.
 */
export interface Toponym {
  start: number;
  end: number;
  text: string;
  place_id: string | null;
  name: string;
  kind: PlaceKind;
  lat: number | null;
  lon: number | null;
  country: Iso3 | null;
  admin1: string | null;
  admin1_code: string | null;
  admin2: string | null;
  admin2_code: string | null;
  admin3: string | null;
  admin3_code: string | null;
  geo_precision: 1 | 2 | 3;
  score: number;
  candidates: ToponymCandidate[];
  reason: string;
  relative?: { distance_km?: number; direction?: string; anchor_place_id: string };
}

/** Options of `geoparse`. */
export interface GeoparseOptions {
  /** Country the text is about, when known from its source: favours that country's places. */
  countryHint?: Iso3;
}
