/**
 * Who runs when on the store. Writes (a correction, an export's temp table) go one at a time
 * through `serializer()` on the store's main connection; reads (GET requests) each take a
 * pooled read connection (`Store.withReader`) so that fifty dashboards' queries run side by side
 * and a one-row lookup does not queue behind a million-row analysis.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../store/index.js';

/** Runs async tasks one at a time. */
export function serializer(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** GETs that stay on the main connection: exports stream after the handler returns (the
 * pooled connection would be back in the pool while still read) and write a temp table. */
const MAIN_CONNECTION_PATHS = ['/api/export'];

/**
 * A store for the route handlers and the middleware that picks its connection per request.
 * Within a GET request `store` runs on that request's pooled read connection; anywhere else
 * (writes, exports, startup) on the main one. Routes keep taking a plain Store, so none of
 * them had to change; `connections` 0 keeps every request on the main connection.
 */
export function readScope(
  base: Store,
  connections: number,
): { store: Store; middleware: MiddlewareHandler } {
  const current = new AsyncLocalStorage<Store>();
  // Store's methods all go through `this.conn`: swapping that one property reroutes them.
  const store = Object.create(base, {
    conn: { get: () => (current.getStore() ?? base).conn },
  }) as Store;
  const middleware: MiddlewareHandler = async (c, next) => {
    const read = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!read || connections <= 0 || MAIN_CONNECTION_PATHS.includes(c.req.path)) return next();
    await base.withReader((reader) => current.run(reader, next), { max: connections });
  };
  return { store, middleware };
}
