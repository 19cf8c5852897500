/**
 * Bounded concurrency for slow per-item work (one LLM request per document): at most `limit`
 * items are in flight, results come out in input order, and the input is read only as fast as
 * results are taken, so memory stays bounded however long the input is.
 */

/**
 * `fn` over `items`, at most `limit` calls pending at once, results in input order.
 * A rejected call rejects the generator when its turn comes (later calls still run).
 * @example for await (const r of mapOrdered(docs, 4, (d) => extractLlm(d, options))) write(r)
 */
export async function* mapOrdered<T, R>(
  items: AsyncIterable<T> | Iterable<T>,
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency: ${limit}`);
  const pending: Array<Promise<R>> = [];
  for await (const item of items) {
    const p = fn(item);
    // Awaited in turn below; until then a rejection must not count as unhandled.
    p.catch(() => undefined);
    pending.push(p);
    if (pending.length >= limit) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}
