/**
 * "Neighbourhood, City": in a comma chain of place names ("Qadisiyah, Baghdad", "Al-Ameerat
 * Street, Mansour, Baghdad", "Askari area, Tuz Khormato district, Saladin governorate") the last
 * name is the container and every name before it lies within it. Scoring each name on its own
 * lets a neighbourhood that shares its name with a governorate or a town elsewhere win
 * ("Qadisiyah" is also al-Qadisiyah governorate, "Ta'meem" Kirkuk's old name), so a reading of
 * an inner name that lies outside the container is dropped: another of its readings inside the
 * container is taken, else the name is a place inside the container that the gazetteer lacks,
 * located by the container. A name that itself contains the container ("Baghdad, Sadr City") is
 * left alone. Lists ("in Mosul, Kirkuk and Baghdad") and relative containers ("Madain, south of
 * Baghdad", "Zab, 85 km west of Kirkuk") are not chains.
 */
import { kindWord } from './cues.js';
import type { Place, PlaceKind } from './place-index.js';
import type { Mention } from './recognize.js';
import { km, type Resolution } from './resolve.js';
import { spanKey, tokenize, type Token } from './tokens.js';

/** What the chain rule decided for one mention. */
export type Within =
  | { kind: 'keep' }
  /** Re-resolved among the readings that lie inside the container. */
  | { kind: 'restricted'; resolution: Resolution; container: Place }
  /** No reading lies inside: a place inside `anchor` the gazetteer lacks. */
  | { kind: 'inside'; anchor: Place };

const KEEP: Within = { kind: 'keep' };

/** Kinds that can contain the names before them. */
const CONTAINER: ReadonlySet<PlaceKind> = new Set([
  'city',
  'town',
  'governorate',
  'district',
  'subdistrict',
]);
const AREA: ReadonlySet<PlaceKind> = new Set(['governorate', 'district', 'subdistrict']);
/** Kinds never read as lying inside a settlement. */
const NOT_INSIDE: ReadonlySet<PlaceKind> = new Set(['governorate', 'wilaya', 'country', 'river']);

/** A place this close to a city's point lies in the city (Baghdad's quarters reach ~20 km). */
const CITY_KM = 25;
const TOWN_KM = 10;

/** Words between the comma and the container that keep it a container ("east Mosul"). */
const WITHIN_WORDS: ReadonlySet<string> = new Set(
  (
    'north south east west northern southern eastern western northeast northwest southeast ' +
    'southwest northeastern northwestern southeastern southwestern central centre center ' +
    'downtown inner greater old the city town شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط مركز مدينه'
  ).split(' '),
);

/**
 * Words between an inner name and the comma: a part of a town ("Al-Shuhada areas, east Mosul")
 * or a landmark named after a place ("Mohammed al-Qasim highway, east Baghdad", "Sinaa Street").
 */
const PART_WORDS: ReadonlySet<string> = new Set(
  (
    'area areas district districts neighbourhood neighborhood neighbourhoods neighborhoods ' +
    'quarter quarters region street streets road square market village camp sector section ' +
    'highway bridge intersection junction roundabout checkpoint hospital garage school ' +
    'university college station mosque hotel gate building compound base factory farm farms ' +
    'orchards cemetery park club shrine church office wal ' +
    'منطقه حي شارع'
  ).split(' '),
);

const LIST_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'و', 'او']);

type Link = 'comma' | 'and' | null;

/**
 * For each mention, what the chain it ends or belongs to says about it (KEEP outside chains).
 * `rescore` re-resolves a mention among a subset of its readings, with the container's point
 * and governorate as context.
 */
export function withinContainers(
  text: string,
  tokens: readonly Token[],
  mentions: readonly Mention[],
  resolved: readonly Resolution[],
  rescore: (k: number, places: readonly Place[], container: Place) => Resolution,
): Within[] {
  const out: Within[] = mentions.map(() => KEEP);
  let k = 0;
  while (k < mentions.length) {
    // the run of mentions k..last joined by commas and list words
    let last = k;
    while (last + 1 < mentions.length && link(text, tokens, mentions, last) !== null) last++;
    if (last > k) decideRun(text, tokens, mentions, resolved, rescore, k, last, out);
    k = last + 1;
  }
  return out;
}

function decideRun(
  text: string,
  tokens: readonly Token[],
  mentions: readonly Mention[],
  resolved: readonly Resolution[],
  rescore: (k: number, places: readonly Place[], container: Place) => Resolution,
  first: number,
  last: number,
  out: Within[],
): void {
  // "Mosul, Kirkuk and Baghdad" is a list of peers, not a chain
  if (link(text, tokens, mentions, last - 1) !== 'comma') return;
  const end = mentions[last] as Mention;
  const container = resolved[last]?.place;
  if (!container || end.cue || !CONTAINER.has(container.kind)) return;
  if (!endsChain(text, tokens, end.j)) return;
  // "Qadisiyah" read as Diwaniyah city only through its governorate's name is that governorate
  const province =
    container.kind === 'governorate' ? container : borrowedFrom(tokens, end, container);
  // the container's readings that hold it: "Kirkuk" the city is also Kirkuk governorate and
  // district, so "Hawija, Kirkuk" (a town 55 km from the city) stays in Kirkuk
  const holders = province
    ? [province]
    : [
        container,
        ...end.places.filter(
          (p) => p !== container && AREA.has(p.kind) && areaContains(p, container),
        ),
      ];
  // A governorate name only wins when nothing more specific contradicts it: behind one, or
  // behind a district, an inner name is dropped only when it is itself a governorate name. A
  // subdistrict (nahiya) is as small as a town and named for its seat ("Al-Wihda, Jalawla",
  // where the gazetteer knows Jalawla only as a subdistrict): it holds its inner names as one.
  const settlement =
    !province &&
    (container.kind === 'city' || container.kind === 'town' || container.kind === 'subdistrict');
  const inside = (p: Place): boolean => holders.some((h) => lies(p, h));
  for (let k = first; k < last; k++) {
    const m = mentions[k] as Mention;
    const r = resolved[k] as Resolution;
    if (m.cue || m.places.length === 0) continue;
    const p = r.place;
    if (p && (p.kind === 'river' || inside(p) || holdsIt(p, container))) continue;
    const within = m.places.filter(inside);
    if (within.length > 0) {
      const again = rescore(k, within, container);
      if (again.place) {
        out[k] = { kind: 'restricted', resolution: again, container };
        continue;
      }
    }
    if (!p && m.places.some((q) => holdsIt(q, container))) continue;
    const weak =
      !p || p.kind === 'governorate' || m.fieldOnly || borrowedFrom(tokens, m, p) !== null;
    if (settlement || weak) out[k] = { kind: 'inside', anchor: container };
  }
}

/**
 * The governorate whose name a settlement reading was matched by ("Qadisiyah" → Al Diwaniyah,
 * "Ta'meem" → Kirkuk: capitals carry their governorate's names as aliases), or null when the
 * mention names the settlement itself.
 */
function borrowedFrom(tokens: readonly Token[], m: Mention, p: Place): Place | null {
  if (p.kind === 'governorate' || AREA.has(p.kind)) return null;
  const province = m.places.find(
    (q) => q.kind === 'governorate' && q !== p && q.admin1_code === p.admin1_code,
  );
  if (!province) return null;
  const said = spanKey(tokens.slice(m.i, m.j + 1));
  return said === spanKey(tokenize(p.name)) ? null : province;
}

/**
 * How mentions k and k+1 are joined: "A, B" / "A area, east B" ('comma'), "A and B" / "A/B"
 * ('and'), or not at all (anything else: other words, sentence punctuation, a relative "south
 * of B", "near B", "40 km from B").
 */
function link(
  text: string,
  tokens: readonly Token[],
  mentions: readonly Mention[],
  k: number,
): Link {
  const a = mentions[k] as Mention;
  const b = mentions[k + 1] as Mention;
  // most mentions are far apart: a cheap test first (this runs for every pair of every text)
  if (b.i - a.j - 1 > MAX_BETWEEN) return null;
  const from = (tokens[a.j] as Token).end;
  const to = (tokens[b.i] as Token).start;
  let comma = -1;
  let commas = 0;
  for (let q = from; q < to; q++) {
    const c = text.charCodeAt(q);
    if (c === 44 || c === 0x60c) {
      if (++commas > 3) return null;
      comma = q;
    } else if (STOPS.has(c)) return null;
  }
  if (comma >= 0) {
    // before the last comma: the rest of A's name, a landmark named after it ("Mohammed
    // al-Qasim highway"), names the index lacks ("Al-Salam checkpoint, Swaib, …"), a list
    // ("Al-Qadisiyah Al-Ola and Al-Shuhada areas"); after it only words that keep B a
    // container ("east Mosul", "the city of Mosul"; "south of Baghdad" is not one)
    let after = 0;
    // "…, Jihad or Furat, Baghdad": after the comma, a name the index lacks offered as an
    // alternative to B is B's peer, and the chain goes on through B
    // (a bare "…, and Baghdad" ends a list instead)
    const before = tokens[b.i - 2];
    const alternative =
      LIST_WORDS.has((tokens[b.i - 1] as Token).norm) &&
      before !== undefined &&
      before.start > comma &&
      b.i - 2 > a.j &&
      partOfName(before);
    for (let q = a.j + 1; q < b.i; q++) {
      const t = tokens[q] as Token;
      if (t.end <= comma) {
        if (!partOfName(t) && !LIST_WORDS.has(t.norm)) return null;
        continue;
      }
      if (alternative && (partOfName(t) || q === b.i - 1)) continue;
      if (++after > 3) return null;
      const prev = tokens[q - 1] as Token;
      if (t.norm === 'of' && prev.start > comma && kindWord(prev) !== undefined) continue;
      if (!WITHIN_WORDS.has(t.norm)) return null;
    }
    return 'comma';
  }
  if (b.i === a.j + 1) return /^\s*[/&]\s*$/.test(text.slice(from, to)) ? 'and' : null;
  const join = tokens[b.i - 1] as Token;
  if (!LIST_WORDS.has(join.norm) || b.i - a.j - 2 > 3) return null;
  for (let q = a.j + 1; q < b.i - 1; q++) if (!partOfName(tokens[q] as Token)) return null;
  return 'and';
}

/** Most words between two linked names ("Al-Salam checkpoint, Swaib, southwest Baghdad"). */
const MAX_BETWEEN = 10;

/** Characters that end a clause: no chain runs across them. */
const STOPS: ReadonlySet<number> = new Set([...'.;:!?()[]{}\n\r|؛'].map((c) => c.charCodeAt(0)));

/** The rest of a name the index lacks ("Al-Ola"), or a word for a part of a town ("area"). */
function partOfName(t: Token): boolean {
  return t.cap || t.article || PART_WORDS.has(t.norm);
}

/**
 * The container ends the chain: the text ends, or punctuation follows, or a kind word
 * ("Saladin governorate, Iraq"). "Mosul, Kirkuk police said" is no chain.
 */
function endsChain(text: string, tokens: readonly Token[], j: number): boolean {
  const next = tokens[j + 1];
  if (!next) return true;
  if (kindWord(next) !== undefined) return true;
  // "Aleppo, Hama, and Idlib": a list goes on after the comma; "Tal Tamr, Ayn Issa, Ras
  // al-Ayn": it goes on with a name the index lacks (but "…, Baghdad, Iraq" ends the chain)
  if (LIST_WORDS.has(next.norm)) return false;
  const gap = text.slice((tokens[j] as Token).end, next.start);
  if (/[,،]/.test(gap) && (next.cap || next.article) && !COUNTRIES.has(next.norm)) return false;
  return /[^\s\p{L}\p{N}'’-]/u.test(gap);
}

const COUNTRIES: ReadonlySet<string> = new Set(['iraq', 'syria', 'العراق', 'سوريا']);

/** `p` lies in `holder`: within its pcode, or near a settlement's point. */
function lies(p: Place, holder: Place): boolean {
  if (p.id === holder.id) return true;
  if (AREA.has(holder.kind)) return areaContains(holder, p);
  if (NOT_INSIDE.has(p.kind) || (AREA.has(p.kind) && p.kind !== 'subdistrict')) return false;
  return near(p, holder, holder.kind === 'city' ? CITY_KM : TOWN_KM);
}

/** `p` holds the container: an area it lies in, or a city it is a part of ("Baghdad, Sadr City"). */
function holdsIt(p: Place, container: Place): boolean {
  if (AREA.has(p.kind)) return areaContains(p, container);
  return p.kind === 'city' && container.kind !== 'city' && near(container, p, CITY_KM);
}

/** By pcode: an area unit contains a place whose code (or whose unit's code) extends its own. */
function areaContains(area: Place, p: Place): boolean {
  const code = ownCode(area);
  if (!code) return false;
  const own = ownCode(p);
  if (own) return own !== code && own.startsWith(code);
  return [p.admin1_code, p.admin2_code, p.admin3_code].includes(code);
}

function ownCode(p: Place): string | null {
  return p.id.startsWith('cod:') ? p.id.slice(4) : null;
}

function near(a: Place, b: Place, limit: number): boolean {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  return km(a.lat, a.lon, b.lat, b.lon) <= limit;
}
