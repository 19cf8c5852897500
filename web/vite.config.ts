/**
 * Builds the dashboard into web/dist, which `sitrep serve` and `npm start` serve from the API's
 * origin. Paths are absolute (`/assets/…`) because the server mounts the build at `/`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
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
