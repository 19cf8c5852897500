import { describe, expect, it } from 'vitest';
import { whereClause } from './filter-sql.js';

describe('whereClause', () => {
  it('is empty for an empty filter', () => {
    expect(whereClause({})).toEqual({ sql: '', params: {} });
  });

  it('binds every value as a parameter and never splices it into the SQL', () => {
    const hostile = "Kirkuk'); DROP TABLE events; --";
    const w = whereClause({ admin1: [hostile], country: ['IRQ'], from: '2020-01', to: '2021-09' });
    expect(w.sql).not.toContain('DROP');
    expect(Object.values(w.params)).toContain(hostile);
    expect(Object.values(w.params)).toContain('2020-01-01');
    expect(Object.values(w.params)).toContain('2021-09-30');
  });

  it('resolves actor aliases to the canonical name before binding', () => {
    const w = whereClause({ actor: ['Daesh'] });
    expect(Object.values(w.params)).toEqual(['islamic state']);
  });

  it('qualifies columns with an alias when asked', () => {
    expect(whereClause({ origin: 'dataset' }, 'e').sql).toBe('WHERE e.origin = $p0');
  });
});
