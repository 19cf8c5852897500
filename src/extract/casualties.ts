/**
 * Casualties: how many were killed and wounded, told apart from the attackers who died
 * ("two suicide bombers" are not victims). English and Arabic, digits and number words.
 * Vague counts ("dozens") give null with a note of the lower bound; never a guess.
 */
import { NUMBER_SOURCE, parseNumber, VAGUE } from './numbers.js';
import type { Span } from './types.js';
import { mayMatch } from './needles.js';

export interface Casualties {
  fatalities: number | null;
  wounded: number | null;
  fatalitiesSpan: Span | null;
  woundedSpan: Span | null;
  /** Attackers reported dead ("the bomber", "in addition to the assailant"); not in fatalities. */
  attackersKilled: number;
  notes: string[];
}

/** Word edges that also hold around Arabic-Indic digits (which \b does not see). */
const LB = String.raw`(?<![\w\u0660-\u0669\u06F0-\u06F9])`;
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

const EN_KILLED_A = new RegExp(String.raw`${LB}${QUAL}(${NUM})\s+${FILLER}${AUX}${KILL_V}\b`, 'gi');
const EN_KILLED_B = new RegExp(
  String.raw`\b(?:killed|killing|kills|leaving|left|claimed the lives of|death toll (?:rose |climbed |reached )?(?:to|of|at))\s+${QUAL}(${NUM})${RB}(?:\s+(${FILLER}))?`,
  'gi',
);
const EN_BODIES = new RegExp(String.raw`\b(?:bodies|corpses) of ${QUAL}(${NUM})${RB}`, 'gi');
const NONE =
  /\bno (?:casualties|deaths|injuries|fatalities|one was (?:killed|hurt|injured))(?: were| was)? (?:reported|caused)?/i;
const EN_WOUND_A = new RegExp(String.raw`${LB}${QUAL}(${NUM})\s+${FILLER}${AUX}${WOUND_V}\b`, 'gi');
const EN_WOUND_B = new RegExp(
  String.raw`\b(?:wounded|wounding|injured|injuring|wounds)\s+${QUAL}(${NUM})${RB}(?:\s+(${FILLER}))?`,
  'gi',
);

const AR_NUM = String.raw`(?:${NUMBER_SOURCE}|عشرات|العشرات)`;
const AR_DUAL = String.raw`(?:عنصرين|جنديين|شخصين|شرطيين|مدنيين اثنين)`;
const AR_KILLED = new RegExp(
  String.raw`(?:مقتل|هلاك|قتل|استشهاد|مصرع|وفاة|سقوط)\s+(?:(${AR_NUM})|(${AR_DUAL})|(عنصر|جندي|شرطي|شخص|ضابط|مدني)(?![\u0600-\u06FF]))`,
  'gu',
);
const AR_KILLED_N = new RegExp(String.raw`(${AR_NUM})\s+(?:قتلى|قتيلا|قتيل|شهداء|شهيدا)`, 'gu');
const AR_WOUND = new RegExp(
  String.raw`(?:إصابة|اصابة|جرح|إصابات|اصابات)\s+(?:(${AR_NUM})|(${AR_DUAL})|(عنصر|جندي|شرطي|شخص|ضابط|مدني)(?![\u0600-\u06FF]))`,
  'gu',
);
const AR_WOUND_N = new RegExp(String.raw`(${AR_NUM})\s+(?:جرحى|مصابين|جريحا|جريح)`, 'gu');

/** Nouns for the attackers: a count of these is not a count of victims. */
const ATTACKER =
  /\b(?:suicide|bombers?|attackers?|assailants?|militants?|gunm[ae]n|perpetrators?|insurgents?|jihadists?|terrorists?|fighters?|extremists?|kidnappers?|snipers?|members of the (?:group|cell))\b/i;
const ATTACKER_DEATH =
  /\b(?:in addition to the (?:(?:two|three|four) )?(?:suicide )?(?:assailants?|attackers?|perpetrators?|bombers?)|(?:the|both|two|three|all) (?:suicide )?(?:bombers?|attackers?|assailants?) (?:also )?(?:died|were killed|was killed|blew (?:himself|themselves) up)|(?:killing|blew) (?:himself|herself|themselves))/i;

interface Hit {
  value: number | null;
  vague: string | null;
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
      attackersKilled: 0,
      notes,
    };
  }
  const killed = first([
    ...victims(EN_KILLED_A, text, base, 'a'),
    ...victims(EN_KILLED_B, text, base, 'b'),
    ...victims(EN_BODIES, text, base, 'b'),
    ...arabic(AR_KILLED, text, base),
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
  const att = ATTACKER_DEATH.exec(text);
  const attackersKilled = att
    ? /\b(?:two|both)\b/i.test(att[0])
      ? 2
      : /three/i.test(att[0])
        ? 3
        : 1
    : 0;
  if (attackersKilled > 0)
    notes.push(`attackers killed: ${attackersKilled} (not counted in fatalities)`);
  return {
    fatalities: killed?.value ?? null,
    wounded: wounded?.value ?? null,
    fatalitiesSpan: killed?.span ?? null,
    woundedSpan: wounded?.span ?? null,
    attackersKilled,
    notes,
  };
}

function first(hits: Hit[]): Hit | null {
  hits.sort((a, b) => a.span[0] - b.span[0]);
  return hits[0] ?? null;
}

function victims(re: RegExp, text: string, base: number, form: 'a' | 'b'): Hit[] {
  const out: Hit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const token = m[1] ?? '';
    // The nouns that say whose count it is: between number and verb (a), after the number (b).
    const after = m.index + m[0].length - (m[2]?.length ?? 0);
    const nouns =
      form === 'a'
        ? m[0].slice(m[0].indexOf(token) + token.length)
        : text.slice(after, after + 40).split(/[,.;]| and /)[0]!;
    if (ATTACKER.test(nouns) && !/\b(?:victims?|civilians?|people|soldiers?|police)\b/i.test(nouns))
      continue;
    // The span ends at the verb (a) or the number (b), not at the nouns after it.
    const length =
      form === 'a'
        ? m[0].length
        : m[0].indexOf(token, m[0].length - (m[2]?.length ?? 0) - token.length - 1) + token.length;
    out.push(hit(token, m.index, length > 0 ? length : m[0].length, base));
  }
  return out;
}

function arabic(re: RegExp, text: string, base: number): Hit[] {
  const out: Hit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1]) out.push(hit(m[1], m.index, m[0].length, base));
    else if (m[2])
      out.push({ value: 2, vague: null, span: [base + m.index, base + m.index + m[0].length] });
    else if (m[3])
      out.push({ value: 1, vague: null, span: [base + m.index, base + m.index + m[0].length] });
  }
  return out;
}

function hit(token: string, index: number, length: number, base: number): Hit {
  const span: Span = [base + index, base + index + length];
  const key = token.toLowerCase();
  if (VAGUE[key] !== undefined) return { value: null, vague: token, span };
  if (key === 'a' || key === 'an') return { value: 1, vague: null, span };
  return { value: parseNumber(token), vague: null, span };
}
