/**
 * A token-bucket rate limit per client key (API token, else remote address), in memory. Each
 * key holds up to `burst` requests and refills `perSecond`; an empty bucket answers 429 with
 * Retry-After.
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

export interface RateLimitOptions {
  /** Requests a client may make at once; default 120. */
  burst?: number;
  /** Sustained requests per second; default 30. */
  perSecond?: number;
  /** Clock in ms (tests); default Date.now. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept at most; full (idle) ones are dropped first when the map grows past this. */
const MAX_KEYS = 10_000;

export function rateLimit({
  burst = 120,
  perSecond = 30,
  now = Date.now,
}: RateLimitOptions = {}): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const t = now();
    const key = clientKey(c);
    const b = buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
    if (b.tokens < 1) {
      const retry = Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
      throw new ApiError(429, 'rate_limited', 'too many requests', undefined, {
        'Retry-After': String(retry),
      });
    }
    b.tokens -= 1;
    buckets.set(key, b);
    if (buckets.size > MAX_KEYS) prune(buckets, t, burst, perSecond);
    await next();
  };
}

function prune(buckets: Map<string, Bucket>, t: number, burst: number, perSecond: number): void {
  for (const [k, b] of buckets) {
    if (b.tokens + ((t - b.at) / 1000) * perSecond >= burst) buckets.delete(k);
  }
  // Still too many active clients: forget the oldest (Map keeps insertion order).
  for (const k of buckets.keys()) {
    if (buckets.size <= MAX_KEYS) break;
    buckets.delete(k);
  }
}

/** The presented token (hashed, so secrets are not kept as map keys), else the peer address. */
function clientKey(c: Context): string {
  const auth = c.req.header('authorization');
  if (auth) return `token:${createHash('sha256').update(auth).digest('hex')}`;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return `ip:${env?.incoming?.socket?.remoteAddress ?? 'local'}`;
}
