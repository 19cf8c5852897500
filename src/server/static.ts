/**
 * Serves the built dashboard (`web/dist`, made by `vite build`) from the API's own process, so
 * one origin carries both and the strict CSP (`'self'` only) holds for the page's scripts,
 * styles and its map worker.
 *
 * Vite names everything under `assets/` by content hash, so those files are cached for a year
 * as immutable; `index.html` and other unhashed files are revalidated on every load so a rebuild
 * shows at once. Paths without an extension fall back to `index.html`; `/api/*` is never
 * answered here (its unknown routes stay JSON 404s).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './auth.js';

/** Content types of the files Vite emits (and a few a dashboard may add); others are refused. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Registers `GET /*` (outside `/api/`) serving files under `root`. */
export function serveWeb(app: Hono<AppEnv>, root: string): void {
  const base = resolve(root);
  // Hono answers HEAD with this GET handler and drops the body.
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    const file = await locate(base, path);
    if (!file) return next();
    const body = await readFile(file.path);
    return c.body(body, 200, {
      'Content-Type': file.type,
      'Content-Length': String(body.byteLength),
      'Cache-Control': path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
    });
  });
}

/** The file a URL path names under `base`, or null; never a path outside `base`. */
async function locate(
  base: string,
  urlPath: string,
): Promise<{ path: string; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const ext = extname(decoded);
  // `/`, `/events/…`: app routes, answered by the page; a missing `x.js` stays a 404.
  const rel = decoded.endsWith('/') || ext === '' ? '/index.html' : decoded;
  const path = resolve(base, `.${rel}`);
  if (!path.startsWith(base + sep)) return null;
  const type = CONTENT_TYPES[extname(path)];
  if (!type) return null;
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? { path, type } : null;
}
