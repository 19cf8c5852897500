/** `sitrep serve [--port 8080] [--host 127.0.0.1] [--anonymous-read]` */
import type { Command } from 'commander';
import { startServer } from '../server/index.js';
import { Store, resolveDbPath } from '../store/index.js';
import type { DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { positiveInt } from './parse.js';

interface Flags {
  port: string;
  host: string;
  anonymousRead?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (OpenAPI at /api/openapi.json) until Ctrl-C')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on (127.0.0.1 = this machine only)', '127.0.0.1')
    .option('--anonymous-read', 'let requests without a token read (writes still need one)')
    .action(async (flags: Flags, cmd: Command) => {
      const port = positiveInt(flags.port, 'port', true);
      if (port > 65535) throw new UsageError(`--port: ${flags.port} is not a port (0–65535)`);
      const store = await Store.open(resolveDbPath(cmd.optsWithGlobals<DbFlags>().db));
      try {
        const server = await startServer({
          store,
          port,
          host: flags.host,
          auth: { anonymousRead: Boolean(flags.anonymousRead) },
        });
        console.log(`sitrep: serving ${store.path} on ${server.url} (Ctrl-C to stop)`);
        if (flags.anonymousRead) console.log('sitrep: anonymous read access is ON');
        else console.log('sitrep: reads need a token: sitrep token create --role viewer');
        await untilSignal();
        console.log('sitrep: shutting down');
        await server.close();
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
