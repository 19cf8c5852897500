/**
 * The comparison judgment: "Events in Iraq are more dispersed than in Syria: largest three
 * clusters hold 47% vs 67%; NNI over distinct locations 0.87 vs 0.79". Uses only the two
 * dispersion results' numbers.
 */
import { COUNTRIES, canonicalActor, type DispersionResult } from '../model/index.js';

/** Percent, whole number: 0.4712 → "47%". */
export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Two decimals, or "n/a". */
export function index2(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(2);
}

/**
 * Compares how dispersed two filters' events are. "More dispersed" needs both measures to
 * agree: a smaller share in the three largest DBSCAN clusters and a larger Clark-Evans index
 * over distinct locations; otherwise the sentence says the measures disagree.
 */
export function dispersionComparison(a: DispersionResult, b: DispersionResult): string {
  const [na, nb] = [placeName(a), placeName(b)];
  const who = subject(a);
  if (a.n_used === 0 || b.n_used === 0) {
    const none = a.n_used === 0 ? na : nb;
    return `${who} in ${na} and ${nb} cannot be compared: no precisely located events in ${none}`;
  }
  const [sa, sb] = [a.dbscan.share_largest3, b.dbscan.share_largest3];
  const [ra, rb] = [a.nearest_neighbour_locations.index, b.nearest_neighbour_locations.index];
  const numbers =
    `largest three clusters hold ${pct(sa)} vs ${pct(sb)}; ` +
    `NNI over distinct locations ${index2(ra)} vs ${index2(rb)}`;
  let verdict: string;
  if (ra === null || rb === null) {
    verdict = sa < sb ? 'more dispersed' : sa > sb ? 'more concentrated' : 'as dispersed';
  } else if (sa < sb && ra > rb) verdict = 'more dispersed';
  else if (sa > sb && ra < rb) verdict = 'more concentrated';
  else return `${who} in ${na} and ${nb}: the dispersion measures disagree (${numbers})`;
  return `${who} in ${na} are ${verdict} than in ${nb}: ${numbers}`;
}

function subject(r: DispersionResult): string {
  const actors = r.filter.actor?.map((x) => canonicalActor(x) ?? x) ?? [];
  return actors.length ? `${actors.join(' and ')} events` : 'Events';
}

function placeName(r: DispersionResult): string {
  const codes = r.filter.country ?? r.study_area.countries;
  const names = codes.map((c) => COUNTRIES.find((k) => k.iso3 === c)?.names[0] ?? c);
  return names.length ? names.join(' and ') : 'the area';
}
