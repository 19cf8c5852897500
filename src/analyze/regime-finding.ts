/**
 * The regime finding: "The Islamic State in Syria is in a quiet phase since Mar 2019: 38.2
 * events per month, down from 163 in the previous phase". Uses only what the result carries.
 */
import { COUNTRIES, canonicalActor, type RegimeResult } from '../model/index.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One sentence on the current phase, compared with the one before it. */
export function regimeFinding(r: RegimeResult): string {
  const who = subject(r);
  const cur = r.current;
  if (!cur) return `${who.noun}: no events to find phases in`;
  const head =
    `${who.noun} ${who.verb} in ${article(cur.label)} ${cur.label} phase since ` +
    `${periodLabel(cur.start)}: ${rate(cur.rate)} events per ${r.by}`;
  const prev = r.segments.at(-2);
  if (!prev) return `${head}, the only phase since ${periodLabel(r.segments[0]!.start)}`;
  const dir = cur.rate < prev.rate ? 'down' : 'up';
  return `${head}, ${dir} from ${rate(prev.rate)} in the previous phase`;
}

function subject(r: RegimeResult): { noun: string; verb: string } {
  const f = r.filter;
  const where = f.admin1?.length
    ? f.admin1
    : (f.country ?? []).map((c) => COUNTRIES.find((k) => k.iso3 === c)?.names[0] ?? c);
  const place = where.length ? ` in ${where.join(' and ')}` : '';
  if (!f.actor?.length) return { noun: `Events${place}`, verb: 'are' };
  const actors = f.actor.map((a) => canonicalActor(a) ?? a);
  return {
    noun: `The ${actors.join(' and the ')}${place}`,
    verb: actors.length > 1 ? 'are' : 'is',
  };
}

/** "2019-03" → "Mar 2019"; "2019-03-04" → "4 Mar 2019". */
function periodLabel(p: string): string {
  const [y, m, d] = p.split('-').map(Number) as [number, number, number | undefined];
  return d === undefined ? `${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/** One decimal under 100, whole numbers from 100 ("38.2", "163"). */
function rate(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
