/**
 * Target type (GTD-aligned) from the words naming who or what was hit. A word right after
 * "targeting", "against", "on" or an attack verb weighs most; the victims named in the
 * casualty count come next; any other mention last. Ambiguous words ("checkpoint", "security
 * forces") weigh less than specific ones ("soldiers", "police").
 */
import type { TargetType } from '../model/index.js';
import { ruleMatches, type NeedleIndex } from './needles.js';
import type { Span } from './types.js';

interface TargetRule {
  re: RegExp;
  type: TargetType;
  /** Lower-case strings one of which every match contains (see triggers.ts mayMatch). */
  needles: readonly string[];
  /** 2 = specific, 1 = ambiguous. */
  weight: 1 | 2;
}

const t = (
  src: string,
  type: TargetType,
  needles: readonly string[],
  weight: 1 | 2 = 2,
): TargetRule => ({ re: new RegExp(src, 'giu'), type, needles, weight });

export const TARGET_RULES: readonly TargetRule[] = [
  t(
    String.raw`\b(?:police(?:men|man| officers?| stations?| patrols?| checkpoints?| commandos?| recruits?)?|policemen|federal police|SWAT|traffic police|border guards?)\b|\bcheckpoints? (?:of|manned by) (?:the )?police\b`,
    'police',
    ['police', 'swat', 'border guard'],
  ),
  t(String.raw`شرط(?:ة|ي|يين)|مفرز(?:ة|ات)\s+(?:ال)?شرط|الشرطة الاتحادية`, 'police', ['شرط']),
  t(
    String.raw`\b(?:soldiers?|(?<!Free Syrian )army|troops?|military|servicem[ae]n|peshmerga|SDF|Syrian Democratic Forces|YPG|regime forces|(?<!Free )Syrian army|Iraqi army|tanks?|barracks|(?:army|military) (?:base|post|convoy|vehicle|checkpoint)s?|personnel|officers?|conscripts|coalition forces)\b`,
    'military',
    [
      'soldier',
      'army',
      'troop',
      'military',
      'servicem',
      'peshmerga',
      'sdf',
      'syrian democratic',
      'ypg',
      'regime forces',
      'tank',
      'barracks',
      'personnel',
      'officer',
      'conscript',
      'coalition forces',
    ],
  ),
  t(
    String.raw`(?:ال)?جيش|جنود|عسكري|(?:ال)?بيشمركة|(?:ال)?حشد|الرافضي|آلي(?:ة|ات)|ثكن(?:ة|ات)|المرتدين|الصحوات?|قسد|النصيرية|النصيري`,
    'military',
    [
      'جيش',
      'جنود',
      'عسكري',
      'بيشمركة',
      'حشد',
      'الرافضي',
      'آلي',
      'ثكن',
      'المرتدين',
      'الصحو',
      'قسد',
      'النصيري',
    ],
  ),
  t(
    String.raw`\b(?:checkpoints?|security forces|security personnel|guards?|convoy|(?:security|military) (?:headquarters|compound)|outposts?|bases?)\b`,
    'military',
    ['checkpoint', 'security', 'guard', 'convoy', 'military', 'outpost', 'base'],
    1,
  ),
  t(
    String.raw`\b(?:mosques?|church(?:es)?|shrines?|husseiniya|hussainiya|pilgrims?|worshippers?|clerics?|imams?|priests?|Shiite pilgrims|Yazidi temple)\b`,
    'religious',
    [
      'mosque',
      'church',
      'shrine',
      'husseiniya',
      'hussainiya',
      'pilgrim',
      'worshipper',
      'cleric',
      'imam',
      'priest',
      'yazidi temple',
    ],
  ),
  t(String.raw`مسجد|جامع|كنيس(?:ة|ه)|حسينية|مرقد|زوار|الزوار|مصلين`, 'religious', [
    'مسجد',
    'جامع',
    'كنيس',
    'حسينية',
    'مرقد',
    'زوار',
    'مصلين',
  ]),
  t(
    String.raw`\b(?:government (?:officials?|employees?|buildings?|offices?|compound)|mayor|governor|provincial council|council (?:member|head)|district (?:chief|head|director)|mukhtar|judges?|court(?:house)?|ministry|minister|MPs?|lawmakers?|polling (?:stations?|centres?|centers?)|election workers?|municipal (?:council|building|offices?)|municipality|post office|prime minister|political part(?:y|ies)|party (?:headquarters|offices?|officials?)|candidates?)\b`,
    'government',
    [
      'municipal',
      'post office',
      'prime minister',
      'party',
      'parties',
      'candidate',
      'government',
      'mayor',
      'governor',
      'council',
      'district',
      'mukhtar',
      'judge',
      'court',
      'ministry',
      'minister',
      'mp',
      'lawmaker',
      'polling',
      'election worker',
    ],
  ),
  t(
    String.raw`مسؤول|محافظ|قائممقام|مدير ناحية|مختار|قاض|مبنى\s+(?:ال)?حكوم|دائرة|مجلس\s+(?:ال)?محافظة`,
    'government',
    ['مسؤول', 'محافظ', 'قائممقام', 'مدير ناحية', 'مختار', 'قاض', 'مبنى', 'دائرة', 'مجلس'],
  ),
  t(
    String.raw`\b(?:tribal (?:sheikhs?|leaders?|elders?|fighters|militia)|sheikhs?|Sahwa|Awakening|Sons of Iraq|tribesm[ae]n|tribal)\b`,
    'tribal',
    ['tribal', 'sheikh', 'sahwa', 'awakening', 'sons of iraq', 'tribesm'],
  ),
  t(String.raw`شيخ عشيرة|عشائر|عشيرة|الصحوة|شيوخ`, 'tribal', [
    'شيخ',
    'عشائر',
    'عشيرة',
    'الصحوة',
    'شيوخ',
  ]),
  t(
    String.raw`\b(?:power (?:lines?|stations?|plants?|grid)|pylons?|electricity (?:towers?|lines?|stations?)|transmission towers?|water (?:station|plant|pipes?|pipeline)|(?:oil|gas) (?:pipelines?|wells?|fields?|refinery|refineries)|pipelines?|generators?)\b`,
    'utilities',
    [
      'power',
      'pylon',
      'electricity',
      'transmission',
      'water',
      'oil',
      'gas',
      'pipeline',
      'generator',
    ],
  ),
  t(
    String.raw`أبراج\s+(?:ال)?كهرباء|برج\s+(?:ال)?كهرباء|خطوط\s+(?:ال)?كهرباء|أنبوب|محطة\s+(?:ال)?كهرباء|آبار\s+(?:ال)?نفط`,
    'utilities',
    ['كهرباء', 'أنبوب', 'نفط'],
  ),
  t(
    String.raw`\b(?:journalists?|reporters?|cameram[ae]n|photographers?|TV stations?|media|newspapers?)\b`,
    'journalists_media',
    ['journalist', 'reporter', 'cameram', 'photographer', 'tv station', 'media', 'newspaper'],
  ),
  // GTD codes the UN and embassies as diplomatic, the Red Cross and aid agencies as NGOs.
  t(
    String.raw`\b(?:embass(?:y|ies)|diplomats?|diplomatic (?:missions?|convoys?|compounds?)|consulates?|United Nations|UN (?:headquarters|offices?|compound|convoy|staff))\b`,
    'government_diplomatic',
    [
      'embass',
      'diplomat',
      'consulate',
      'united nations',
      'un headquarters',
      'un office',
      'un compound',
      'un convoy',
      'un staff',
    ],
  ),
  t(
    String.raw`\b(?:Red Cross|Red Crescent|aid (?:workers?|agency|agencies|convoys?)|NGOs?|humanitarian (?:workers?|organi[sz]ations?|convoys?)|charity)\b`,
    'ngo',
    [
      'red cross',
      'red crescent',
      'aid worker',
      'aid agenc',
      'aid convoy',
      'ngo',
      'humanitarian',
      'charity',
    ],
  ),
  t(
    String.raw`\b(?:schools?|universit(?:y|ies)|students?|teachers?|college)\b`,
    'educational_institution',
    ['school', 'universit', 'student', 'teacher', 'college'],
  ),
  t(
    String.raw`\b(?:shops?|stores?|shopkeepers?|businessm[ae]n|restaurants?|cafes?|caf[eé]s?|hotels?|factory|factories|company|companies|contractors?|bank|liquor stores?|mall|money exchange)\b`,
    'business',
    [
      'shop',
      'store',
      'businessm',
      'restaurant',
      'caf',
      'hotel',
      'factor',
      'compan',
      'contractor',
      'bank',
      'mall',
      'money exchange',
    ],
  ),
  t(String.raw`محل|محلات|مطعم|مقهى|شركة|فندق`, 'business', ['محل', 'مطعم', 'مقهى', 'شركة', 'فندق']),
  t(
    String.raw`\b(?:bus(?:es)?|minibus|trains?|airport|bridges?|highway|trucks? drivers?)\b`,
    'transportation',
    ['bus', 'train', 'airport', 'bridge', 'highway', 'truck'],
    1,
  ),
  t(
    String.raw`\b(?:civilians?|residents?|villagers?|shoppers?|markets?|marketplace|bazaar|crowds?|families|family|homes?|houses?|children|women|farmers?|shepherds?|displaced (?:persons|people|families)|IDPs?|refugees?|wedding|funeral|mourners|passers-?by|bystanders|café|football match|stadium|labou?rers?|workers|(?:bodies|corpses) of)\b`,
    'private_citizens',
    [
      'civilian',
      'resident',
      'villager',
      'shopper',
      'market',
      'bazaar',
      'crowd',
      'famil',
      'home',
      'house',
      'children',
      'women',
      'farmer',
      'shepherd',
      'displaced',
      'idp',
      'refugee',
      'wedding',
      'funeral',
      'mourner',
      'passer',
      'bystander',
      'café',
      'football match',
      'stadium',
      'labo',
      'workers',
      'bodies',
      'corpses',
    ],
  ),
  // "people" says only that someone died, "neighbourhood" only where: any more specific target
  // word outranks them.
  t(
    String.raw`\b(?:people|persons|neighbou?rhoods?)\b`,
    'private_citizens',
    ['people', 'persons', 'neighbo'],
    1,
  ),
  t(
    String.raw`مدنيين|مدني|المدنيين|سوق|الأهالي|أهالي|منزل|منازل|مواطنين|السكان|عوائل|أطفال|نساء|رعاة|مزارعين`,
    'private_citizens',
    [
      'مدني',
      'سوق',
      'أهالي',
      'منزل',
      'منازل',
      'مواطنين',
      'السكان',
      'عوائل',
      'أطفال',
      'نساء',
      'رعاة',
      'مزارعين',
    ],
  ),
  t(
    String.raw`\b(?:(?:Islamic State|ISIS|ISIL|IS|al-Nusra|Nusra|HTS|rebel|opposition) (?:fighters|militants|members|positions|commanders?)|rebels|jihadists|militants)\b`,
    'terrorists_militants',
    ['fighters', 'militants', 'members', 'positions', 'commander', 'rebels', 'jihadists'],
    1,
  ),
  // GTD codes Iraq's Popular Mobilization ("volunteer forces") and Syria's armed opposition as
  // non-state militia, not military.
  t(
    String.raw`\b(?:popular mobili[sz]ation (?:forces|units)|PMF|PMU|Hashd(?: al-Shaabi)?|militiam[ae]n|militias?|volunteers?|volunteer (?:fighters?|forces)|Free Syrian Army|FSA)\b`,
    'terrorists_militants',
    ['popular mobili', 'pmf', 'pmu', 'hashd', 'militia', 'volunteer', 'free syrian army', 'fsa'],
  ),
];

const CUE =
  /\b(?:target(?:ed|ing|s)?|against|on|attacked|ambushed|hit|struck|stormed|kidnapped|abducted|assassinated|killed|killing|shot)\s+(?:(?!and\b|or\b)[\w.'-]+\s+){0,2}$|(?:استهداف|استهدف|على|ضد|اغتيال|اختطاف)\s+(?:\S+\s+){0,2}$/iu;

/** Where the blast or attack happened ("near a mosque"): a weaker cue than whom it targeted. */
const PLACE_CUE = /\b(?:at|near|outside|inside|in front of)\s+(?:[\w-]+\s+){0,2}$/iu;

/** Words after a target word that make it the source of the report, or the claimant. */
const REPORTER =
  /^\s*(?:\([^)]{1,12}\)\s*)?(?:said|says|say|told|found|recovered|discovered|reported|announced|arrested|sources?|spokes(?:man|woman|person)|claimed|(?:has |have )?denied)\b/iu;

/** Words before a target word that make it the perpetrator: "attributed the attack to the FSA". */
const PERPETRATOR =
  /\b(?:(?:attributed|blamed)\s+(?:[\w-]+\s+){0,3}(?:to|on)|(?:carried out|claimed|perpetrated|launched|fired|shelled|attacked|ambushed|bombed|kidnapped|abducted|killed|executed)\s+by)\s+(?:the\s+)?$/iu;

/** A target word that names a street or square ("Bank Street"): a place, not a target. */
const STREET_NAME = /^\s+(?:Street|St\.|Road|Square|Avenue|Gate)\b/u;

/**
 * "Kurdish security forces were targeted by …", headline "police officer shot dead": the passive
 * names the target before the verb.
 */
const PASSIVE_CUE =
  /^\s*(?:\([^)]{1,12}\)\s*)?(?:[\w-]+\s+){0,2}?(?:(?:was|were|had been|have been|has been)\s+(?:targeted|attacked|ambushed|hit|struck|stormed|kidnapped|abducted|assassinated)\b|(?:shot dead|gunned down)\b)/iu;

export interface TargetHit {
  type: TargetType;
  span: Span;
  score: number;
}

/**
 * The target type in `text` (offsets shifted by `base`), or null when nothing names one.
 * `victimSpans` are casualty phrases; a target word inside one scores as a named victim.
 * `index`, over the whole document `text` starts at `base` in, saves re-reading it per clause.
 */
export function targetType(
  text: string,
  base = 0,
  victimSpans: readonly Span[] = [],
  index?: NeedleIndex,
): TargetHit | null {
  let best: TargetHit | null = null;
  for (const [rule, m] of ruleMatches(TARGET_RULES, text, base, index)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    // "police said", "police found the bodies": the police report the attack, not suffer it.
    if (REPORTER.test(after) || STREET_NAME.test(after)) continue;
    const at = base + m.index;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (PERPETRATOR.test(before)) continue;
    const cue = CUE.test(before) || PASSIVE_CUE.test(after) ? 6 : PLACE_CUE.test(before) ? 5 : 0;
    const victim = victimSpans.some(([s, e]) => at >= s && at < e);
    const score = rule.weight * 10 + cue + (victim ? 4 : 0) - m.index / 10_000;
    if (!best || score > best.score)
      best = { type: rule.type, span: [at, at + m[0].length], score };
  }
  return best;
}
