/**
 * `sitrep serve [--port 8080] [--host 127.0.0.1] [--anonymous-read]`: the HTTP API and, when
 * it has been built (`npm run build` → web/dist), the dashboard at `/`. `sitrep demo` (npm start)
 * serves through `serveUntilSignal` too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../model/paths.js';
import { startServer, type RunningServer } from '../server/index.js';
import { Store, resolveDbPath } from '../store/index.js';
import type { DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { positiveInt } from './parse.js';

interface Flags {
  port: string;
  host: string;
  anonymousRead?: boolean;
  maxUploadMb: string;
}

/** The built dashboard (web/dist), or undefined when `vite build` has not run. */
export function webRoot(): string | undefined {
  const dir = join(packageRoot(), 'web', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** `--port` as a port number (0 = any free port). */
export function portFlag(value: string): number {
  const port = positiveInt(value, 'port', true);
  if (port > 65535) throw new UsageError(`--port: ${value} is not a port (0–65535)`);
  return port;
}

export interface ServeFlags {
  port: number;
  host: string;
  anonymousRead: boolean;
  /** Largest file `POST /api/imports` accepts; the server's default when absent. */
  maxUploadBytes?: number;
}

/**
 * Serves the API (and dashboard) on `store` until SIGINT/SIGTERM; `onListening` runs once the
 * socket is open (to print the URL). A busy port is a usage error naming the flag.
 */
export async function serveUntilSignal(
  store: Store,
  flags: ServeFlags,
  onListening: (server: RunningServer, web: string | undefined) => void | Promise<void>,
): Promise<void> {
  const web = webRoot();
  let server: RunningServer;
  try {
    server = await startServer({
      store,
      port: flags.port,
      host: flags.host,
      auth: { anonymousRead: flags.anonymousRead },
      webRoot: web,
      ...(flags.maxUploadBytes ? { maxUploadBytes: flags.maxUploadBytes } : {}),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`--port: ${flags.port} is already in use; pick another with --port`);
    }
    throw err;
  }
  await onListening(server, web);
  await untilSignal();
  console.log('sitrep: shutting down');
  await server.close();
}

/** `http://127.0.0.1:8080` → `http://localhost:8080` (what people type; same machine). */
export function browserUrl(server: RunningServer): string {
  return server.url.replace(/^http:\/\/(127\.0\.0\.1|\[::1\])(?=:)/, 'http://localhost');
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (OpenAPI at /api/openapi.json) and the dashboard until Ctrl-C')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on (127.0.0.1 = this machine only)', '127.0.0.1')
    .option('--anonymous-read', 'let requests without a token read (writes still need one)')
    .option('--max-upload-mb <n>', 'largest file an admin may import over HTTP, in MiB', '512')
    .action(async (flags: Flags, cmd: Command) => {
      const port = portFlag(flags.port);
      const maxUploadBytes = positiveInt(flags.maxUploadMb, 'max-upload-mb') * 1024 * 1024;
      const store = await Store.open(resolveDbPath(cmd.optsWithGlobals<DbFlags>().db));
      const anonymousRead = Boolean(flags.anonymousRead);
      try {
        const serve = { port, host: flags.host, anonymousRead, maxUploadBytes };
        await serveUntilSignal(store, serve, (server, web) => {
          console.log(`sitrep: serving ${store.path} on ${server.url} (Ctrl-C to stop)`);
          if (!web) console.log('sitrep: no dashboard build (web/dist): run npm run build');
          if (anonymousRead) console.log('sitrep: anonymous read access is ON');
          else console.log('sitrep: reads need a token: sitrep token create --role viewer');
        });
      } finally {
        store.close();
      }
    });
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
