/**
 * Text → events. The document is cut into sentences and clauses; background clauses are
 * dropped; a clause with an attack trigger starts an event unless it continues the current one
 * (no new place, no "meanwhile"); the clauses that follow attach to it. Each field is read from
 * the event's clauses, with the span that justifies it.
 */
import { geoparse } from '../gazetteer/geoparse.js';
import type { Toponym } from '../model/index.js';
import { actorAndClaim } from './actor.js';
import { isBackground, isSummary } from './background.js';
import { casualties, type Casualties } from './casualties.js';
import { confidence, type EventFeatures } from './confidence.js';
import { parseDay, resolveDate, type DateHit } from './dates.js';
import { NeedleAutomaton, NeedleIndex } from './needles.js';
import { distinctive, eventPlace } from './place.js';
import { clauses, sentences, type Segment } from './segment.js';
import { TARGET_RULES, targetType } from './targets.js';
import { attackType, findTriggers, tacticsOf, TRIGGER_RULES, type TriggerHit } from './triggers.js';
import { EXTRACTOR, type ExtractDoc, type ExtractedEvent, type Span } from './types.js';

/** Text beyond this many characters is not read (a 10 MB post is not one event report). */
export const MAX_CHARS = 200_000;

let needleAutomaton: NeedleAutomaton | undefined;
/** One automaton over the needles of every trigger and target rule, built on first use. */
const automaton = (): NeedleAutomaton =>
  (needleAutomaton ??= new NeedleAutomaton(
    [...TRIGGER_RULES, ...TARGET_RULES].flatMap((r) => r.needles),
  ));

const ARABIC = /[\u0600-\u06ff]/u;

/** Words that open another happening. */
const NEW_EVENT =
  /^(?:meanwhile|elsewhere|separately|in (?:a |another |a separate |a second |an unrelated )(?:attack|incident|bombing|development)|also on|(?:on )?the same day|(?:hours|later|the next day|a day) later\b|later that day|(?:[\w ]{1,25},\s*)?(?:another|a second|a third)\s+(?:[\w-]+\s+){0,2}?(?:bomb|attack|explosion|blast|bomber|ied)|وفي\s+(?:سياق|حادث|هجوم)|وفي\s+)/iu;

/** A later event's words for the place of the one before it. */
const SAME_PLACE =
  /\b(?:the same (?:area|place|market|town|city|village|district|neighbou?rhood|street|spot|road))\b|نفس\s+(?:المكان|المنطقة)|(?:المكان|المنطقة)\s+نفس/iu;

/** What an event without a date or place of its own may take from the one before it. */
interface Carried {
  date: DateHit | null;
  place: Toponym | null;
}

/** What every event of one document shares. */
interface DocFacts {
  needles: NeedleIndex;
  /** Casualties per clause: read once whether deciding an event or filling it. */
  casualties: Map<Segment, Casualties>;
  /** Dates per clause: the lead-in is read once, not once per event. */
  dates: Map<Segment, DateHit | null>;
  chars: number;
  arabic: boolean;
}

interface Group {
  clauses: Segment[];
  triggers: TriggerHit[];
  place: Toponym | null;
}

/**
 * Events reported in one document; [] when it reports none (background only, empty, binary).
 * @example extract({ id: 'd1', text: 'A car bomb killed 5 people in Kirkuk on Friday.', published: '2017-03-05' })[0]
 *   // { attack_type: 'bombing', tactics: ['vbied'], fatalities: 5, date: '2017-03-03', admin1: 'Kirkuk', … }
 */
export function extract(doc: ExtractDoc): ExtractedEvent[] {
  return extractDetailed(doc).map((d) => d.event);
}

/** An extracted event with the features its confidence was computed from. */
export interface DetailedEvent {
  event: ExtractedEvent;
  features: EventFeatures;
}

/** extract(), keeping each event's confidence features (for calibration and evaluation). */
export function extractDetailed(doc: ExtractDoc): DetailedEvent[] {
  const id = String(doc.id);
  const raw = typeof doc.text === 'string' ? doc.text : '';
  if (raw.trim().length === 0 || binary(raw)) return [];
  const text = raw.length > MAX_CHARS ? raw.slice(0, MAX_CHARS) : raw;
  const published = doc.published
    ? parseDay(doc.published)
      ? doc.published.slice(0, 10)
      : null
    : null;
  const pubYear = published ? Number(published.slice(0, 4)) : null;
  const toponyms = geoparse(text);
  const needles = new NeedleIndex(text, automaton());
  const facts: DocFacts = {
    needles,
    casualties: new Map(),
    dates: new Map(),
    chars: text.length,
    arabic: ARABIC.test(text),
  };

  const lead: Segment[] = [];
  const groups: Group[] = [];
  for (const sentence of sentences(text)) {
    for (const clause of clauses(sentence, text)) {
      const triggers = findTriggers(clause.text, clause.start, needles);
      const specific = triggers.some((t) => t.strength === 2);
      if (isBackground(clause.text, pubYear, specific)) continue;
      const current = groups[groups.length - 1];
      if (
        triggers.length === 0 ||
        isSummary(clause.text) ||
        !eventWorthy(triggers, clause, facts)
      ) {
        if (current) current.clauses.push(clause);
        else lead.push(clause);
        continue;
      }
      const place = eventPlace(toponyms, [clause], []);
      if (!current || startsAnother(clause, triggers, place, current)) {
        groups.push({ clauses: [clause], triggers, place });
      } else {
        current.clauses.push(clause);
        current.triggers.push(...triggers);
        current.place ??= place;
      }
    }
  }
  let previous: Carried = { date: null, place: null };
  return groups.map((g) => {
    const e = buildEvent(id, g, lead, toponyms, published, previous, groups.length, facts);
    previous = { date: e.dateHit, place: e.place };
    return { event: e.event, features: e.features };
  });
}

/** A trigger worth an event: a specific word, or a generic one with a count or an attack noun. */
function eventWorthy(triggers: readonly TriggerHit[], clause: Segment, facts: DocFacts): boolean {
  if (triggers.some((t) => t.strength === 2 || t.type !== 'unknown')) return true;
  const c = casualtiesOf(clause, facts);
  return c.fatalities !== null || c.wounded !== null;
}

function startsAnother(
  clause: Segment,
  triggers: readonly TriggerHit[],
  place: Toponym | null,
  current: Group,
): boolean {
  const specific = triggers.some((t) => t.type !== 'unknown');
  if (NEW_EVENT.test(clause.text) && specific) return true;
  if (!distinctive(place) || !distinctive(current.place)) return false;
  const differs =
    place.admin1_code !== current.place.admin1_code ||
    (place.admin2_code !== null &&
      current.place.admin2_code !== null &&
      place.admin2_code !== current.place.admin2_code) ||
    apartTowns(place, current.place);
  return differs && specific && triggers.some((t) => t.strength === 2 || t.type !== 'unknown');
}

const SETTLEMENT = new Set(['city', 'town', 'village']);
/** Towns this far apart are two happenings, whether or not admin2 tells them apart. */
const APART_KM = 15;

/** Two different towns at least APART_KM apart (Qamishli and Hasakah city: one governorate). */
function apartTowns(a: Toponym, b: Toponym): boolean {
  if (!SETTLEMENT.has(a.kind) || !SETTLEMENT.has(b.kind) || a.place_id === b.place_id) return false;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return 6371 * Math.hypot(x, y) >= APART_KM;
}

function buildEvent(
  docId: string,
  g: Group,
  lead: readonly Segment[],
  toponyms: readonly Toponym[],
  published: string | null,
  previous: Carried,
  groupCount: number,
  doc: DocFacts,
): {
  event: ExtractedEvent;
  features: EventFeatures;
  dateHit: DateHit | null;
  place: Toponym | null;
} {
  const evidence: Record<string, [number, number]> = {};
  const put = (field: string, span: Span | null | undefined): void => {
    if (span) evidence[field] = [span[0], span[1]];
  };
  const type = attackType(g.triggers);
  put('attack_type', type?.hit.span);
  const tactics = tacticsOf(g.triggers);
  if (tactics[0]) put('tactics', tactics[0].span);

  const firstOf = <T>(f: (s: Segment) => T | null, segs: readonly Segment[]): T | null => {
    for (const s of segs) {
      const v = f(s);
      if (v !== null) return v;
    }
    return null;
  };
  // A date read in this event's clauses or the lead-in is its evidence; one carried over from
  // the previous event has none of its own.
  const ownDate =
    firstOf((s) => dateOf(s, published, doc), g.clauses) ??
    firstOf((s) => dateOf(s, published, doc), lead);
  const dateHit = ownDate ?? previous.date;
  if (ownDate) put('date', ownDate.span);

  const ownPlace =
    eventPlace(toponyms, g.clauses, lead) ??
    (groupCount === 1 ? eventPlace(toponyms, toponymsSegments(toponyms), []) : null);
  // "another bomb exploded in the same area": the previous event's place, with no span here.
  const place =
    ownPlace ?? (g.clauses.some((c) => SAME_PLACE.test(c.text)) ? previous.place : null);
  if (ownPlace) {
    put('location', [ownPlace.start, ownPlace.end]);
    put('admin1', [ownPlace.start, ownPlace.end]);
  }

  let killed = null as ReturnType<typeof casualties> | null;
  let hurt = null as ReturnType<typeof casualties> | null;
  const notes: string[] = [];
  let attackersKilled = 0;
  for (const s of g.clauses) {
    const c = casualtiesOf(s, doc);
    attackersKilled = Math.max(attackersKilled, c.attackersKilled);
    if (!killed && (c.fatalities !== null || c.fatalitiesSpan)) killed = c;
    // "… killing six. The death toll rose to 15 on Sunday": the later toll is the event's.
    else if (killed && c !== killed && c.tollUpdate && c.fatalities !== null) killed = c;
    if (!hurt && (c.wounded !== null || c.woundedSpan)) hurt = c;
    for (const n of c.notes) if (!notes.includes(n)) notes.push(n);
  }
  put('fatalities', killed?.fatalitiesSpan);
  put('wounded', hurt?.woundedSpan);

  const victimSpans = [killed?.fatalitiesSpan, hurt?.woundedSpan].filter((s): s is Span => !!s);
  const target = firstBest(
    g.clauses.map((s) => targetType(s.text, s.start, victimSpans, doc.needles)),
  );
  put('target_type', target?.span);

  const claimSegs = groupCount === 1 ? [...lead, ...g.clauses] : g.clauses;
  const who = mergeActors(claimSegs.map((s) => actorAndClaim(s.text, s.start)));
  put('actor1', who.actorSpan);
  put('claimed', who.claimedSpan);

  const features: EventFeatures = {
    specificTrigger: g.triggers.some((t) => t.strength === 2),
    typed: (type?.type ?? 'unknown') !== 'unknown',
    triggers: g.triggers.length,
    place: place !== null,
    geoPrecision: place ? place.geo_precision : null,
    date: dateHit !== null,
    datePrecision: dateHit?.precision ?? null,
    actor: who.actor !== null,
    claimKnown: who.claimed !== null,
    target: target !== null,
    targetScore: target?.score ?? 0,
    casualties: (killed?.fatalities ?? hurt?.wounded ?? null) !== null,
    events: groupCount,
    chars: doc.chars,
    arabic: doc.arabic,
  };
  const conf = confidence(features);
  const event: ExtractedEvent = {
    doc_id: docId,
    date: dateHit?.date ?? null,
    date_precision: dateHit?.precision ?? null,
    country: place?.country ?? null,
    admin1: place?.admin1 ?? null,
    admin1_code: place?.admin1_code ?? null,
    admin2: place?.admin2 ?? null,
    admin2_code: place?.admin2_code ?? null,
    location: place?.name ?? null,
    lat: place?.lat ?? null,
    lon: place?.lon ?? null,
    geo_precision: place ? place.geo_precision : null,
    actor1: who.actor,
    attack_type: type?.type ?? 'unknown',
    tactics: tactics.map((t) => t.tactic),
    target_type: target?.type ?? null,
    fatalities: killed?.fatalities ?? null,
    wounded: hurt?.wounded ?? null,
    attackers_killed: attackersKilled,
    claimed: who.claimed,
    confidence: conf.confidence,
    field_confidence: conf.fields,
    notes,
    evidence,
    extractor: { ...EXTRACTOR },
  };
  return { event, features, dateHit, place };
}

function casualtiesOf(s: Segment, facts: DocFacts): Casualties {
  let c = facts.casualties.get(s);
  if (!c) {
    c = casualties(s.text, s.start);
    facts.casualties.set(s, c);
  }
  return c;
}

function dateOf(s: Segment, published: string | null, facts: DocFacts): DateHit | null {
  let d = facts.dates.get(s);
  if (d === undefined) {
    d = resolveDate(s.text, published, s.start);
    facts.dates.set(s, d);
  }
  return d;
}

function toponymsSegments(toponyms: readonly Toponym[]): Segment[] {
  return toponyms.map((t) => ({ start: t.start, end: t.end, text: t.text }));
}

function firstBest<T extends { score: number }>(hits: ReadonlyArray<T | null>): T | null {
  let best: T | null = null;
  for (const h of hits) if (h && (!best || h.score > best.score)) best = h;
  return best;
}

/** The first actor named; the claim status from the most decisive statement (false/true over null). */
function mergeActors(
  results: ReadonlyArray<ReturnType<typeof actorAndClaim>>,
): ReturnType<typeof actorAndClaim> {
  const out: ReturnType<typeof actorAndClaim> = {
    actor: null,
    actorSpan: null,
    claimed: null,
    claimedSpan: null,
  };
  for (const r of results) {
    if (out.actor === null && r.actor !== null) [out.actor, out.actorSpan] = [r.actor, r.actorSpan];
    if (out.claimed === null && r.claimed !== null)
      [out.claimed, out.claimedSpan] = [r.claimed, r.claimedSpan];
  }
  // A claim names its author: "ISIS claimed responsibility" after "gunmen attacked".
  const claimer = results.find((r) => r.claimed === true && r.actor !== null);
  if (claimer) [out.actor, out.actorSpan] = [claimer.actor, claimer.actorSpan];
  return out;
}

/** Mostly control characters or replacement characters: not text. */
function binary(s: string): boolean {
  const sample = s.slice(0, 4096);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > sample.length * 0.1;
}
