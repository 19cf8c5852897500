/**
 * Runs async tasks one at a time. The store has one DuckDB connection: a write transaction or
 * an export's temp table must not interleave with another request's.
 */
export function serializer(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
