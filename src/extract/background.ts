/**
 * Background sentences: text near an attack that reports no attack of its own — aggregate
 * statistics, estimates of a group's strength, arrests, policy news, historical mentions,
 * threats and foiled plots. A clause that reads as background never starts an event.
 */

const PATTERNS: readonly RegExp[] = [
  // aggregate statistics
  /\b(?:between|from) (?:19|20)\d\d (?:and|to|until) (?:19|20)\d\d\b/i,
  /\b(?:killed|died) in the (?:battle|fight|war|campaign) (?:for|against|over)\b/i,
  /\b(?:attacks|bombings|incidents|killings)\s+(?:this|last|so far this|in the past)\s+(?:year|month|week)\b/i,
  /\b(?:so far this|since the (?:start|beginning) of the|over the past|in the past|during the past)\s+(?:year|month|\d+\s+(?:years|months))\b/i,
  /\b(?:death toll|casualt(?:y|ies)) (?:for|in) (?:the month|january|february|march|april|may|june|july|august|september|october|november|december|\d{4})\b/i,
  /\b(?:killed|died) (?:in|during) (?:violence|attacks|acts of terrorism)\b/i,
  /\b(?:monthly|annual|yearly) (?:toll|figures|report)\b/i,
  /\b(?:across|in) (?:all|both|the) (?:\w+ )?(?:attacks|bombings|incidents|blasts|explosions)\b|\bin both attacks\b/i,
  /\bone of (?:\w+|\d+) (?:related|coordinated|separate|similar)? ?(?:attacks|bombings|incidents)\b/i,
  /\b(?:has|have) (?:carried out|claimed|conducted) (?:dozens|hundreds|scores|many|several|numerous)\b/i,
  // strength estimates
  /\b(?:estimated?|estimates?|believed to (?:have|number))\b.{0,60}\b(?:fighters|militants|members|cells)\b/i,
  /\b(?:has|have|had|with) (?:between|about|around|some|up to|more than)?\s*[\d,]+(?:\s*(?:-|to|and)\s*[\d,]+)? (?:fighters|militants|members)\b/i,
  // arrests and security operations without an attack
  /\b(?:arrested|detained|apprehended|captured|rounded up|arrests?|detentions?)\b/i,
  /\b(?:defused|dismantled|foiled|thwarted|seized|confiscated)\b/i,
  /اعتقال|القبض على|إلقاء القبض|احباط|إحباط|تفكيك/,
  // policy, politics, threats
  /\b(?:parliament|lawmakers|the cabinet|ministry announced|vowed|pledged|warned|threatened|condemned|called for|urged)\b/i,
  /أدان|استنكر|البرلمان|مجلس النواب/,
  // deaths that are not attacks
  /\b(?:traffic accident|car crash|road accident|heart attack|drowned|earthquake|natural causes)\b/i,
  // historical mentions
  /\b(?:years? ago|anniversary|back in|since (?:19|20)\d\d|in (?:the )?(?:19|20)\d\d\b)/i,
];

/**
 * Topics of policy news that an attack can also touch ("burned two schools being prepared as
 * polling stations for the elections"): background only in a clause with no specific attack word.
 */
const TOPICAL = /\b(?:budget|legislation|elections?)\b/i;

/**
 * Summaries of several attacks ("a wave of bombings hit …", "attacks across Iraq killed 23"):
 * not an event of their own, though the date they give may be the events' date.
 */
const SUMMARY =
  /\b(?:wave|series|string|spate|rash|number) of (?:\w+ )?(?:attacks|bombings|explosions|blasts|assaults)\b|\b(?:attacks|bombings|explosions|violence) (?:across|throughout|around) (?:the country|\w+)\b/i;

/** True when `clause` sums up several attacks that the following clauses report one by one. */
export function isSummary(clause: string): boolean {
  return SUMMARY.test(clause);
}

/**
 * True when `clause` reads as background rather than a report of a particular attack.
 * `specificTrigger`: the clause names an attack specifically ("car bomb", "burned"), which
 * outweighs a policy topic word.
 */
export function isBackground(
  clause: string,
  publishedYear: number | null,
  specificTrigger = false,
): boolean {
  if (!specificTrigger && TOPICAL.test(clause)) return true;
  for (const re of PATTERNS) {
    if (!re.test(clause)) continue;
    if (re === HISTORICAL && publishedYear !== null && !olderYear(clause, publishedYear)) continue;
    return true;
  }
  return false;
}

const HISTORICAL = PATTERNS[PATTERNS.length - 1]!;

/** A year named in the clause lies before the publication year. */
function olderYear(clause: string, publishedYear: number): boolean {
  if (/years? ago|anniversary|back in/i.test(clause)) return true;
  for (const m of clause.matchAll(/\b((?:19|20)\d\d)\b/g)) {
    if (Number(m[1]) < publishedYear) return true;
  }
  return false;
}
