import type { Iso3 } from './admin-types.js';
import { nameAlternatives, nameKey } from './normalize-name.js';

/** What a name can denote: a unit with a code and a country. */
export interface NamedUnit {
  code: string;
  country: Iso3;
}

/**
 * Names → units, by {@link nameKey}, within named scopes ("admin1", "admin2:IQG15", …) so that
 * a district named like its governorate (Kirkuk, Kirkuk) cannot shadow it. A key may denote
 * several units; lookups then abstain rather than guess.
 */
export class NameIndex<T extends NamedUnit> {
  private readonly units = new Map<string, T[]>();

  add(scope: string, name: string, unit: T): void {
    const key = nameKey(name);
    if (key === '') return;
    const id = `${scope}\u0000${key}`;
    const list = this.units.get(id);
    if (!list) this.units.set(id, [unit]);
    else if (!list.some((u) => u.code === unit.code)) list.push(unit);
  }

  /**
   * The one unit that `name` denotes in `scope` (and `country`, when given); null when the name
   * is unknown or denotes several units. Tries the whole name, then the parts of "A (B)", "A / B".
   */
  find(scope: string, name: string, country: Iso3 | null = null): T | null {
    for (const alternative of nameAlternatives(name)) {
      const all = this.units.get(`${scope}\u0000${nameKey(alternative)}`) ?? [];
      const units = country ? all.filter((u) => u.country === country) : all;
      if (units.length > 1) return null;
      if (units[0]) return units[0];
    }
    return null;
  }

  /** Keys that denote more than one unit within a scope, for checking the alias data. */
  ambiguities(): Array<{ scope: string; key: string; codes: string[] }> {
    const out: Array<{ scope: string; key: string; codes: string[] }> = [];
    for (const [id, list] of this.units) {
      const [scope = '', key = ''] = id.split('\u0000');
      if (list.length > 1) out.push({ scope, key, codes: list.map((u) => u.code) });
    }
    return out;
  }
}
