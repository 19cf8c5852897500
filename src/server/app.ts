/**
 * The HTTP API as a Hono app: `createApp({ store, auth })` returns an app whose `fetch` serves
 * the routes, so tests call `app.request(...)` in process and `serve.ts` puts it on a socket.
 *
 * Every response carries security headers (a strict CSP with no inline script, nosniff,
 * no-referrer, DENY framing); request bodies are capped; each client (token, else address)
 * gets a token-bucket rate limit; reads need a viewer token unless `anonymousRead` is set.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Store } from '../store/index.js';
import { analysisRoutes } from './analysis-routes.js';
import { authenticate, checkRole, type AppEnv } from './auth.js';
import { commsRoutes } from './comms-routes.js';
import { dataRoutes } from './data-routes.js';
import { ApiError, errorHandler, notFound } from './errors.js';
import { eventRoutes } from './events-routes.js';
import { linkRoutes } from './link-routes.js';
import { mapRoutes } from './map-routes.js';
import { validationHook } from './params.js';
import { rateLimit, type RateLimitOptions } from './rate-limit.js';
import { responseCache, type ResponseCacheOptions } from './response-cache.js';
import { readScope, serializer } from './serialize.js';
import { serveWeb } from './static.js';

export interface AppOptions {
  store: Store;
  auth: {
    /** Let requests without a token read (GET); writes always need a token. Default false. */
    anonymousRead: boolean;
  };
  /** Default: bursts of 120, 30 requests/s sustained, per client. */
  rateLimit?: RateLimitOptions;
  /** Largest request body in bytes; default 64 KiB. */
  maxBodyBytes?: number;
  /** Serve the built dashboard (`web/dist`) from this directory at `/`; default: API only. */
  webRoot?: string;
  /** Pooled DuckDB connections GET requests run on side by side; default 4, 0 = one shared. */
  readConnections?: number;
  /** Repeated GETs of analyses, events and points answered from memory; `false` turns it off. */
  cache?: ResponseCacheOptions | false;
}

export const API_VERSION = '0.1.0';

export function createApp({
  store,
  auth,
  rateLimit: limits,
  maxBodyBytes = 64 * 1024,
  webRoot,
  readConnections = 4,
  cache = {},
}: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(errorHandler);
  app.notFound(notFound);

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        // The dashboard's map (MapLibre) fetches, clusters and tiles its GeoJSON in a module
        // worker loaded from this origin's /assets/. A same-origin worker URL needs neither
        // blob: nor child-src (MapLibre only falls back to blob: for cross-origin workers).
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      crossOriginResourcePolicy: 'same-origin',
    }),
  );
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.use('/api/*', rateLimit(limits));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `request body over ${maxBodyBytes} bytes`);
      },
    }),
  );
  app.use('/api/*', authenticate(store));
  app.use('/api/*', async (c, next) => {
    const read = c.req.method === 'GET' || c.req.method === 'HEAD';
    const open = c.req.path === '/api/openapi.json' || (read && auth.anonymousRead);
    if (!open) checkRole(c, 'viewer');
    await next();
  });
  // A cached answer needs no connection, so the cache comes before the read pool.
  if (cache) app.use('/api/*', responseCache(cache));
  const reads = readScope(store, readConnections);
  app.use('/api/*', reads.middleware);
  // Every route reads through the request's pooled connection (writes: the main one).
  store = reads.store;

  const exclusive = serializer();
  eventRoutes(app, store, exclusive);
  analysisRoutes(app, store);
  commsRoutes(app, store);
  dataRoutes(app, store, exclusive);
  linkRoutes(app, store);
  mapRoutes(app, store);
  if (webRoot !== undefined) serveWeb(app, webRoot);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'a token from `sitrep token create`',
  });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Sitrep API',
      version: API_VERSION,
      description: 'Conflict events, documents and analyses over the local Sitrep database.',
    },
    security: [{ bearer: [] }],
  });
  return app;
}
