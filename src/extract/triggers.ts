/**
 * Attack triggers: the words that say an attack happened, each naming a GTD attack type and
 * finer tactics. English and Arabic. `strength` 2 = a specific attack word ("car bomb",
 * "ambush", "اغتيال"); 1 = generic ("attacked", "استهداف", "killed") — enough to report an
 * event, not to type it beyond `armed_assault`/`unknown`.
 */
import type { AttackType, Tactic } from '../model/index.js';
import { ruleMatches, type NeedleIndex } from './needles.js';
import type { Span } from './types.js';

export interface TriggerRule {
  re: RegExp;
  type: AttackType;
  tactics: readonly Tactic[];
  strength: 1 | 2;
  /**
   * Lower-case strings one of which every match contains: a rule none of whose needles occurs
   * in the text is not run (String#includes is far cheaper than a regex scan). Checked against
   * real text in triggers.test.ts.
   */
  needles: readonly string[];
}

export interface TriggerHit {
  type: AttackType;
  tactics: readonly Tactic[];
  strength: 1 | 2;
  span: Span;
}

const r = (
  src: string,
  type: AttackType,
  tactics: Tactic[],
  needles: readonly string[],
  strength: 1 | 2 = 2,
): TriggerRule => ({
  re: new RegExp(src, 'giu'),
  type,
  tactics,
  strength,
  needles,
});

/** Order does not matter: every rule is tried; the GTD hierarchy picks the type (attackType). */
export const TRIGGER_RULES: readonly TriggerRule[] = [
  // Bombing / explosion
  r(
    String.raw`\b(?:car|truck|vehicle)[- ]bomb(?:s|ings?|ers?)?\b|\bVBIEDs?\b|\bSVBIEDs?\b|\bexplosives?[- ](?:laden|packed|rigged)\s+(?:car|vehicle|truck|tanker)s?\b|\bbooby[- ]trapped\s+(?:car|vehicle|truck)s?\b`,
    'bombing',
    ['vbied'],
    ['bomb', 'vbied', 'explosive', 'booby'],
  ),
  r(
    String.raw`\bsuicide\s+(?:car\s+)?(?:bomb(?:er|ing)?s?|attack(?:er)?s?|vests?|belts?)\b|\bblew (?:himself|herself|themselves) up\b`,
    'bombing',
    ['suicide'],
    ['suicide', 'blew'],
  ),
  r(
    String.raw`\b(?:roadside|sticky|magnetic|planted)\s+bombs?\b|\bIEDs?\b|\bimprovised explosive devices?\b|\bexplosive devices?\b`,
    'bombing',
    ['ied'],
    ['bomb', 'ied', 'explosive'],
  ),
  r(String.raw`\b(?:land\s?mines?)\b`, 'bombing', ['landmine'], ['mine']),
  r(
    String.raw`\bmortars?(?:\s+(?:shells?|rounds?|fire))?\b|\b(?:rockets?|katyushas?|missiles?)\b(?!-propelled)|\bshelling\b|\bshelled\b`,
    'bombing',
    ['indirect_fire'],
    ['mortar', 'rocket', 'katyusha', 'missile', 'shell'],
  ),
  r(
    String.raw`\bbomb(?:s|ings?|ed)?\b|\bexplosions?\b|\bexploded\b|\bblasts?\b|\bdetonat(?:ed|ing|ion)\b|\bgrenades?\b`,
    'bombing',
    [],
    ['bomb', 'explo', 'blast', 'detonat', 'grenade'],
  ),
  r(
    String.raw`سيار(?:ة|ات)\s+مفخخ(?:ة|ات)|صهريج\s+مفخخ|عرب(?:ة|ات)\s+مفخخ`,
    'bombing',
    ['vbied'],
    ['مفخخ'],
  ),
  r(String.raw`عبو(?:ة|ات)\s+ناسف(?:ة|ات)|عبوة\s+لاصقة`, 'bombing', ['ied'], ['ناسف', 'لاصقة']),
  r(
    String.raw`استشهادي|انتحاري|حزام\s+ناسف`,
    'bombing',
    ['suicide'],
    ['استشهادي', 'انتحاري', 'حزام'],
  ),
  r(String.raw`تفجير|انفجار|فجر(?:وا)?\s`, 'bombing', [], ['تفجير', 'انفجار', 'فجر']),
  r(
    String.raw`قذائف\s+(?:ال)?هاون|قذيفة\s+هاون|صواريخ\s+(?:ال)?كاتيوشا|بالصواريخ|بقذائف|صاروخ`,
    'bombing',
    ['indirect_fire'],
    ['هاون', 'كاتيوشا', 'بالصواريخ', 'بقذائف', 'صاروخ'],
  ),
  // Assassination
  r(
    String.raw`\bassassinat(?:ed|ion|e|ing)\b|\bassassins?\b`,
    'assassination',
    ['assassination'],
    ['assassin'],
  ),
  r(String.raw`اغتيال`, 'assassination', ['assassination'], ['اغتيال']),
  // Kidnapping
  r(
    String.raw`\bkidnap(?:ped|ping|s)?\b|\babduct(?:ed|ion|ing)?\b|\btook\s+(?:\w+\s+)?hostages?\b|\btaken hostage\b`,
    'kidnapping',
    ['kidnapping'],
    ['kidnap', 'abduct', 'hostage'],
  ),
  r(String.raw`اختطاف|خطف|اختطف`, 'kidnapping', ['kidnapping'], ['اختطاف', 'خطف', 'اختطف']),
  // Armed assault
  r(String.raw`\bambush(?:ed|es)?\b`, 'armed_assault', ['ambush'], ['ambush']),
  r(String.raw`كمين`, 'armed_assault', ['ambush'], ['كمين']),
  r(String.raw`\bsnipers?\b|\bsniper fire\b`, 'armed_assault', ['sniper'], ['sniper']),
  r(String.raw`قنص|قناص`, 'armed_assault', ['sniper'], ['قنص', 'قناص']),
  r(
    String.raw`\bbehead(?:ed|ing|s)?\b|\bdecapitat(?:ed|ion)\b`,
    'armed_assault',
    ['beheading'],
    ['behead', 'decapitat'],
  ),
  r(String.raw`ذبح|نحر`, 'armed_assault', ['beheading'], ['ذبح', 'نحر']),
  r(String.raw`\bexecut(?:ed|ion|ions|ing)\b`, 'armed_assault', ['execution'], ['execut']),
  r(String.raw`إعدام|اعدام`, 'armed_assault', ['execution'], ['إعدام', 'اعدام']),
  r(
    String.raw`\bopened fire\b|\bgunm[ae]n\b|\bshot (?:dead|and killed)\b|\bshooting\b|\bgunfire\b|\bgun attack\b|\bstormed\b|\braid(?:ed)?\b|\bassailants\b|\bmilitants attacked\b`,
    'armed_assault',
    [],
    [
      'opened fire',
      'gunm',
      'shot',
      'shooting',
      'gunfire',
      'gun attack',
      'stormed',
      'raid',
      'assailants',
      'militants attacked',
    ],
  ),
  r(
    String.raw`\b(?:bodies|corpses) (?:of|were found|found)\b|\bmass killing\b`,
    'armed_assault',
    [],
    ['bodies', 'corpses', 'mass killing'],
  ),
  // "an armed attack", "(unknown) gunmen"
  r(String.raw`هجوم\s+مسلح|مسلح(?:ون|ين)`, 'armed_assault', [], ['مسلح']),
  r(
    String.raw`انغماسي|إنغماسي|اقتحام|اقتحم`,
    'armed_assault',
    [],
    ['انغماسي', 'إنغماسي', 'اقتحام', 'اقتحم'],
  ),
  r(String.raw`\bclash(?:es|ed)?\b`, 'armed_assault', ['clash'], ['clash'], 1),
  r(String.raw`اشتباك`, 'armed_assault', ['clash'], ['اشتباك'], 1),
  // Facility / infrastructure
  r(
    String.raw`\bset (?:fire|ablaze)\b|\btorched\b|\bburn(?:ed|t)(?: down)?\b|\barson\b|\bset on fire\b`,
    'facility_attack',
    ['arson'],
    ['set ', 'torched', 'burn', 'arson'],
  ),
  r(String.raw`إحراق|احراق|حرق`, 'facility_attack', ['arson'], ['إحراق', 'احراق', 'حرق']),
  // Generic words: an event, type left to context
  r(
    String.raw`\battack(?:ed|s|ing)?\b|\bassault(?:ed)?\b|\btargeted\b|\bstruck\b|\bshot\b`,
    'armed_assault',
    [],
    ['attack', 'assault', 'targeted', 'struck', 'shot'],
    1,
  ),
  r(
    String.raw`هجوم|هاجم|استهداف|استهدف`,
    'armed_assault',
    [],
    ['هجوم', 'هاجم', 'استهداف', 'استهدف'],
    1,
  ),
  r(String.raw`\bkill(?:ed|ing)\b|\bdied\b|\bdead\b`, 'unknown', [], ['kill', 'died', 'dead'], 1),
  r(String.raw`مقتل|هلاك|قتل`, 'unknown', [], ['قتل', 'هلاك'], 1),
];

/** GTD's hierarchy: when a text reads as several types, the first of these wins. */
export const TYPE_ORDER: readonly AttackType[] = [
  'assassination',
  'hijacking',
  'kidnapping',
  'barricade_hostage',
  'bombing',
  'armed_assault',
  'unarmed_assault',
  'facility_attack',
  'unknown',
];

/**
 * Every trigger in `text` (offsets shifted by `base`), in text order. `index`, built once over
 * the whole document that `text` starts at `base` in, saves re-reading it per clause.
 */
export function findTriggers(text: string, base = 0, index?: NeedleIndex): TriggerHit[] {
  const hits: TriggerHit[] = [];
  for (const [rule, m] of ruleMatches(TRIGGER_RULES, text, base, index)) {
    hits.push({
      type: rule.type,
      tactics: rule.tactics,
      strength: rule.strength,
      span: [base + m.index, base + m.index + m[0].length],
    });
  }
  return hits.sort((a, b) => a.span[0] - b.span[0]);
}

/**
 * The attack type a set of triggers supports: the highest in GTD's hierarchy among the
 * specific (strength 2) triggers, else `armed_assault` when a generic one speaks of attackers,
 * else `unknown`. Returns the deciding trigger for the evidence.
 */
export function attackType(
  hits: readonly TriggerHit[],
): { type: AttackType; hit: TriggerHit } | null {
  if (hits.length === 0) return null;
  const strong = hits.filter((h) => h.strength === 2);
  const pool = strong.length > 0 ? strong : hits;
  let best = pool[0]!;
  for (const h of pool) if (TYPE_ORDER.indexOf(h.type) < TYPE_ORDER.indexOf(best.type)) best = h;
  return { type: best.type, hit: best };
}

/** The tactics of a set of triggers, deduplicated, in first-seen order, each with its span. */
export function tacticsOf(hits: readonly TriggerHit[]): Array<{ tactic: Tactic; span: Span }> {
  const seen = new Map<Tactic, Span>();
  for (const h of hits) for (const t of h.tactics) if (!seen.has(t)) seen.set(t, h.span);
  return [...seen].map(([tactic, span]) => ({ tactic, span }));
}
