/**
 * Evaluation of extraction against GTD-shaped gold pages (labelled/gtd_pages_dev.ndjson):
 * attack type, target type, admin1, casualties, claim and actor. The pages are split by a hash
 * of their id into `dev` (may be read while developing) and `held-out` (only its aggregate row
 * is ever printed), so reported numbers are not tuned on.
 */
import { createHash } from 'node:crypto';
import { AdminLookup } from '../gazetteer/admin-lookup.js';
import type { Iso3 } from '../gazetteer/admin-types.js';
import { canonicalActor, type AttackType, type TargetType } from '../model/index.js';
import { extract } from './extract.js';
import { binaryF1, classMetrics, type ClassMetrics } from './metrics.js';
import type { ExtractedEvent } from './types.js';

export type Split = 'dev' | 'held-out';

/** One gold page, as read from a GTD-shaped line. */
export interface GoldPage {
  id: string;
  text: string;
  country: string | null;
  provstate: string | null;
  attack_type: AttackType;
  target_type: TargetType | null;
  fatalities: number | null;
  wounded: number | null;
  claimed: boolean;
  islamicState: boolean;
}

const GTD_ATTACK: Readonly<Record<string, AttackType>> = {
  'bombing/explosion': 'bombing',
  'armed assault': 'armed_assault',
  assassination: 'assassination',
  'hostage taking (kidnapping)': 'kidnapping',
  'hostage taking (barricade incident)': 'barricade_hostage',
  'facility/infrastructure attack': 'facility_attack',
  hijacking: 'hijacking',
  'unarmed assault': 'unarmed_assault',
  unknown: 'unknown',
};

const GTD_TARGET: Readonly<Record<string, TargetType>> = {
  military: 'military',
  police: 'police',
  'private citizens & property': 'private_citizens',
  'government (general)': 'government',
  'government (diplomatic)': 'government_diplomatic',
  'religious figures/institutions': 'religious',
  business: 'business',
  utilities: 'utilities',
  'terrorists/non-state militia': 'terrorists_militants',
  'educational institution': 'educational_institution',
  'journalists & media': 'journalists_media',
  transportation: 'transportation',
  telecommunication: 'telecommunication',
  'food or water supply': 'food_water_supply',
  ngo: 'ngo',
  tourists: 'tourists',
  'violent political party': 'violent_political_party',
  'airports & aircraft': 'airports_aircraft',
  maritime: 'maritime',
  other: 'other',
  unknown: 'unknown',
};

/** Parses one gold line; throws with the field named when it is not a usable page. */
export function parseGoldPage(line: string): GoldPage {
  const g = JSON.parse(line) as Record<string, unknown>;
  const id = String(g.gtdid ?? g.id ?? '');
  const text = g.summary ?? g.text;
  if (!id) throw new Error('gtdid: missing');
  if (typeof text !== 'string') throw new Error('summary: missing');
  const types = Array.isArray(g.attack_types) ? (g.attack_types as string[]) : [];
  const attack = GTD_ATTACK[(types[0] ?? 'unknown').toLowerCase()] ?? 'unknown';
  const targets = Array.isArray(g.targets) ? (g.targets as Array<{ type?: string }>) : [];
  const target = targets[0]?.type ? (GTD_TARGET[targets[0].type.toLowerCase()] ?? 'other') : null;
  const groups = Array.isArray(g.groups)
    ? (g.groups as Array<{ name?: string; claimed?: boolean }>)
    : [];
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return {
    id,
    text,
    country: typeof g.country === 'string' ? g.country : null,
    provstate: typeof g.provstate === 'string' ? g.provstate : null,
    attack_type: attack,
    target_type: target,
    fatalities: num(g.fatalities),
    wounded: num(g.injured),
    claimed: groups.some((x) => x.claimed === true),
    islamicState: groups.some((x) => canonicalActor(x.name) === 'Islamic State'),
  };
}

/** The split a page belongs to: by the first byte of sha256(id), even → dev. Fixed forever. */
export function splitOf(id: string): Split {
  return (createHash('sha256').update(id).digest()[0]! & 1) === 0 ? 'dev' : 'held-out';
}

export interface DocResult {
  page: GoldPage;
  events: ExtractedEvent[];
  /** The event scored against the page: the first one (a GTD page is one incident). */
  predicted: ExtractedEvent | null;
  admin1Gold: string | null;
}

export interface SplitResult {
  split: Split;
  n: number;
  noEvent: number;
  manyEvents: number;
  attack: ClassMetrics;
  target: ClassMetrics;
  admin1: { hits: number; n: number };
  fatalities: { hits: number; n: number };
  wounded: { hits: number; n: number };
  claimed: { accuracy: number; f1: number };
  actorIS: { f1: number };
  docs: DocResult[];
}

/** Runs the extractor on each page and scores it. */
export function evaluateExtraction(pages: readonly GoldPage[], split: Split): SplitResult {
  const lookup = AdminLookup.load();
  const docs: DocResult[] = pages.map((page) => {
    const events = extract({ id: page.id, text: page.text });
    const c = iso3(page.country);
    const gold = page.provstate ? lookup.resolveName(c, page.provstate) : null;
    return { page, events, predicted: events[0] ?? null, admin1Gold: gold?.admin1_code ?? null };
  });
  const exact = (field: 'fatalities' | 'wounded') => {
    const scored = docs.filter((d) => d.page[field] !== null);
    return {
      hits: scored.filter((d) => predictedCount(d.predicted, field) === d.page[field]).length,
      n: scored.length,
    };
  };
  const withAdmin = docs.filter((d) => d.admin1Gold !== null);
  // claimed: null (the text does not say) scores as "not claimed", as GTD codes it.
  const claimedPairs = docs.map((d) => [d.page.claimed, d.predicted?.claimed === true] as const);
  return {
    split,
    n: docs.length,
    noEvent: docs.filter((d) => d.events.length === 0).length,
    manyEvents: docs.filter((d) => d.events.length > 1).length,
    attack: classMetrics(docs.map((d) => [d.page.attack_type, d.predicted?.attack_type ?? 'none'])),
    target: classMetrics(
      docs
        .filter((d) => d.page.target_type !== null)
        .map((d) => [d.page.target_type!, d.predicted?.target_type ?? 'none']),
    ),
    admin1: {
      hits: withAdmin.filter((d) => d.predicted?.admin1_code === d.admin1Gold).length,
      n: withAdmin.length,
    },
    fatalities: exact('fatalities'),
    wounded: exact('wounded'),
    claimed: {
      accuracy: claimedPairs.filter(([g, p]) => g === p).length / Math.max(1, docs.length),
      f1: binaryF1(claimedPairs),
    },
    actorIS: {
      f1: binaryF1(
        docs.map((d) => [d.page.islamicState, d.predicted?.actor1 === 'Islamic State'] as const),
      ),
    },
    docs,
  };
}

/** GTD's nkill counts perpetrators too: compare it with victims + attackers killed. */
function predictedCount(e: ExtractedEvent | null, field: 'fatalities' | 'wounded'): number | null {
  if (!e) return null;
  if (field === 'wounded') return e.wounded;
  if (e.fatalities === null) return e.attackers_killed > 0 ? e.attackers_killed : null;
  return e.fatalities + e.attackers_killed;
}

function iso3(country: string | null): Iso3 | null {
  const c = country?.trim().toLowerCase();
  return c === 'iraq' ? 'IRQ' : c === 'syria' ? 'SYR' : null;
}
