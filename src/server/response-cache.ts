/**
 * Answers repeated read requests from memory. The dashboard asks the same questions many times
 * (every panel, every analyst, every refresh, with the same filter), and on a million events one
 * analysis costs DuckDB 0.2–1 s of CPU; a cached answer costs microseconds.
 *
 * Keyed by the full URL (path and query: the filter and options); only 200 responses of at most
 * `maxBytes` are kept. Correctness: every API request that is not a GET or HEAD (a correction,
 * an import, a token change) empties the cache before and after it runs, and an answer computed
 * while a write ran is not kept; `maxAgeMs` (plus one computation) bounds how long a write made past
 * the API (straight through the Store in this process) can go unseen. Concurrent misses on one
 * URL compute once.
 */
import type { MiddlewareHandler } from 'hono';

export interface ResponseCacheOptions {
  /**
   * URL path prefixes whose GET answers are cached; default analyses, events, map points and
   * facets, and the dashboard's claims and communications panels.
   */
  prefixes?: string[];
  /** Entries kept at most (oldest dropped first); default 500. */
  maxEntries?: number;
  /** Largest body kept, in bytes; default 1 MiB. */
  maxBytes?: number;
  /** Bodies kept in all, in bytes (oldest dropped first); default 32 MiB. */
  maxTotalBytes?: number;
  /** Oldest answer served, in ms; default 10,000. */
  maxAgeMs?: number;
}

interface Entry {
  body: string;
  headers: [string, string][];
  at: number;
}

/** The cache middleware, and a way to empty it when data change outside a request. */
export type ResponseCache = MiddlewareHandler & {
  /** Drops every answer; an answer being computed now is not kept (a background import's end). */
  invalidate(): void;
};

export function responseCache({
  prefixes = [
    '/api/analyses/',
    '/api/events',
    '/api/map/points',
    '/api/map/facets',
    '/api/claims/summary',
    '/api/comms/volume',
  ],
  maxEntries = 500,
  maxBytes = 1 << 20,
  maxTotalBytes = 32 << 20,
  maxAgeMs = 10_000,
}: ResponseCacheOptions = {}): ResponseCache {
  const entries = new Map<string, Entry>();
  let total = 0;
  const drop = (key: string) => {
    total -= entries.get(key)?.body.length ?? 0;
    entries.delete(key);
  };
  const pending = new Map<string, Promise<Entry | null>>();
  let generation = 0;
  const invalidate = () => {
    generation++;
    entries.clear();
    total = 0;
    pending.clear();
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      invalidate();
      try {
        return await next();
      } finally {
        invalidate();
      }
    }
    if (c.req.method !== 'GET' || !prefixes.some((p) => c.req.path.startsWith(p))) return next();
    const key = c.req.url;
    const old = entries.get(key);
    // Look up the pending answer before any await, so that misses arriving together share it.
    const inFlight = pending.get(key);
    // An answer past maxAgeMs is refreshed by one request while the others still get it: a
    // million-event analysis then never makes fifty clients wait at once.
    const hit =
      old && (inFlight || Date.now() - old.at <= maxAgeMs) ? old : inFlight && (await inFlight);
    if (hit) return c.body(hit.body, 200, Object.fromEntries(hit.headers));

    const started = generation;
    let settle!: (e: Entry | null) => void;
    const mine = new Promise<Entry | null>((resolve) => (settle = resolve));
    pending.set(key, mine);
    let entry: Entry | null = null;
    try {
      await next();
      const res = c.res;
      if (res.status === 200 && Number(res.headers.get('content-length') ?? 0) <= maxBytes) {
        const body = await res.clone().text();
        if (body.length <= maxBytes && generation === started) {
          entry = { body, headers: [...res.headers], at: Date.now() };
          drop(key);
          entries.set(key, entry);
          total += body.length;
          // Map keeps insertion order: the first key is the oldest answer.
          while (entries.size > maxEntries || total > maxTotalBytes) {
            drop(entries.keys().next().value!);
          }
        }
      }
    } finally {
      if (pending.get(key) === mine) pending.delete(key);
      settle(entry);
    }
  };
  return Object.assign(middleware, { invalidate });
}
