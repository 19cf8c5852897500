/**
 * Normalisation shared by every format: canonical actor names, ISO3 countries, and admin units
 * with pcodes from the bundled boundaries — by point-in-polygon when coordinates exist, by
 * alias otherwise. The source's own spellings stay in `raw`.
 */
import { geoparse, primaryPlace, type AdminMatch, type Toponym } from '../gazetteer/index.js';
import { canonicalActor, toIso3, type EventInput } from '../model/index.js';

/** The slice of the gazetteer that normalisation needs (AdminLookup implements it). */
export interface AdminResolver {
  locate(lon: number, lat: number): AdminMatch | null;
  resolveName(
    country: 'IRQ' | 'SYR' | null,
    admin1: string,
    admin2?: string | null,
  ): AdminMatch | null;
}

/** Countries whose admin units the bundled boundaries cover. */
const COVERED = new Set(['IRQ', 'SYR']);

export type Normalizer = (e: EventInput) => EventInput;

/**
 * A normaliser whose point lookup is already done: `point` is the unit containing the event's
 * coordinates (null: outside every unit; undefined: the event has no coordinates). The
 * set-based import calls it once per distinct combination of point unit and admin names.
 */
export type ResolvedNormalizer = (
  e: EventInput,
  point: AdminMatch | null | undefined,
) => EventInput;

/**
 * A normaliser for one import. Name lookups are memoised for its duration: a dataset repeats a
 * few hundred admin spellings across millions of rows.
 */
export function createNormalizer(admin: AdminResolver, warn: (kind: string) => void): Normalizer {
  const resolved = createResolvedNormalizer(admin, warn);
  const placeOf = placeFinder();
  return (input) => {
    const e = locateByName(input, placeOf, warn);
    return resolved(e, e.lat != null && e.lon != null ? admin.locate(e.lon, e.lat) : undefined);
  };
}

type PlaceFinder = (location: string, country: 'IRQ' | 'SYR' | undefined) => Toponym | null;

/** The geoparser's primary place of a location text, memoised per distinct text. */
function placeFinder(): PlaceFinder {
  const seen = new Map<string, Toponym | null>();
  return (location, country) => {
    const key = `${country ?? ''}\u0000${location}`;
    const known = seen.get(key);
    if (known !== undefined) return known;
    const hit = primaryPlace(
      geoparse(location, { field: true, ...(country ? { countryHint: country } : {}) }),
    );
    seen.set(key, hit);
    return hit;
  };
}

/**
 * Rows that carry only a place name (Iraq Body Count's "Madain, south of Baghdad") get the
 * geoparser's coordinates and precision, so the point lookup below can give them admin units.
 * Only rows with neither coordinates nor a stated governorate: a source's own admin units win.
 */
function locateByName(
  e: EventInput,
  placeOf: PlaceFinder,
  warn: (kind: string) => void,
): EventInput {
  if (e.lat != null || e.admin1 || !e.location) return e;
  const iso3 = e.country ? toIso3(e.country) : null;
  if (iso3 && !COVERED.has(iso3)) return e;
  const place = placeOf(e.location, (iso3 ?? undefined) as 'IRQ' | 'SYR' | undefined);
  if (!place || place.lat === null || place.lon === null) {
    warn('location text not found by the geoparser: no coordinates');
    return e;
  }
  warn('coordinates from the geoparser (location text only)');
  return { ...e, lat: place.lat, lon: place.lon, geo_precision: place.geo_precision };
}

/** The normaliser behind `createNormalizer`, with the point lookup left to the caller. */
export function createResolvedNormalizer(
  admin: AdminResolver,
  warn: (kind: string) => void,
): ResolvedNormalizer {
  const byName = new Map<string, AdminMatch | null>();
  const resolveName = (country: 'IRQ' | 'SYR' | null, a1: string, a2: string | null) => {
    const key = `${country}\u0000${a1}\u0000${a2 ?? ''}`;
    let hit = byName.get(key);
    if (hit === undefined) {
      hit = admin.resolveName(country, a1, a2);
      byName.set(key, hit);
    }
    return hit;
  };

  function locateAdmin(e: EventInput, hit: AdminMatch | null | undefined): AdminMatch | null {
    const country = e.country ?? null;
    if (hit !== undefined) {
      if (hit) {
        if (country && country !== hit.country) {
          warn('point lies in another country than stated: boundaries win');
        }
        return hit;
      }
      if (country && COVERED.has(country)) {
        warn('point outside the country boundaries: admin from the names');
      }
    }
    if (!e.admin1 || (country && !COVERED.has(country))) return null;
    const iso = country === 'IRQ' || country === 'SYR' ? country : null;
    const named = resolveName(iso, e.admin1, e.admin2 ?? null);
    if (!named) warn('admin1 not in boundaries: kept as given');
    return named;
  }

  return (e, point) => {
    const out: EventInput = { ...e };
    out.actor1 = canonicalActor(e.actor1);
    out.actor2 = canonicalActor(e.actor2);
    if (e.country && !/^[A-Z]{3}$/.test(e.country)) {
      out.country = toIso3(e.country);
      if (!out.country) warn(`country not recognised: kept empty`);
    }
    const match = locateAdmin(out, point);
    if (!match) return out;
    out.country = match.country;
    out.admin1 = match.admin1;
    out.admin1_code = match.admin1_code;
    out.admin2 = match.admin2;
    out.admin2_code = match.admin2_code;
    out.admin3 = match.admin3;
    out.admin3_code = match.admin3_code;
    // Syria has no district boundaries here: keep the source's district name (without a code),
    // but only when the source's governorate is the one the point lies in; otherwise the
    // district would contradict its governorate.
    if (match.admin2 === null && e.admin2 && e.admin1 && match.admin1_code) {
      const stated = resolveName(match.country, e.admin1, null);
      if (stated?.admin1_code === match.admin1_code) out.admin2 = e.admin2;
      else warn('district dropped: it belongs to another governorate than the point');
    }
    return out;
  };
}
