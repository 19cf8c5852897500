/**
 * EventFilter → a WHERE clause with named parameters. Only this module turns filters into SQL,
 * and it never splices a value into the text: every value becomes a `$pN` parameter.
 */
import { canonicalActor, endOf, startOf, type EventFilter } from '../model/index.js';
import type { DuckDBValue } from '@duckdb/node-api';

export interface SqlFragment {
  sql: string;
  params: Record<string, DuckDBValue>;
}

/** Builds `WHERE …` (or an empty string) for `filter`, qualifying columns with `alias` if given. */
export function whereClause(filter: EventFilter, alias = ''): SqlFragment {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  const parts: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  let n = 0;
  const bind = (v: DuckDBValue) => {
    const name = `p${n++}`;
    params[name] = v;
    return `$${name}`;
  };
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    parts.push(`${col(column)} IN (${values.map((v) => bind(v)).join(', ')})`);
  };
  inList('country', filter.country);
  inList('attack_type', filter.attack_type);
  inList('target_type', filter.target_type);
  inList('source_id', filter.source_id);
  // Admin units and actors match case-insensitively so `--admin1 kirkuk` works; actor
  // aliases resolve to the canonical name so `--actor ISIS` finds 'Islamic State'.
  if (filter.admin1?.length) {
    parts.push(
      `(lower(${col('admin1')}) IN (${filter.admin1.map((v) => bind(v.toLowerCase())).join(', ')})` +
        ` OR ${col('admin1_code')} IN (${filter.admin1.map((v) => bind(v)).join(', ')}))`,
    );
  }
  if (filter.actor?.length) {
    const names = filter.actor.map((v) => bind((canonicalActor(v) ?? v).toLowerCase())).join(', ');
    parts.push(`(lower(${col('actor1')}) IN (${names}) OR lower(${col('actor2')}) IN (${names}))`);
  }
  if (filter.origin) parts.push(`${col('origin')} = ${bind(filter.origin)}`);
  if (filter.claimed !== undefined) parts.push(`${col('claimed')} = ${bind(filter.claimed)}`);
  if (filter.from) parts.push(`${col('date')} >= ${bind(startOf(filter.from))}::DATE`);
  if (filter.to) parts.push(`${col('date')} <= ${bind(endOf(filter.to))}::DATE`);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
