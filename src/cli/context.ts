/** Shared plumbing for commands: opening the store from `--db`/`SITREP_DB`, and closing it. */
import { resolveDbPath, Store } from '../store/index.js';

export interface DbFlags {
  db?: string;
}

/** Opens the database named by the flags, runs `fn`, and always closes it. */
export async function withStore<T>(flags: DbFlags, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(resolveDbPath(flags.db));
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
