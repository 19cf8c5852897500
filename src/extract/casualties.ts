/**
 * Casualties: how many were killed and wounded, told apart from the attackers who died
 * ("two suicide bombers" are not victims). English and Arabic, digits and number words.
 * Vague counts ("dozens") give null with a note of the lower bound; never a guess.
 */
import { ARABIC_NUMBER_SOURCE, NUMBER_SOURCE, parseNumber, VAGUE } from './numbers.js';
import type { Span } from './types.js';
import { mayMatch } from './needles.js';

export interface Casualties {
  fatalities: number | null;
  wounded: number | null;
  fatalitiesSpan: Span | null;
  /** The count is a risen toll ("the death toll rose to 15"): it supersedes an earlier count. */
  tollUpdate: boolean;
  woundedSpan: Span | null;
  /** Attackers reported dead ("the bomber", "in addition to the assailant"); not in fatalities. */
  attackersKilled: number;
  notes: string[];
}

/** Word edges that also hold around Arabic-Indic digits (which \b does not see). */
const LB = String.raw`(?<![\w\u0660-\u0669\u06F0-\u06F9])`;
/** Not the "one" of "no one was killed". */
const NOT_NO = String.raw`(?<!\bno\s)`;
const RB = String.raw`(?![\w\u0660-\u0669\u06F0-\u06F9])`;
const QUAL = String.raw`(?:(?:at least|more than|over|some|about|around|nearly|almost|up to|as many as|approximately|roughly)\s+)?`;
const VAGUE_SRC = Object.keys(VAGUE).join('|');
const SINGULAR = String.raw`(?:soldier|policeman|policewoman|police officer|officer|civilian|child|boy|girl|woman|man|person|member|fighter|guard|employee|student|official|worker|farmer|shepherd|teacher|journalist|judge|cleric|imam|sheikh|mayor|pilgrim|bystander|passer-?by|militiaman|recruit|conscript|driver|doctor)`;
const NUM = String.raw`(?:${NUMBER_SOURCE}|${VAGUE_SRC}|an?(?=\s+(?:[A-Za-z-]+\s+){0,2}${SINGULAR}\b))`;
/** Words allowed between a number and its verb ("eight military personnel were"). */
const FILLER = String.raw`(?:(?!and\b|or\b|killed\b|wounded\b|injured\b|dead\b|were\b|was\b)[A-Za-z'’-]+\s+){0,4}?`;
const AUX = String.raw`(?:(?:were|was|have been|had been|has been|are|being|reportedly|also|later|all)\s+)*`;
const KILL_V = String.raw`(?:killed|dead|died|slain|perished|lost their lives|shot dead|executed|beheaded)`;
const WOUND_V = String.raw`(?:wounded|injured|hurt|wounds)`;

/** ", including three children," between a count and its verb. */
const APPOSITIVE = String.raw`(?:[A-Za-z'’-]+,\s*(?:including|among them)\s+[^,.;]{1,60},\s*)?`;
const EN_KILLED_A = new RegExp(
  String.raw`${LB}${NOT_NO}${QUAL}(${NUM})\s+${FILLER}${APPOSITIVE}${AUX}${KILL_V}\b`,
  'gi',
);
/** "death toll rose to", "the death toll from the attack reached", "a death toll of". */
const TOLL = String.raw`death toll(?: (?:from|in|of)(?: [\w-]+){1,3}?)?(?: (?:has |had )?(?:rose|risen|climbed|reached|stood|stands|jumped|increased|was|is))?(?: (?:to|at|of))?`;
const TOLL_UPDATE = /^death toll\b.*\b(?:rose|risen|climbed|reached|jumped|increased)\b/i;
const EN_KILLED_B = new RegExp(
  String.raw`\b(?:killed|killing|kills|leaving|left|claimed the lives of|${TOLL}|(?:killing|killed) (?:himself|herself|themselves) and)\s+${QUAL}(${NUM})${RB}(?:\s+(${FILLER}))?`,
  'gi',
);
const EN_BODIES = new RegExp(String.raw`\b(?:bodies|corpses) of ${QUAL}(${NUM})${RB}`, 'gi');
const NONE =
  /\bno (?:reported )?(?:casualties|deaths|injuries|fatalities|one was (?:killed|hurt|injured))(?:(?: were| was)? (?:reported|caused))?/i;
const EN_WOUND_A = new RegExp(
  String.raw`${LB}${NOT_NO}${QUAL}(${NUM})\s+${FILLER}${APPOSITIVE}${AUX}${WOUND_V}\b`,
  'gi',
);
const EN_WOUND_B = new RegExp(
  String.raw`\b(?:wounded|wounding|injured|injuring|wounds)\s+${QUAL}(${NUM})${RB}(?:\s+(${FILLER}))?`,
  'gi',
);

const AR_NUM = String.raw`(?:${ARABIC_NUMBER_SOURCE}|عشرات|العشرات)`;
const AR_DUAL = String.raw`(?:عنصرين|جنديين|شخصين|شرطيين|مدنيين اثنين)`;
const AR_KILLED = new RegExp(
  String.raw`(?:مقتل|هلاك|قتل|استشهاد|مصرع|وفاة|سقوط)\s+(?:(${AR_NUM})|(${AR_DUAL})|(عنصر|جندي|شرطي|شخص|ضابط|مدني)(?![\u0600-\u06FF]))`,
  'gu',
);
const AR_KILLED_N = new RegExp(String.raw`(${AR_NUM})\s+(?:قتلى|قتيلا|قتيل|شهداء|شهيدا)`, 'gu');
/** "مقتل ٢٠ إرهابيا": a count of militants (the attackers' side), not of victims. */
const AR_ATTACKER = /^\s*(?:من\s+)?(?:ال)?(?:إرهابي|ارهابي|داعشي|دواعش|مسلح|انتحاري|انغماسي)/u;
const AR_WOUND = new RegExp(
  String.raw`(?<!(?:مقتل|قتل|هلاك|سقوط)\s+و)(?:إصابة|اصابة|جرح|إصابات|اصابات|أصيب|اصيب|أصيبت)\s+(?:(${AR_NUM})|(${AR_DUAL})|(عنصر|جندي|شرطي|شخص|ضابط|مدني)(?![\u0600-\u06FF]))`,
  'gu',
);
const AR_WOUND_N = new RegExp(String.raw`(${AR_NUM})\s+(?:جرحى|مصابين|جريحا|جريح)`, 'gu');

/** Nouns for the attackers: a count of these is not a count of victims. */
const ATTACKER =
  /\b(?:suicide|bombers?|attackers?|assailants?|militants?|gunm[ae]n|perpetrators?|insurgents?|jihadists?|terrorists?|fighters?|extremists?|kidnappers?|snipers?|members of the (?:group|cell))\b/i;
/** Nouns that make a count one of victims even beside an attacker noun ("Peshmerga fighters"). */
const VICTIM =
  /\b(?:victims?|civilians?|people|soldiers?|police\w*|peshmerga|kurdish|tribal|army|security|government|pro-government|hashd|volunteers?|sdf|ypg|sahwa)\b/i;
const ATTACKER_DEATH =
  /\b(?:in addition to the (?:(?:two|three|four) )?(?:suicide )?(?:assailants?|attackers?|perpetrators?|bombers?)|(?:the|both|two|three|all) (?:suicide )?(?:bombers?|attackers?|assailants?|perpetrators?)(?:,? who)? (?:(?:was|were) )?(?:also )?(?:died|killed|blew (?:himself|themselves) up)|(?:killing|blew) (?:himself|herself|themselves))/i;

interface Hit {
  value: number | null;
  vague: string | null;
  /** "between 10 and 15", "10-15": a range, so no single value. */
  range: readonly [number, number] | null;
  span: Span;
}

/**
 * Words one of which every casualty pattern above contains (its verb or noun, lower-cased): a
 * clause with none of them is answered without running the patterns, as most clauses are.
 */
const CUES = [
  'kill',
  'dead',
  'died',
  'slain',
  'perish',
  'lost their lives',
  'execut',
  'behead',
  'leaving',
  'left',
  'claimed the lives',
  'death toll',
  'bodies',
  'corpses',
  'wound',
  'injur',
  'hurt',
  'no casualties',
  'no reported',
  'no deaths',
  'no injuries',
  'no fatalities',
  'no one was',
  'in addition to',
  'blew',
  'قتل',
  'قتي',
  'هلاك',
  'استشهاد',
  'مصرع',
  'وفاة',
  'سقوط',
  'شهداء',
  'شهيد',
  'إصاب',
  'اصاب',
  'جرح',
  'جريح',
  'أصيب',
  'اصيب',
  'مصابين',
];

/** Casualty counts in `text` (offsets shifted by `base`). */
export function casualties(text: string, base = 0): Casualties {
  const notes: string[] = [];
  if (!mayMatch(CUES, text.toLowerCase())) {
    const none = null;
    return {
      fatalities: none,
      wounded: none,
      fatalitiesSpan: none,
      woundedSpan: none,
      tollUpdate: false,
      attackersKilled: 0,
      notes,
    };
  }
  const attackerCounts: Hit[] = [];
  const killed = first([
    ...victims(EN_KILLED_A, text, base, 'a', attackerCounts),
    ...victims(EN_KILLED_B, text, base, 'b', attackerCounts),
    ...victims(EN_BODIES, text, base, 'b'),
    ...arabic(AR_KILLED, text, base, attackerCounts),
    ...arabic(AR_KILLED_N, text, base),
  ]);
  const wounded = first([
    ...victims(EN_WOUND_A, text, base, 'a'),
    ...victims(EN_WOUND_B, text, base, 'b'),
    ...arabic(AR_WOUND, text, base),
    ...arabic(AR_WOUND_N, text, base),
  ]);
  const none = NONE.exec(text);
  if (none && !killed && !wounded) {
    const span: Span = [base + none.index, base + none.index + none[0].length];
    return {
      fatalities: 0,
      wounded: 0,
      fatalitiesSpan: span,
      woundedSpan: span,
      tollUpdate: false,
      attackersKilled: 0,
      notes,
    };
  }
  if (killed?.vague)
    notes.push(
      `fatalities: "${killed.vague}" (at least ${VAGUE[killed.vague.toLowerCase()] ?? '?'})`,
    );
  if (wounded?.vague)
    notes.push(
      `wounded: "${wounded.vague}" (at least ${VAGUE[wounded.vague.toLowerCase()] ?? '?'})`,
    );
  if (killed?.range) notes.push(`fatalities: ${killed.range.join('–')} (a range, no single count)`);
  if (wounded?.range) notes.push(`wounded: ${wounded.range.join('–')} (a range, no single count)`);
  const att = ATTACKER_DEATH.exec(text);
  const attackersKilled = Math.max(
    att ? (/\b(?:two|both)\b/i.test(att[0]) ? 2 : /three/i.test(att[0]) ? 3 : 1) : 0,
    // "at least 15 assailants were killed", "killed three suicide bombers"
    attackerCounts[0]?.value ?? 0,
  );
  if (attackersKilled > 0)
    notes.push(`attackers killed: ${attackersKilled} (not counted in fatalities)`);
  return {
    fatalities: killed?.value ?? null,
    wounded: wounded?.value ?? null,
    fatalitiesSpan: killed?.span ?? null,
    woundedSpan: wounded?.span ?? null,
    tollUpdate:
      killed !== null && TOLL_UPDATE.test(text.slice(killed.span[0] - base, killed.span[1] - base)),
    attackersKilled,
    notes,
  };
}

function first(hits: Hit[]): Hit | null {
  hits.sort((a, b) => a.span[0] - b.span[0]);
  return hits[0] ?? null;
}

/**
 * Victim counts matched by `re` (form a: "N … were killed", form b: "killed N …"). Counts whose
 * nouns name the attackers go to `attackers` instead, when given.
 */
function victims(
  re: RegExp,
  text: string,
  base: number,
  form: 'a' | 'b',
  attackers?: Hit[],
): Hit[] {
  const out: Hit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const token = m[1] ?? '';
    const tokenAt = m.index + m[0].indexOf(token);
    // The nouns that say whose count it is: between number and verb (a), after the number (b).
    const after = m.index + m[0].length - (m[2]?.length ?? 0);
    const nouns =
      form === 'a'
        ? m[0].slice(m[0].indexOf(token) + token.length)
        : text.slice(after, after + 40).split(/[,.;]| and /)[0]!;
    // The span ends at the verb (a) or the number (b), not at the nouns after it.
    const length =
      form === 'a'
        ? m[0].length
        : m[0].indexOf(token, m[0].length - (m[2]?.length ?? 0) - token.length - 1) + token.length;
    const h = hit(token, m.index, length > 0 ? length : m[0].length, base);
    if (ATTACKER.test(nouns) && !VICTIM.test(nouns)) {
      attackers?.push(h);
      continue;
    }
    const range = rangeAround(text, tokenAt, token.length);
    if (range) out.push({ ...h, value: null, range });
    else if (form === 'a') out.push(withConjuncts(h, text, m.index));
    else out.push(withConjunctsAfter(h, text, nouns, after + nouns.length));
  }
  return out;
}

const NUM_ONLY = new RegExp(String.raw`^(?:${NUMBER_SOURCE})$`, 'i');
const RANGE_BEFORE = new RegExp(
  String.raw`(?:\bbetween\s+(${NUMBER_SOURCE})\s+and|${LB}(${NUMBER_SOURCE})\s*(?:-|–|to))\s*$`,
  'i',
);
const RANGE_AFTER = new RegExp(String.raw`^\s*(?:-|–|to)\s*(${NUMBER_SOURCE})${RB}`, 'i');

/** "between 10 and 15 were killed", "killed 10 to 15", "10-15 people": the two ends, or null. */
function rangeAround(text: string, at: number, length: number): [number, number] | null {
  const value = parseNumber(text.slice(at, at + length));
  if (value === null) return null;
  const before = RANGE_BEFORE.exec(text.slice(Math.max(0, at - 30), at));
  const low = before ? parseNumber(before[1] ?? before[2] ?? '') : null;
  if (low !== null && low < value) return [low, value];
  const after = RANGE_AFTER.exec(text.slice(at + length, at + length + 30));
  const high = after ? parseNumber(after[1]!) : null;
  return high !== null && high > value ? [value, high] : null;
}

/** A count and its nouns joined to the next by "and" or a comma: "four soldiers and ". */
const CONJUNCT = new RegExp(
  String.raw`${LB}(${NUMBER_SOURCE}|an?)\s+((?:[A-Za-z'’-]+\s+){0,2}[A-Za-z'’-]+)(?:\s*,\s*|\s+and\s+)$`,
  'i',
);
const OBJECT_OF_VERB = new RegExp(
  String.raw`\b(?:kill\w*|wound\w*|injur\w*|left|leaving|lives of|toll \w+ \w+)\s+${QUAL}$`,
  'i',
);
const NOT_NOUNS = /\b(?:were|was|are|is|killed|wounded|injured|dead|died|hurt|and|or|in|at|on)\b/i;

const CONJUNCT_AFTER = new RegExp(
  String.raw`^(?:\s*,\s*|\s+and\s+)(${NUMBER_SOURCE}|an?)\s+((?:[A-Za-z'’-]+\s+){0,2}?[A-Za-z'’-]+)(?=\s*(?:[,.;]|and\b|$))(?!\s+(?:were|was)\b)`,
  'i',
);

/**
 * "killed nine civilians and four soldiers": form (b) matched "killed nine civilians"; the
 * victims listed after `nouns` (ending at `from`), joined by "and" or commas, add to its count
 * (the span stays).
 */
function withConjunctsAfter(h: Hit, text: string, nouns: string, from: number): Hit {
  // "seven people including Adnan Bakkur, a commander": who is among them, not more of them.
  if (h.value === null || /\b(?:including|among)\b/i.test(nouns)) return h;
  let value = h.value;
  let at = from;
  for (let k = 0; k < 4; k++) {
    const m = CONJUNCT_AFTER.exec(text.slice(at, at + 60));
    if (!m || NOT_NOUNS.test(m[2]!) || (ATTACKER.test(m[2]!) && !VICTIM.test(m[2]!))) break;
    // ", a commander" after a comma names someone already counted; "and a civilian" adds one.
    const article = /^an?$/i.test(m[1]!);
    if (article && !/\band\s/i.test(m[0])) break;
    const n = article ? 1 : parseNumber(m[1]!);
    if (n === null) break;
    value += n;
    at += m[0].length;
  }
  return value === h.value ? h : { ...h, value };
}

/**
 * "Four soldiers and two civilians were killed": form (a) matched "two civilians were killed";
 * the victims listed before it, joined by "and" or commas, add to its count.
 */
function withConjuncts(h: Hit, text: string, matchAt: number): Hit {
  if (h.value === null) return h;
  let value = h.value;
  let start = matchAt;
  for (let k = 0; k < 4; k++) {
    const window = text.slice(Math.max(0, start - 60), start);
    const m = CONJUNCT.exec(window);
    if (!m || NOT_NOUNS.test(m[2]!) || (ATTACKER.test(m[2]!) && !VICTIM.test(m[2]!))) break;
    // "killed 3 people and 12 soldiers were wounded": that count belongs to another verb.
    if (OBJECT_OF_VERB.test(window.slice(0, m.index))) break;
    const n = /^an?$/i.test(m[1]!) ? 1 : NUM_ONLY.test(m[1]!) ? parseNumber(m[1]!) : null;
    if (n === null) break;
    value += n;
    start -= m[0].length;
  }
  return value === h.value ? h : { ...h, value, span: [h.span[0] - (matchAt - start), h.span[1]] };
}

function arabic(re: RegExp, text: string, base: number, attackers?: Hit[]): Hit[] {
  const out: Hit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1] && AR_ATTACKER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20)))
      attackers?.push(hit(m[1], m.index, m[0].length, base));
    else if (m[1]) out.push(hit(m[1], m.index, m[0].length, base));
    else if (m[2] || m[3])
      out.push({
        value: m[2] ? 2 : 1,
        vague: null,
        range: null,
        span: [base + m.index, base + m.index + m[0].length],
      });
  }
  return out;
}

function hit(token: string, index: number, length: number, base: number): Hit {
  const span: Span = [base + index, base + index + length];
  const key = token.toLowerCase();
  if (VAGUE[key] !== undefined) return { value: null, vague: token, range: null, span };
  if (key === 'a' || key === 'an') return { value: 1, vague: null, range: null, span };
  return { value: parseNumber(token), vague: null, range: null, span };
}
