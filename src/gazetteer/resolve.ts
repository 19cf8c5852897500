/**
 * Disambiguation: each candidate place of a mention gets a score from its kind, population,
 * how many sources know it, the kind words around the name, the governorates and countries
 * named elsewhere in the text, and its distance to the other places resolved there. The best
 * wins unless a rival in another area scores about as well: then the answer is "none", with
 * the candidates kept.
 */
import type { Iso3 } from './admin-types.js';
import type { Place, PlaceKind } from './place-index.js';
import type { ToponymCandidate } from './toponym.js';

const KIND_BASE: Readonly<Record<PlaceKind, number>> = {
  city: 3,
  town: 2.5,
  governorate: 2.4,
  wilaya: 3,
  river: 2.2,
  region: 2.2,
  district: 2,
  subdistrict: 1.6,
  village: 1.4,
  neighbourhood: 1.2,
  site: 1,
  // No country entries in the index today; if added, they should lose to anything finer.
  country: 0.5,
};
const SETTLEMENT: ReadonlySet<PlaceKind> = new Set(['city', 'town', 'village', 'neighbourhood']);

/** Scores within this margin are a tie between places in different areas. */
const TIE = 0.75;
/** Below this, no candidate is good enough. */
const FLOOR = 1;

/** What the rest of the text says, for one mention. */
export interface MentionContext {
  countries: ReadonlySet<Iso3>;
  /** Governorate pcodes named by other mentions. */
  admin1: ReadonlySet<string>;
  /** Kind word around the name. */
  cue: PlaceKind | undefined;
  loose: boolean;
  /** Points already resolved elsewhere in the text. */
  near: ReadonlyArray<{ lat: number; lon: number }>;
}

export interface Resolution {
  place: Place | null;
  score: number;
  candidates: ToponymCandidate[];
  reason: string;
}

interface Scored {
  place: Place;
  score: number;
  why: string[];
}

export function resolveCandidates(places: readonly Place[], ctx: MentionContext): Resolution {
  const scored = places.map((p) => score(p, ctx)).sort(byScore);
  const candidates = scored.slice(0, 8).map(({ place, score }) => ({
    place_id: place.id,
    name: place.name,
    kind: place.kind,
    admin1: place.admin1,
    population: place.population,
    score: round(score),
  }));
  const [top, second] = scored;
  if (!top) return { place: null, score: 0, candidates, reason: 'none: no candidate' };
  if (top.score < FLOOR) {
    return { place: null, score: round(top.score), candidates, reason: `none: best ${why(top)}` };
  }
  if (second && top.score - second.score < TIE && !compatible(top.place, second.place)) {
    const reason =
      `none: ambiguous between ${label(top.place)} (${round(top.score)}) and ` +
      `${label(second.place)} (${round(second.score)})`;
    return { place: null, score: round(top.score), candidates, reason };
  }
  const rivals = scored.length > 1 ? `; ${scored.length - 1} other candidate(s)` : '';
  return { place: top.place, score: round(top.score), candidates, reason: why(top) + rivals };
}

function score(place: Place, ctx: MentionContext): Scored {
  const why: string[] = [place.kind];
  let s = KIND_BASE[place.kind];
  if (place.population) {
    s += Math.min(2, Math.log10(place.population) / 3);
    why.push(`population ${place.population}`);
  }
  if (place.sources.length > 1) s += 0.25 * (place.sources.length - 1);
  if (ctx.cue) {
    if (ctx.cue === place.kind) {
      s += 4;
      why.push(`named as ${ctx.cue}`);
    } else if (SETTLEMENT.has(ctx.cue) && SETTLEMENT.has(place.kind)) {
      s += 3;
      why.push(`named as ${ctx.cue}`);
    } else if (ctx.cue === 'governorate' && place.kind === 'wilaya') s += 1;
  }
  const codes = place.covers ?? (place.admin1_code ? [place.admin1_code] : []);
  if (codes.some((c) => ctx.admin1.has(c))) {
    s += 3;
    why.push(`in ${place.admin1 ?? codes.join('/')}, named in the text`);
  }
  if (ctx.countries.size > 0 && place.country) {
    if (ctx.countries.has(place.country)) s += 1.5;
    else {
      s -= 3;
      why.push(`outside ${[...ctx.countries].join('/')}`);
    }
  }
  if (ctx.loose) {
    s -= 1.5;
    why.push('spelling variant');
  }
  if (place.lat !== null && place.lon !== null && ctx.near.length > 0) {
    const d = Math.min(...ctx.near.map((q) => km(place.lat ?? 0, place.lon ?? 0, q.lat, q.lon)));
    if (d < 50) {
      s += 1.5;
      why.push(`${Math.round(d)} km from another place in the text`);
    } else if (d < 150) s += 0.75;
  }
  return { place, score: s, why };
}

/** Two candidates that do not contradict each other: one lies in the other, or they are close. */
function compatible(a: Place, b: Place): boolean {
  const codes = (p: Place) => [p.admin1_code, p.admin2_code, p.admin3_code];
  const own = (p: Place) => (p.id.startsWith('cod:') ? p.id.slice(4) : null);
  const ca = own(a);
  const cb = own(b);
  if ((ca && codes(b).includes(ca)) || (cb && codes(a).includes(cb))) return true;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  return km(a.lat, a.lon, b.lat, b.lon) < 15;
}

function why(s: Scored): string {
  return `${label(s.place)}: ${s.why.join(', ')}`;
}

function label(p: Place): string {
  return `${p.name} (${p.kind}${p.admin1 && p.kind !== 'governorate' ? `, ${p.admin1}` : ''})`;
}

const byScore = (a: Scored, b: Scored): number =>
  b.score - a.score || (b.place.population ?? 0) - (a.place.population ?? 0) || cmp(a, b);
const cmp = (a: Scored, b: Scored): number =>
  a.place.id < b.place.id ? -1 : a.place.id > b.place.id ? 1 : 0;
const round = (x: number): number => Math.round(x * 100) / 100;

export function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}
