/**
 * Geoparsing: place names in English or Arabic text → places with coordinates and admin
 * units, each decision explained. Recognition is in recognize.ts, the kind and relative cues in
 * cues.ts, the scoring in resolve.ts; this module puts them together.
 */
import { AdminLookup } from './admin-lookup.js';
import type { Iso3 } from './admin-types.js';
import { withinContainers } from './containment.js';
import { countrysideCue, offset, relativeCue, kindCue, type RelativeCue } from './cues.js';
import { PlaceIndex, type Place, type PlaceKind } from './place-index.js';
import { recognize, type Mention } from './recognize.js';
import { km, resolveCandidates, type Resolution } from './resolve.js';
import { tokenize, type Token } from './tokens.js';
import type { GeoparseOptions, Toponym } from './toponym.js';

export type { GeoparseOptions, Toponym, ToponymCandidate } from './toponym.js';

/** Longer texts are read up to this many words (about 1 MB of prose). */
const MAX_TOKENS = 150_000;

/** Proximity counts the places named this many mentions before or after (linear on long texts). */
const NEAR_WINDOW = 12;

const COUNTRY_WORDS: ReadonlyMap<string, Iso3> = new Map<string, Iso3>([
  ['iraq', 'IRQ'],
  ['iraqi', 'IRQ'],
  ['iraqis', 'IRQ'],
  ['عراق', 'IRQ'],
  ['عراقي', 'IRQ'],
  ['syria', 'SYR'],
  ['syrian', 'SYR'],
  ['syrians', 'SYR'],
  ['سوريا', 'SYR'],
  ['سوريه', 'SYR'],
  ['سوري', 'SYR'],
]);

const PRECISION: Readonly<Record<PlaceKind, 1 | 2 | 3>> = {
  city: 1,
  town: 1,
  village: 1,
  neighbourhood: 1,
  site: 1,
  district: 2,
  subdistrict: 2,
  river: 2,
  region: 2,
  governorate: 3,
  wilaya: 3,
  // The gazetteer holds no country entries today; a country is never finer than a province.
  country: 3,
};

/**
 * Place names in `text`, in order, each resolved to a gazetteer place or explicitly to none
 * (`place_id` null, with the reason and the candidates). Never throws on odd input: empty,
 * binary or very long text (read up to ~150,000 words) gives what it can, often [].
 * @example geoparse('A suicide bomber struck a checkpoint in Tarmiyah, north of Baghdad')[0]
 *   // { text: 'Tarmiyah', admin1_code: 'IQG08', geo_precision: 1, … }
 */
export function geoparse(text: string, opts: GeoparseOptions = {}): Toponym[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const index = getPlaces();
  const tokens = tokenize(text, MAX_TOKENS);
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const mixedCase = /[a-z]/.test(sample) && /[A-Z]/.test(sample);
  const mentions = recognize(text, tokens, index, mixedCase, opts.field ?? false);
  if (mentions.length === 0) return [];

  const countries = new Set<Iso3>(opts.countryHint ? [opts.countryHint] : []);
  for (const t of tokens) {
    const c = COUNTRY_WORDS.get(t.key) ?? (t.alt !== null ? COUNTRY_WORDS.get(t.alt) : undefined);
    if (c) countries.add(c);
  }
  const contributions = mentions.map(admin1Contribution);
  const counts = new Map<string, number>();
  for (const set of contributions) for (const c of set) counts.set(c, (counts.get(c) ?? 0) + 1);

  const resolveAll = (near: (k: number) => Array<{ lat: number; lon: number }>): Resolution[] =>
    mentions.map((m, k) => {
      if (m.places.length === 0) return { place: null, score: 0, candidates: [], reason: '' };
      const own = contributions[k] ?? new Set<string>();
      const admin1 = new Set(
        [...counts].filter(([c, n]) => n - (own.has(c) ? 1 : 0) > 0).map(([c]) => c),
      );
      return resolveCandidates(m.places, {
        countries,
        admin1,
        cue: kindCue(tokens, m.i, m.j),
        loose: m.loose,
        near: near(k),
      });
    });
  let resolved = resolveAll(() => []);
  if (mentions.some((m) => m.places.length > 1)) {
    const points = resolved.map((r) => (r.place && PRECISION[r.place.kind] < 3 ? r.place : null));
    resolved = resolveAll((k) => {
      const out: Array<{ lat: number; lon: number }> = [];
      const to = Math.min(points.length, k + NEAR_WINDOW + 1);
      for (let q = Math.max(0, k - NEAR_WINDOW); q < to; q++) {
        const p = points[q];
        if (q !== k && p && p.lat !== null && p.lon !== null) out.push({ lat: p.lat, lon: p.lon });
      }
      return out;
    });
  }

  // "Qadisiyah, Baghdad": a name before the comma lies in the place named after it
  const within = withinContainers(text, tokens, mentions, resolved, (k, places, container) => {
    const m = mentions[k] as Mention;
    const { lat, lon } = container;
    return resolveCandidates(places, {
      countries,
      admin1: new Set(container.admin1_code ? [container.admin1_code] : []),
      cue: kindCue(tokens, m.i, m.j),
      loose: m.loose,
      near: lat !== null && lon !== null ? [{ lat, lon }] : [],
    });
  });

  return mentions.map((m, k) => {
    if (m.cue) return unknownPlace(text, tokens, k, m.cue, mentions, resolved);
    const w = within[k];
    let r = resolved[k] as Resolution;
    if (w?.kind === 'inside') return insidePlace(text, tokens, m, r, w.anchor, index);
    if (w?.kind === 'restricted') {
      const reason = `within ${w.container.name}, named after it; ${w.resolution.reason}`;
      r = { ...w.resolution, reason };
    }
    const around = r.place !== null && countrysideCue(tokens, m.i, m.j);
    if (around) r = countryside(r, m, tokens, text, index);
    if (m.fieldOnly && r.place) r = nearWhatFieldSays(r, tokens, mentions, resolved, k);
    const t = toponym(text, tokens, m, r, index);
    // A town's countryside kept as the town (its governorate would be a guess) is somewhere
    // around it, not at it: "Salamia countryside" reaches villages 50 km out.
    if (around && t.geo_precision === 1) {
      t.geo_precision = 2;
      t.reason = `around ${t.name} (its countryside); ${t.reason}`;
    }
    return t;
  });
}

/** How far past its stated distance a field's name may lie from the place it is said to be near. */
const FIELD_SLACK_KM = 50;

/**
 * A name taken only as the opening of a location field ("Rasheed, near Hilla") must agree with
 * the place the field locates it by: another reading of "Rasheed" 100 km away in Baghdad is not
 * it. Dropped when it lies farther from that place than the stated distance plus FIELD_SLACK_KM;
 * the field then falls back on "near Hilla", as in prose.
 */
function nearWhatFieldSays(
  r: Resolution,
  tokens: readonly Token[],
  mentions: readonly Mention[],
  resolved: readonly Resolution[],
  k: number,
): Resolution {
  const p = r.place as Place;
  if (p.lat === null || p.lon === null) return r;
  for (let q = 0; q < mentions.length; q++) {
    const anchor = resolved[q]?.place;
    if (q === k || !anchor || anchor.lat === null || anchor.lon === null) continue;
    const cue = relativeCue(tokens, (mentions[q] as Mention).i);
    if (!cue) continue;
    const d = km(p.lat, p.lon, anchor.lat, anchor.lon);
    if (d > (cue.distance_km ?? 0) + FIELD_SLACK_KM) {
      const reason = `not ${p.name} (${p.kind}, ${p.admin1 ?? '?'}): ${Math.round(d)} km from ${anchor.name}, which the field places it near`;
      return { ...r, place: null, reason };
    }
  }
  return r;
}

/**
 * "countryside of Aleppo", "rural Damascus": the province around the city, not its point. The
 * kind cue already reads a governorate's name as the governorate (precision 3); this adds the
 * governorate named for the countryside itself, which is not always the city's own: the
 * countryside of Damascus is Rural Damascus. A town's countryside keeps the town (its
 * governorate would be a guess; UCDP headlines that name one also name the place of the event).
 */
function countryside(
  r: Resolution,
  m: Mention,
  tokens: readonly Token[],
  text: string,
  index: PlaceIndex,
): Resolution {
  const p = r.place as Place;
  if (p.kind !== 'governorate' && p.kind !== 'city') return r;
  const { span } = mentionSpan(text, tokens, m);
  const key = `${p.id}\u0000${span}`;
  let gov = countrysides.get(key);
  if (gov === undefined) {
    gov = null;
    for (const name of new Set([span, p.name])) {
      for (const alias of [`${name} countryside`, `rural ${name}`, `ريف ${name}`]) {
        const hit = index.find(alias);
        if (gov || hit.loose) continue;
        gov = hit.places.find((q) => q.kind === 'governorate' && q.country === p.country) ?? null;
      }
    }
    // headlines repeat a few dozen "X countryside"s: memoised, bounded
    if (countrysides.size > 10_000) countrysides.clear();
    countrysides.set(key, gov);
  }
  if (!gov) return r;
  return { ...r, place: gov, reason: `countryside of ${p.name}: ${gov.name}; ${r.reason}` };
}

const countrysides = new Map<string, Place | null>();

/** Where a mention stands in the text, and its words as written. */
function mentionSpan(
  text: string,
  tokens: readonly Token[],
  m: Mention,
): { start: number; end: number; span: string } {
  const start = (tokens[m.i] as Token).start;
  const end = (tokens[m.j] as Token).end;
  return { start, end, span: text.slice(start, end) };
}

/** A name whose every reading lies outside the place named after it: a place inside that one. */
function insidePlace(
  text: string,
  tokens: readonly Token[],
  m: Mention,
  r: Resolution,
  anchor: Place,
  index: PlaceIndex,
): Toponym {
  const { start, end, span: name } = mentionSpan(text, tokens, m);
  const settlement = anchor.kind === 'city' || anchor.kind === 'town';
  const not = r.place ? `not ${r.place.name} (${r.place.kind}, ${r.place.admin1 ?? '?'}): ` : '';
  const reason = `${not}no place of that name lies in ${anchor.name} (${anchor.kind}), named after it; located by ${anchor.name}`;
  const kind = settlement ? 'neighbourhood' : 'town';
  return locatedBy(start, end, name, kind, anchor, index, r.candidates, reason);
}

/**
 * A name the gazetteer lacks, at the point and admin units of the place that locates it, one
 * step coarser (a town's point stands for somewhere near it).
 */
function locatedBy(
  start: number,
  end: number,
  name: string,
  kind: PlaceKind,
  anchor: Place,
  index: PlaceIndex,
  candidates: Resolution['candidates'],
  reason: string,
): Toponym {
  const precision = PRECISION[anchor.kind] === 3 ? 3 : 2;
  const admin = adminOf(anchor, index);
  const r = { score: 0, candidates };
  return make(
    start,
    end,
    name,
    null,
    name,
    kind,
    anchor.lat,
    anchor.lon,
    admin,
    precision,
    r,
    reason,
  );
}

let placeIndex: PlaceIndex | undefined;
let adminLookup: AdminLookup | undefined;
const getPlaces = (): PlaceIndex => (placeIndex ??= PlaceIndex.load());
const getAdmin = (): AdminLookup => (adminLookup ??= AdminLookup.load());

/** Governorates a mention names for the others: its governorate candidates, or its one area. */
function admin1Contribution(m: Mention): Set<string> {
  const out = new Set<string>();
  for (const p of m.places) {
    if (p.kind === 'governorate' && p.admin1_code) out.add(p.admin1_code);
    if (p.kind === 'wilaya') for (const c of p.covers ?? []) if (c.length > 3) out.add(c);
  }
  const areas = new Set(m.places.map((p) => p.admin1_code));
  if (out.size === 0 && areas.size === 1) {
    const [only] = areas;
    if (only) out.add(only);
  }
  return out.size > 3 ? new Set() : out;
}

function toponym(
  text: string,
  tokens: readonly Token[],
  m: Mention,
  r: Resolution,
  index: PlaceIndex,
): Toponym {
  const { start, end, span } = mentionSpan(text, tokens, m);
  const p = r.place;
  if (!p) {
    const kind = index.byId(r.candidates[0]?.place_id ?? '')?.kind ?? 'town';
    return make(start, end, span, null, span, kind, null, null, NO_ADMIN, 3, r, r.reason);
  }
  const precision = PRECISION[p.kind];
  const cue = p.kind === 'river' ? undefined : relativeCue(tokens, m.i);
  const rel = cue && partOfTown(tokens, m, cue, p) ? undefined : cue;
  if (!rel || p.lat === null || p.lon === null) {
    return make(
      start,
      end,
      span,
      p.id,
      p.name,
      p.kind,
      p.lat,
      p.lon,
      adminOf(p, index),
      precision,
      r,
      r.reason,
    );
  }
  const moved = rel.distance_km !== undefined && rel.direction !== undefined;
  const [lat, lon] = moved
    ? offset(p.lat, p.lon, rel.distance_km ?? 0, rel.direction ?? '')
    : [p.lat, p.lon];
  const admin = (moved ? getAdmin().locate(lon, lat) : null) ?? adminOf(p, index);
  const reason = `relative to ${p.name}; ${r.reason}`;
  const out = make(
    start,
    end,
    span,
    p.id,
    p.name,
    p.kind,
    lat,
    lon,
    admin,
    precision === 3 ? 3 : 2,
    r,
    reason,
  );
  out.relative = { anchor_place_id: p.id };
  if (rel.distance_km !== undefined) out.relative.distance_km = rel.distance_km;
  if (rel.direction !== undefined) out.relative.direction = rel.direction;
  return out;
}

/**
 * "east Mosul", "southern Baghdad": in English a bare direction word before a town names a part
 * of it, not a place beside it ("east of Mosul", "20 km east of Mosul"), so the town itself is
 * the place, at its own precision. Arabic "شرق الموصل" reads either way and stays relative.
 */
function partOfTown(tokens: readonly Token[], m: Mention, cue: RelativeCue, p: Place): boolean {
  if (cue.distance_km !== undefined || cue.direction === undefined) return false;
  if (p.kind !== 'city' && p.kind !== 'town') return false;
  const prev = tokens[m.i - 1]?.norm ?? '';
  return /^[a-z]+$/.test(prev) && prev !== 'of' && prev !== 'to';
}

/** A name the gazetteer lacks, placed by the nearest resolved place or governorate in the text. */
function unknownPlace(
  text: string,
  tokens: readonly Token[],
  self: number,
  kind: PlaceKind,
  mentions: readonly Mention[],
  resolved: readonly Resolution[],
): Toponym {
  const m = mentions[self] as Mention;
  const { start, end, span: name } = mentionSpan(text, tokens, m);
  let anchor: Place | null = null;
  let distance = Infinity;
  const to = Math.min(mentions.length, self + NEAR_WINDOW + 1);
  for (let k = Math.max(0, self - NEAR_WINDOW); k < to; k++) {
    const other = mentions[k] as Mention;
    const p = resolved[k]?.place;
    if (!p || k === self || p.lat === null || p.lon === null) continue;
    const d = Math.abs(other.i - m.i) + (PRECISION[p.kind] === 3 ? 1000 : 0);
    if (d < distance) [anchor, distance] = [p, d];
  }
  const a = anchor as Place | null;
  if (!a) {
    const reason = `${kind} not in the gazetteer; no other place in the text to locate it`;
    const none = { score: 0, candidates: [] };
    return make(start, end, name, null, name, kind, null, null, NO_ADMIN, 3, none, reason);
  }
  const reason = `${kind} not in the gazetteer; located by ${a.name} (${a.kind}) named in the same text`;
  return locatedBy(start, end, name, kind, a, getPlaces(), [], reason);
}

/** One object shape for every toponym (keeps the hot path monomorphic). */
function make(
  start: number,
  end: number,
  text: string,
  place_id: string | null,
  name: string,
  kind: PlaceKind,
  lat: number | null,
  lon: number | null,
  a: AdminFields,
  geo_precision: 1 | 2 | 3,
  r: Pick<Resolution, 'score' | 'candidates'>,
  reason: string,
): Toponym {
  return {
    start,
    end,
    text,
    place_id,
    name,
    kind,
    lat,
    lon,
    country: a.country,
    admin1: a.admin1,
    admin1_code: a.admin1_code,
    admin2: a.admin2,
    admin2_code: a.admin2_code,
    admin3: a.admin3,
    admin3_code: a.admin3_code,
    geo_precision,
    score: r.score,
    candidates: r.candidates,
    reason,
  };
}

type AdminFields = Pick<
  Toponym,
  'country' | 'admin1' | 'admin1_code' | 'admin2' | 'admin2_code' | 'admin3' | 'admin3_code'
>;

const NO_ADMIN: AdminFields = {
  country: null,
  admin1: null,
  admin1_code: null,
  admin2: null,
  admin2_code: null,
  admin3: null,
  admin3_code: null,
};

function adminOf(p: Place, index: PlaceIndex): AdminFields {
  if (p.kind === 'wilaya') {
    const [code] = p.covers ?? [];
    const unit = p.covers?.length === 1 && code ? index.byId(`cod:${code}`) : undefined;
    return unit ? adminOf(unit, index) : { ...NO_ADMIN, country: p.country };
  }
  return p;
}
