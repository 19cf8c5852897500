/**
 * The perpetrator and whether they claimed the attack. Actors come from the alias table
 * (src/model/actors.ts); `claimed` is true for a claim ("ISIS claimed responsibility", or the
 * Islamic State's own formula in Arabic), false when the text says nobody claimed it, and null
 * when it does not say ("suspected IS militants").
 */
import { ACTOR_ALIASES, canonicalActor } from '../model/index.js';
import type { Span } from './types.js';

export interface ActorResult {
  actor: string | null;
  actorSpan: Span | null;
  claimed: boolean | null;
  claimedSpan: Span | null;
}

/** Aliases too short or too common to match without capitals. */
const CASE_SENSITIVE = new Set(['IS', 'ISI', 'PMF', 'PMU', 'SDF', 'HTS', 'QSD', 'PKK', 'AQI']);
/** Aliases of states: an attack's perpetrator is rarely the government in this scope. */
const SKIP = new Set(['Government of Syria', 'Government of Iraq']);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The aliases as three alternations (case-insensitive, case-sensitive, Arabic), longest alias
 * first: one leftmost scan per alternation finds what a scan per alias would (the earliest
 * mention, the longest alias at that position) at a fraction of the cost.
 */
interface AliasGroup {
  re: RegExp;
  canonical: Map<string, string>;
  fold: boolean;
}
const ALIAS_GROUPS: readonly AliasGroup[] = (() => {
  const list: Array<{ alias: string; canonical: string }> = [];
  for (const [canonical, aliases] of Object.entries(ACTOR_ALIASES)) {
    if (SKIP.has(canonical)) continue;
    for (const alias of [canonical, ...aliases]) list.push({ alias, canonical });
  }
  list.push({ alias: 'Islamic State militants', canonical: 'Islamic State' });
  list.sort((a, b) => b.alias.length - a.alias.length);
  const arabic = (s: string): boolean => /[\u0600-\u06FF]/.test(s);
  const group = (
    members: typeof list,
    wrap: (alternation: string) => string,
    flags: string,
    fold: boolean,
  ): AliasGroup => {
    const canonical = new Map<string, string>();
    for (const m of members) {
      const key = fold ? m.alias.toLowerCase() : m.alias;
      if (!canonical.has(key)) canonical.set(key, m.canonical);
    }
    return {
      re: new RegExp(wrap(members.map((m) => escape(m.alias)).join('|')), flags),
      canonical,
      fold,
    };
  };
  const latin = (m: { alias: string }): boolean => !arabic(m.alias);
  const word = (alt: string): string => `(?<![\\w-])(?:${alt})(?![\\w-])`;
  return [
    group(
      list.filter((m) => latin(m) && !CASE_SENSITIVE.has(m.alias)),
      word,
      'i',
      true,
    ),
    group(
      list.filter((m) => latin(m) && CASE_SENSITIVE.has(m.alias)),
      word,
      '',
      false,
    ),
    group(
      list.filter((m) => arabic(m.alias)),
      (alt) => `(?:${alt})`,
      'u',
      false,
    ),
  ].filter((g) => g.canonical.size > 0);
})();

/** The Islamic State's own claim formula: a statement by the group is its claim. */
const IS_FORMULA =
  /بفضل الله|جنود الخلافة|ولاية\s+[\u0600-\u06FF]+|(?<!تنظيم\s)الدولة الإسلامية|(?<!تنظيم\s)الدولة الاسلامية/u;

const CLAIMED =
  /\b(?:claimed (?:responsibility|the attack|the bombing|credit)|claim(?:ing|ed)? of responsibility|responsibility (?:was|has been) claimed|took responsibility|said (?:it|they) (?:carried out|was behind)|in a statement claiming)\b|تبنى|تبنت|أعلن(?:ت)? مسؤوليت/iu;
const NOT_CLAIMED =
  /\b(?:no (?:group|one|organization|party|faction)(?: (?:has|had|immediately|yet))* (?:claimed|took|has taken)|(?:has|have|had) not (?:yet )?(?:been )?claimed|no (?:immediate )?claim of responsibility|nobody (?:has )?claimed|unclaimed)\b|لم تتبن|لم تعلن أي جهة/iu;
const ATTRIBUTED =
  /\battributed (?:the (?:attack|incident|bombing) )?to (?:the )?([A-Z][\w'-]*(?:\s+(?:of|al|and|the)?\s*[A-Z][\w'-]*)*)/;

/** Actor and claim in `text` (offsets shifted by `base`). */
export function actorAndClaim(text: string, base = 0): ActorResult {
  let actor: string | null = null;
  let actorSpan: Span | null = null;
  let best = Infinity;
  for (const g of ALIAS_GROUPS) {
    const m = g.re.exec(text);
    // At the same position the longer alias wins, as it comes first in one alternation.
    if (
      m &&
      (m.index < best ||
        (m.index === best && actorSpan && m[0].length > actorSpan[1] - actorSpan[0]))
    ) {
      best = m.index;
      actor = g.canonical.get(g.fold ? m[0].toLowerCase() : m[0]) ?? null;
      actorSpan = [base + m.index, base + m.index + m[0].length];
    }
  }
  const span = (m: RegExpExecArray): Span => [base + m.index, base + m.index + m[0].length];
  const no = NOT_CLAIMED.exec(text);
  if (no) {
    if (!actor) {
      const a = ATTRIBUTED.exec(text);
      if (a?.[1]) {
        const start = a.index + a[0].length - a[1].length;
        actor = canonicalActor(a[1]);
        actorSpan = [base + start, base + start + a[1].length];
      }
    }
    return { actor, actorSpan, claimed: false, claimedSpan: span(no) };
  }
  const yes = CLAIMED.exec(text);
  if (yes) return { actor, actorSpan, claimed: true, claimedSpan: span(yes) };
  const formula = IS_FORMULA.exec(text);
  if (formula && (actor === null || actor === 'Islamic State')) {
    return {
      actor: 'Islamic State',
      actorSpan: actorSpan ?? span(formula),
      claimed: true,
      claimedSpan: span(formula),
    };
  }
  return { actor, actorSpan, claimed: null, claimedSpan: null };
}
