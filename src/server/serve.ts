/** Puts the API on a socket with @hono/node-server; used by `sitrep serve` and its test. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from './app.js';

export interface ServeOptions extends AppOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (local only). */
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections and waits for open ones to finish; calling it again is a no-op. */
  close(): Promise<void>;
}

export async function startServer({
  port = 8080,
  host = '127.0.0.1',
  ...app
}: ServeOptions): Promise<RunningServer> {
  const { fetch } = createApp(app);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      let closing: Promise<void> | null = null;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          })),
      });
    });
    server.once('error', reject);
  });
}
