/**
 * The primary place of a text: the one toponym that stands for where the event happened, chosen
 * from all those `geoparse` found. Used by the evaluation and by anything that needs one point
 * per document.
 */
import type { Toponym } from './toponym.js';

/**
 * A toponym that starts at most this many characters after a wilaya ends is the sub-province
 * label of a communiqué header ("ولاية العراق - كركوك: …"), not the place of the event.
 */
const HEADER_GAP = 4;

/**
 * The event's place among `toponyms` (as `geoparse` returns them, in text order), or null when
 * none resolved (an explicit abstention).
 *
 * Rule, in order:
 * 1. only resolved toponyms count (`place_id` not null; names the gazetteer lacks are located
 *    by another toponym of the same text, which is itself a candidate);
 * 2. the finest wins: geo_precision 1 (a named town, village, neighbourhood, site) before 2
 *    (district, subdistrict, river, or a place given relative to an anchor, "40 km NE of
 *    Baqubah") before 3 (governorate);
 * 3. Islamic State wilayas and countries come after everything else: since 2019 the group
 *    writes "Wilayat al-Iraq" / "Wilayat al-Sham" and names the area in the text, so a wilaya
 *    alone is coarse and the named area, when present, wins;
 * 4. a place named right after a wilaya (the header label "ولاية العراق - كركوك:") ranks after
 *    the other places of its precision: the body's "في الحويجة" is the event, Kirkuk the
 *    sub-province;
 * 5. a river ranks after the other places of its precision: it runs through several
 *    governorates, so "Tigris River, south Baghdad" happened in Baghdad, not on "the Tigris";
 * 6. ties go to the earliest in the text (news leads name the event's place first).
 * A wilaya alone is returned as is (geo_precision 3; admin1 set when it covers one governorate).
 * @example primaryPlace(geoparse('ولاية العراق - كركوك: تفجير عبوة ناسفة … في الحويجة'))?.name
 *   // 'Al Hawijah'
 */
export function primaryPlace(toponyms: readonly Toponym[]): Toponym | null {
  let best: Toponym | null = null;
  let bestRank = Infinity;
  let wilayaEnd = -Infinity;
  for (const t of toponyms) {
    const coarse = t.kind === 'wilaya' || t.kind === 'country';
    const header = !coarse && t.start >= wilayaEnd && t.start - wilayaEnd <= HEADER_GAP;
    if (t.kind === 'wilaya') wilayaEnd = t.end;
    if (t.place_id === null) continue;
    const rank = coarse ? 10 : t.geo_precision * 2 + (header || t.kind === 'river' ? 1 : 0);
    if (rank < bestRank) [best, bestRank] = [t, rank];
  }
  return best;
}
