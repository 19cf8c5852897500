/**
 * Toponym recognition: longest match of token runs over the alias index, on token boundaries
 * only, with the guards that keep common words from becoming places ("a roadside bomb hit a
 * patrol" has no Hit in it), and the context cue that admits a name the gazetteer lacks ("the
 * village of Tal Jabal").
 */
import { isLocative, kindCue, kindWord, relativeCue } from './cues.js';
import type { Place, PlaceIndex, PlaceKind } from './place-index.js';
import type { Token } from './tokens.js';

/** A run of tokens [i, j] that names places (or, with `cue`, an unknown place). */
export interface Mention {
  i: number;
  j: number;
  places: readonly Place[];
  loose: boolean;
  /** For a name not in the gazetteer: the kind the context gives it. */
  cue?: PlaceKind;
  /**
   * Taken only because it opens a part of a location field: in prose it would have been too
   * weak. Such a name yields to what else the field says (its container, a place it is near).
   */
  fieldOnly?: boolean;
}

/**
 * Latin place names that are also everyday English words or personal names: matched only after
 * a locative preposition or with a kind word ("in Hit", "Hit district").
 */
const AMBIGUOUS: ReadonlySet<string> = new Set(
  (
    'hit ana ball cat has hay man mal san tar tall sur tum kill hero adel diana hannah hanna sara ' +
    'sarah salam islah rashid hamza rami maan sabah walid husayn uthman amara nasr said mari dana ' +
    'alma sama tah teb tub tib hai hayy sin shin bara rai arak bab kum mark era jat sada safe ' +
    'salman assad nimr hamra ali hadi karama thawra wahda huriya sinai sham iraq syria tal tall ' +
    'ain ayn abu ras deir dayr kafr jisr khan bir umm sheikh shaykh jannah janna ayyash zahra zahraa'
  ).split(' '),
);

/**
 * Arabic words that are also place names in the index (عنه "from it" = Anah; مدينة "city"):
 * matched only after في / قرب or a kind word.
 */
const AMBIGUOUS_AR: ReadonlySet<string> = new Set(
  'عنه مدينه قريه بلده منطقه جنه الجنه السلام النصر الحريه الوحده الكرامه الرشيد الامام الصدر الجديده الحي'.split(
    ' ',
  ),
);

/** Places abroad that share a name with a place in the index: read as abroad unless typed. */
const FOREIGN: ReadonlySet<string> = new Set(
  'riyadh riyad mecca makkah medina madinah gaza sinai amman beirut cairo tehran ankara'.split(' '),
);

/** Prepositions strong enough to make an ambiguous word a place: "in Hit", "near Hit". */
const STRONG_LOCATIVE: ReadonlySet<string> = new Set(
  'in near at outside into around inside في قرب داخل'.split(' '),
);

/** Kinds too minor to accept from a bare capitalised word without a locative before it. */
const MINOR: ReadonlySet<PlaceKind> = new Set(['village', 'site', 'neighbourhood', 'subdistrict']);

/** First words of Arabic compound village names ("قرية تل عبد", "قرية عين عيسى"). */
const ARABIC_COMPOUND: ReadonlySet<string> = new Set(
  'ابو ام تل عين بير بئر شيخ الشيخ خربه دير كفر جسر مزرعه ام رأس راس'.split(' '),
);

/** Capitalised at a sentence start, never a village name. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'the a an this that these those one another each its their his her our no some any which whose every'.split(
    ' ',
  ),
);

/** All mentions in `tokens`, left to right, none overlapping. */
export function recognize(
  text: string,
  tokens: readonly Token[],
  index: PlaceIndex,
  mixedCase: boolean,
  field = false,
): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length;) {
    const known = longest(text, tokens, i, index, mixedCase, field);
    const unknown = unknownAfterCue(text, tokens, i);
    // "the village of Tal Jabal": a longer capitalised name after the cue beats a known prefix
    const m = unknown && (!known || unknown.j > known.j) ? unknown : known;
    if (m) {
      out.push(m);
      i = m.j + 1;
    } else i++;
  }
  return out;
}

function longest(
  text: string,
  tokens: readonly Token[],
  i: number,
  index: PlaceIndex,
  mixedCase: boolean,
  field: boolean,
): Mention | null {
  const first = tokens[i];
  if (!first || first.script === 'other') return null;
  const latin = first.script === 'latin';
  if (latin && mixedCase && !first.cap && !first.article) return null;
  if (latin && insideLongerName(text, tokens, i)) return null;
  let best: Mention | null = null;
  let prefix = '';
  let altPrefix: string | null = null;
  let lower = false;
  const last = Math.min(tokens.length, i + index.maxTokens) - 1;
  for (let j = i; j <= last; j++) {
    const t = tokens[j] as Token;
    if (j > i) {
      const prev = tokens[j - 1] as Token;
      if (t.script !== first.script || !joined(text, prev.end, t.start)) break;
    }
    // a lowercase word may continue a name only as spelled in an alias ("Damascus countryside")
    if (latin && mixedCase && !t.cap && !t.article) lower = true;
    if (!t.article) {
      const key = prefix + t.key;
      const alt = j === i ? first.alt : altPrefix !== null ? altPrefix + t.key : null;
      const exact = index.exactHit(key) ?? (alt !== null ? index.exactHit(alt) : undefined);
      if (exact) best = { i, j, places: exact, loose: false };
      else if (latin && !lower && key.length >= 5) {
        const loose = index.looseHit(key);
        if (loose) best = { i, j, places: loose, loose: true };
      }
      prefix += t.key;
      altPrefix = j === i ? first.alt : altPrefix !== null ? altPrefix + t.key : null;
    }
  }
  if (!best) return null;
  if (accept(text, best, tokens, mixedCase, false)) return best;
  return field && accept(text, best, tokens, mixedCase, true) ? { ...best, fieldOnly: true } : null;
}

/**
 * Token i continues a capitalised name the index does not hold: "Kafr Nubl" (not Nubl),
 * "Bab Baghdad" (a gate of Raqqa, not Baghdad), "Daraa Al-Balad" (not Balad in Iraq); or it is
 * an English word read as an article ("at Bab": "at" is not "at-").
 */
function insideLongerName(text: string, tokens: readonly Token[], i: number): boolean {
  const first = tokens[i] as Token;
  if (first.article && !first.cap && first.norm !== 'al' && first.norm !== 'el') {
    if (text.charCodeAt(first.end) !== 45) return true;
  }
  const prev = tokens[i - 1];
  if (!prev || prev.script !== 'latin' || !prev.cap || !joined(text, prev.end, first.start)) {
    return false;
  }
  if (isLocative(prev) || FUNCTION_WORDS.has(prev.norm)) return false;
  if (prev.article) return insideLongerName(text, tokens, i - 1);
  return first.article || NAME_PREFIX.has(prev.norm);
}

/** Generic first words of Levantine and Mesopotamian place names. */
const NAME_PREFIX: ReadonlySet<string> = new Set(
  'kafr kfar tal tell tall ain ayn deir dayr jisr khan bir ras umm abu beit bayt jabal jebel wadi mazraat khirbet khirbat sheikh shaykh bab hayy souq suq'.split(
    ' ',
  ),
);

/** Guards against common words and bare minor names. */
function accept(
  text: string,
  m: Mention,
  tokens: readonly Token[],
  mixedCase: boolean,
  field: boolean,
): boolean {
  const first = tokens[m.i] as Token;
  const single = m.i === m.j;
  const opensPart = field && opensFieldPart(text, tokens, m.i);
  const context =
    opensPart ||
    isLocative(tokens[m.i - 1]) ||
    kindCue(tokens, m.i, m.j) !== undefined ||
    relativeCue(tokens, m.i) !== undefined ||
    (first.alt !== null && 'بف'.includes(first.norm[0] ?? ''));
  // An everyday word ("Hit", "Hay") only when it is the whole part: "Hay 90" is a quarter
  const strong =
    (opensPart && closesFieldPart(text, tokens, m.j)) ||
    STRONG_LOCATIVE.has(tokens[m.i - 1]?.norm ?? '') ||
    kindCue(tokens, m.i, m.j) !== undefined;
  if (single && kindWord(first)) return false; // مدينة "city", not Al-Madinah
  if (single && first.script === 'arabic' && AMBIGUOUS_AR.has(first.norm) && !strong) {
    return false;
  }
  if (first.script === 'latin') {
    if (single && first.norm.length < 3) return false;
    if (single && first.upper && first.norm.length <= 4 && mixedCase) return false; // acronyms
    if (single && AMBIGUOUS.has(first.norm) && !strong) return false;
    if (single && FOREIGN.has(first.norm) && kindCue(tokens, m.i, m.j) === undefined) return false;
    const next = tokens[m.j + 1];
    const longer =
      next?.cap &&
      next.script === 'latin' &&
      !next.upper &&
      !kindWord(next) &&
      joined(text, first.end, next.start);
    if (
      single &&
      longer &&
      (AMBIGUOUS.has(first.norm) || m.places.every((p) => MINOR.has(p.kind)))
    ) {
      return false; // "Bab Baghdad", "Tal Jabal": a longer name the index lacks
    }
  }
  if (single && m.places.every((p) => MINOR.has(p.kind)) && !context) return false;
  if (m.loose && !context && m.places.every((p) => MINOR.has(p.kind))) return false;
  return true;
}

/** Token i opens a location field or one of its comma-separated parts ("Hit, …", "…, Taji"). */
function opensFieldPart(text: string, tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return !prev || /^[\s]*[,،][\s]*$/.test(text.slice(prev.end, (tokens[i] as Token).start));
}

/** Token j ends a location field or one of its comma-separated parts ("…, Hit", "Hit, …"). */
function closesFieldPart(text: string, tokens: readonly Token[], j: number): boolean {
  const next = tokens[j + 1];
  return !next || /^[\s]*[,،.;]/.test(text.slice((tokens[j] as Token).end, next.start));
}

/** Only spaces or one hyphen between two tokens of one name. */
function joined(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 2) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 45 && c !== 0x2010 && c !== 0x2011 && c !== 0xa0) return false;
  }
  return true;
}

/** "village of X", "town of X", "X village", "قرية X": X unknown to the gazetteer. */
function unknownAfterCue(text: string, tokens: readonly Token[], i: number): Mention | null {
  const t = tokens[i];
  if (!t || t.script === 'other') return null;
  const before = tokens[i - 1]?.norm === 'of' ? kindWord(tokens[i - 2]) : kindWord(tokens[i - 1]);
  if (t.script === 'arabic') {
    if (before !== 'village' && before !== 'town') return null;
    const compound = ARABIC_COMPOUND.has(t.norm) && tokens[i + 1]?.script === 'arabic';
    return { i, j: compound ? i + 1 : i, places: [], loose: false, cue: before };
  }
  if (!t.cap || t.upper || FUNCTION_WORDS.has(t.norm)) return null;
  let j = i;
  while (j < i + 3) {
    const next = tokens[j + 1];
    if (!next || !joined(text, (tokens[j] as Token).end, next.start)) break;
    if (!(next.cap || next.article) || kindWord(next)) break;
    j++;
  }
  while (j > i && (tokens[j] as Token).article) j--;
  const after = kindWord(tokens[j + 1]);
  const cue =
    before === 'village' || before === 'town'
      ? before
      : after === 'village' || after === 'town'
        ? after
        : undefined;
  if (!cue || (t.article && j === i)) return null;
  return { i, j, places: [], loose: false, cue };
}
