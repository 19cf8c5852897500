/**
 * Builds the dashboard into web/dist, which `sitrep serve` and `npm start` serve from the API's
 * origin. Paths are absolute (`/assets/…`) because the server mounts the build at `/`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The map's chunk (MapLibre) and its worker are loaded by a dynamic import, which the page only
 * reaches after its own script runs; preload links in index.html start both downloads with the
 * page's. External links, so the CSP ('self' only, no inline code) is unaffected.
 */
function preloadMap(): Plugin {
  return {
    name: 'sitrep-preload-map',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.values(ctx.bundle ?? {}).map((c) => c.fileName);
        return files
          .filter((f) => /^assets\/(map-view-.*\.js|maplibre-gl-worker-.*\.mjs)$/.test(f))
          .map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', href: `/${f}`, crossorigin: '' },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [preloadMap()],
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; it is one chunk loaded once and cached as immutable.
    chunkSizeWarningLimit: 1500,
    // No inline <script> or data: module preloads: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
