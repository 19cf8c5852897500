/**
 * Admin units of Iraq and Syria from the bundled OCHA COD-AB boundaries: which governorate,
 * district and subdistrict a coordinate falls in, and which unit a name in any common spelling
 * denotes. Names returned are canonical (COD-AB English); codes are COD-AB pcodes.
 */
import { join, resolve } from 'node:path';
import type { Admin1Unit, AdminMatch, Iso3 } from './admin-types.js';
import {
  defaultBoundaryDir,
  readAliasFile,
  readBoundaryFile,
  type AliasUnit,
  type UnitProperties,
} from './boundary-files.js';
import { NameIndex } from './name-index.js';
import { PointIndex, type Ring } from './point-index.js';

export type { Admin1Unit, AdminMatch, Iso3 } from './admin-types.js';

/**
 * Boundary files, finest level first: where polygons of different levels or sources overlap or
 * leave slivers, the first file that contains a point answers, so a point in a gap between
 * subdistricts still gets its district or governorate.
 */
const LOCATE_FILES = [
  { file: 'irq_adm3', level: 3 },
  { file: 'syr_adm1', level: 1 },
  { file: 'irq_adm2', level: 2 },
  { file: 'irq_adm1', level: 1 },
  { file: 'irq_adm0', level: 0 },
  { file: 'syr_adm0', level: 0 },
] as const;

interface NamedUnit {
  code: string;
  country: Iso3;
  match: AdminMatch;
}

/** Returned matches are frozen and shared between calls; copy one to change it. */
export class AdminLookup {
  private static readonly cache = new Map<string, AdminLookup>();

  private constructor(
    private readonly points: PointIndex,
    private readonly pointMatches: readonly AdminMatch[],
    private readonly names: NameIndex<NamedUnit>,
    private readonly units: ReadonlyArray<Admin1Unit>,
  ) {}

  /**
   * Loads (once per folder, then cached) the boundaries in `dir`, by default data/boundaries of
   * the package this module belongs to, whether it runs from src/ or from dist/src/.
   */
  static load(dir: string = defaultBoundaryDir()): AdminLookup {
    const key = resolve(dir);
    let lookup = AdminLookup.cache.get(key);
    if (!lookup) {
      lookup = AdminLookup.build(key);
      AdminLookup.cache.set(key, lookup);
    }
    return lookup;
  }

  /**
   * The finest admin units containing (lon, lat) in WGS84 degrees; null outside Iraq and Syria.
   * @example AdminLookup.load().locate(44.3661, 33.3152)?.admin1 // 'Baghdad'
   */
  locate(lon: number, lat: number): AdminMatch | null {
    const id = this.points.find(lon, lat);
    return id < 0 ? null : (this.pointMatches[id] ?? null);
  }

  /**
   * The unit named by `admin1` (governorate, in any supported spelling or script, suffixes like
   * "Governorate" or "محافظة" ignored) and optionally `admin2` within it. With `country` null
   * both countries are searched and a name found in both gives null. For Syria, which has no
   * district boundaries here, `admin2` is returned as given (trimmed) with a null code. For
   * Iraq, `admin2` may also name a subdistrict (Abu Ghraib, Tarmiyah): its district and it are
   * returned; an `admin2` that names nothing known is dropped and the governorate returned.
   * An `admin1` that is not a governorate but names exactly one Iraqi district or subdistrict
   * (Halabja, governorate since 2014 but a district in COD-AB) resolves to that unit.
   * Null when `admin1` is unknown or ambiguous.
   * @example AdminLookup.load().resolveName(null, 'Salah ad-Din Province')?.admin1_code // 'IQG16'
   */
  resolveName(
    country: Iso3 | null,
    admin1: string,
    admin2: string | null = null,
  ): AdminMatch | null {
    const governorate = this.names.find('admin1', admin1, country);
    if (!governorate) {
      if (country === 'SYR') return null;
      const unit = this.names.find('admin2:IRQ', admin1) ?? this.names.find('admin3:IRQ', admin1);
      return unit?.match ?? null;
    }
    const district = admin2?.trim();
    if (!district) return governorate.match;
    if (governorate.country === 'SYR') {
      return Object.freeze({ ...governorate.match, admin2: district, admin2_code: null });
    }
    const unit =
      this.names.find(`admin2:${governorate.code}`, district) ??
      this.names.find(`admin3:${governorate.code}`, district);
    return unit?.match ?? governorate.match;
  }

  /** All governorates, Iraq then Syria, by pcode. */
  admin1Units(): ReadonlyArray<Admin1Unit> {
    return this.units;
  }

  /** Alias keys that denote more than one unit in a scope (for tests of the alias data). */
  nameAmbiguities(): Array<{ scope: string; key: string; codes: string[] }> {
    return this.names.ambiguities();
  }

  private static build(dir: string): AdminLookup {
    const polygons: Ring[][] = [];
    const pointMatches: AdminMatch[] = [];
    for (const { file, level } of LOCATE_FILES) {
      for (const feature of readBoundaryFile(join(dir, `${file}.geojson`))) {
        polygons.push(feature.rings);
        pointMatches.push(matchOf(feature.properties, level));
      }
    }
    const aliases = readAliasFile(join(dir, 'admin-aliases.json'));
    const units = aliases.admin1.map(({ country, name, name_ar, code }) =>
      Object.freeze({ country, name, name_ar, code }),
    );
    return new AdminLookup(
      new PointIndex(polygons),
      pointMatches,
      indexNames(aliases.admin1, aliases.admin2, aliases.admin3),
      Object.freeze(units),
    );
  }
}

function matchOf(p: UnitProperties, level: number): AdminMatch {
  const own = (l: number, name: string | undefined): string | null =>
    level === l ? p.name : level > l ? (name ?? null) : null;
  const code = (l: number, parent: string | undefined): string | null =>
    level === l ? p.code : level > l ? (parent ?? null) : null;
  return Object.freeze({
    country: p.country,
    admin1: own(1, p.admin1),
    admin1_code: code(1, p.admin1_code),
    admin2: own(2, p.admin2),
    admin2_code: code(2, p.admin2_code),
    admin3: own(3, undefined),
    admin3_code: code(3, undefined),
  });
}

/** Every name, Arabic name, pcode and alias of each unit, scoped by level and parent. */
function indexNames(
  admin1: readonly AliasUnit[],
  admin2: readonly AliasUnit[],
  admin3: readonly AliasUnit[],
): NameIndex<NamedUnit> {
  const names = new NameIndex<NamedUnit>();
  const byCode = new Map<string, AliasUnit>([...admin1, ...admin2].map((u) => [u.code, u]));
  const parentName = (unit: AliasUnit, code: string | undefined): string | undefined => {
    if (code === undefined) return undefined;
    const parent = byCode.get(code);
    if (!parent) throw new Error(`admin-aliases.json: ${unit.code}: unknown parent ${code}`);
    return parent.name;
  };
  const levels = [admin1, admin2, admin3] as const;
  levels.forEach((units, i) => {
    const level = i + 1;
    for (const u of units) {
      const admin1 = parentName(u, u.admin1_code);
      const match = matchOf({ ...u, admin1, admin2: parentName(u, u.admin2_code) }, level);
      const unit: NamedUnit = { code: u.code, country: u.country, match };
      const scopes =
        level === 1 ? ['admin1'] : [`admin${level}:${u.admin1_code}`, `admin${level}:${u.country}`];
      for (const scope of scopes) {
        for (const name of [u.name, u.name_ar, u.code, ...u.aliases]) names.add(scope, name, unit);
      }
    }
  });
  return names;
}
