/**
 * The event's place from the geoparser's toponyms: the primary place (src/gazetteer/primary.ts)
 * among those inside the event's clauses, else among those of the lead-in (headline, dateline).
 */
import { primaryPlace } from '../gazetteer/primary.js';
import type { Toponym } from '../model/index.js';
import type { Segment } from './segment.js';

/** Toponyms whose span starts inside one of `segments`. */
export function toponymsIn(toponyms: readonly Toponym[], segments: readonly Segment[]): Toponym[] {
  return toponyms.filter((t) => segments.some((s) => t.start >= s.start && t.start < s.end));
}

/** The event's place among `toponyms` in `segments`, else in `fallback`; null when none. */
export function eventPlace(
  toponyms: readonly Toponym[],
  segments: readonly Segment[],
  fallback: readonly Segment[],
): Toponym | null {
  return (
    primaryPlace(toponymsIn(toponyms, segments)) ?? primaryPlace(toponymsIn(toponyms, fallback))
  );
}

/** A place fine enough to tell two happenings apart (not a wilaya or country). */
export function distinctive(t: Toponym | null): t is Toponym {
  return t !== null && t.kind !== 'wilaya' && t.kind !== 'country' && t.place_id !== null;
}
