/**
 * The dashboard's one filter, shared by every view: each view subscribes and redraws when it
 * changes. Field names are the API's query parameters, so a filter is also a query string.
 */

export interface Filter {
  country?: string;
  admin1?: string;
  actor?: string;
  type?: string;
  target?: string;
  claimed?: 'true' | 'false';
  origin?: string;
  /** `YYYY-MM` or `YYYY-MM-DD`. */
  from?: string;
  to?: string;
}

export const FILTER_KEYS = [
  'country',
  'admin1',
  'actor',
  'type',
  'target',
  'claimed',
  'origin',
  'from',
  'to',
] as const satisfies readonly (keyof Filter)[];

type Listener = (filter: Filter, changed: ReadonlySet<keyof Filter>) => void;

export class FilterState {
  private current: Filter = {};
  private listeners: Listener[] = [];

  get value(): Filter {
    return { ...this.current };
  }

  /** Merges `patch` (undefined or '' clears a field) and notifies when anything changed. */
  set(patch: Partial<Filter>): void {
    const next: Filter = { ...this.current };
    const changed = new Set<keyof Filter>();
    for (const k of FILTER_KEYS) {
      if (!(k in patch)) continue;
      const v = patch[k] || undefined;
      if (v !== next[k]) changed.add(k);
      if (v === undefined) delete next[k];
      else (next as Record<string, string>)[k] = v;
    }
    if (changed.size === 0) return;
    this.current = next;
    for (const l of this.listeners) l(this.value, changed);
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** The filter as query parameters, optionally leaving some fields out. */
  params(omit: readonly (keyof Filter)[] = []): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = { ...this.current };
    for (const k of omit) delete out[k];
    return out;
  }
}
