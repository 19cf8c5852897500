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
import { briefRoutes } from './brief-routes.js';
import { commsRoutes } from './comms-routes.js';
import { dataRoutes } from './data-routes.js';
import { ApiError, errorHandler, notFound } from './errors.js';
import { eventRoutes } from './events-routes.js';
import { ImportJobs } from './import-jobs.js';
import { importRoutes, IMPORTS_PATH } from './import-routes.js';
import { linkRoutes } from './link-routes.js';
import { LinkTickets } from './link-tickets.js';
import { mapRoutes } from './map-routes.js';
import { validationHook } from './params.js';
import { rateLimit, type RateLimitOptions } from './rate-limit.js';
import { responseCache, type ResponseCacheOptions } from './response-cache.js';
import { readScope, serializer } from './serialize.js';
import { serveWeb } from './static.js';
import { tokenRoutes } from './token-routes.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from './upload.js';

export interface AppOptions {
  store: Store;
  auth: {
    /** Let requests without a token read (GET); writes always need a token. Default false. */
    anonymousRead: boolean;
  };
  /** Default: bursts of 120, 30 requests/s sustained, per client. */
  rateLimit?: RateLimitOptions;
  /** Largest request body in bytes; default 64 KiB. File uploads have their own limit. */
  maxBodyBytes?: number;
  /** Largest file uploaded to `POST /api/imports`, in bytes; default 512 MiB. */
  maxUploadBytes?: number;
  /** Serve the built dashboard (`web/dist`) from this directory at `/`; default: API only. */
  webRoot?: string;
  /** Pooled DuckDB connections GET requests run on side by side; default 4, 0 = one shared. */
  readConnections?: number;
  /** Located events `/api/map/points` sends one by one before it bins them; default 20,000. */
  maxMapPoints?: number;
  /** Repeated GETs of analyses, events and points answered from memory; `false` turns it off. */
  cache?: ResponseCacheOptions | false;
}

export const API_VERSION = '0.1.0';

export function createApp({
  store,
  auth,
  rateLimit: limits,
  maxBodyBytes = 64 * 1024,
  maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES,
  webRoot,
  readConnections = 4,
  maxMapPoints,
  cache = {},
}: AppOptions): SitrepApp {
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
      // A route may set a stricter policy of its own (the HTML brief forbids every script).
      overwrite: false,
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      crossOriginResourcePolicy: 'same-origin',
    }),
  );
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.use('/api/*', rateLimit(limits));
  const smallBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `request body over ${maxBodyBytes} bytes`);
    },
  });
  // Uploads stream to disk under their own, larger cap (import-routes.ts).
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && c.req.path === IMPORTS_PATH ? next() : smallBody(c, next),
  );
  const tickets = new LinkTickets();
  app.use('/api/*', authenticate(store, tickets));
  app.use('/api/*', async (c, next) => {
    const read = c.req.method === 'GET' || c.req.method === 'HEAD';
    const open = c.req.path === '/api/openapi.json' || (read && auth.anonymousRead);
    if (!open) checkRole(c, 'viewer');
    await next();
  });
  // A cached answer needs no connection, so the cache comes before the read pool.
  const cached = cache ? responseCache(cache) : null;
  if (cached) app.use('/api/*', cached);
  const base = store;
  const reads = readScope(store, readConnections);
  app.use('/api/*', reads.middleware);
  // Every route reads through the request's pooled connection (writes: the main one).
  store = reads.store;

  const exclusive = serializer();
  // Imports write through the main connection in turn with corrections; a finished one changes
  // what every cached answer counts.
  const imports = new ImportJobs(base, { exclusive, onFinish: () => cached?.invalidate() });
  eventRoutes(app, store, exclusive);
  analysisRoutes(app, store);
  commsRoutes(app, store);
  dataRoutes(app, store, exclusive);
  linkRoutes(app, store);
  mapRoutes(app, store, { maxPoints: maxMapPoints });
  briefRoutes(app, store, tickets);
  importRoutes(app, imports, { maxUploadBytes });
  // The token cache is kept per Store object: revocations must clear the one `authenticate` reads.
  tokenRoutes(app, base);
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
  return Object.assign(app, { imports });
}

/** The app, with its import jobs (tests and shutdown wait on `imports.idle()`). */
export type SitrepApp = OpenAPIHono<AppEnv> & { imports: ImportJobs };
