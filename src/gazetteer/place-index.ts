/**
 * The place index: data/places/places.json (built by scripts/build-places.mjs) loaded once and
 * keyed by alias, so that a run of text tokens finds every place it may name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PLACE_KINDS, type PlaceKind } from '../model/index.js';
import { looseKey, spanKey, tokenize } from './tokens.js';

export { PLACE_KINDS, type PlaceKind };

const PlaceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  name_ar: z.string().optional(),
  aliases: z.array(z.string()),
  kind: z.enum(PLACE_KINDS),
  population: z.number().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  country: z.enum(['IRQ', 'SYR']).nullable(),
  admin1: z.string().nullable(),
  admin1_code: z.string().nullable(),
  admin2: z.string().nullable(),
  admin2_code: z.string().nullable(),
  admin3: z.string().nullable(),
  admin3_code: z.string().nullable(),
  /** Wilayas: the governorate pcodes (or a country's ISO3) they cover. */
  covers: z.array(z.string()).optional(),
  sources: z.array(z.string()),
});
/** One gazetteer entry; admin names are canonical COD-AB English, codes COD-AB pcodes. */
export type Place = z.infer<typeof PlaceSchema>;

const PlaceFile = z.object({ about: z.string(), places: z.array(PlaceSchema) });

/** What an alias key finds: the places, and whether it was an exact or a loose key. */
export interface AliasHit {
  places: readonly Place[];
  loose: boolean;
}

export class PlaceIndex {
  private static readonly cache = new Map<string, PlaceIndex>();
  /** Most tokens in any alias. */
  readonly maxTokens: number;
  private readonly exact = new Map<string, Place[]>();
  private readonly loose = new Map<string, Place[]>();
  private readonly ids = new Map<string, Place>();

  private constructor(readonly places: readonly Place[]) {
    let maxTokens = 1;
    for (const place of places) {
      this.ids.set(place.id, place);
      for (const alias of new Set([place.name, ...place.aliases])) {
        const tokens = tokenize(alias);
        const key = spanKey(tokens);
        if (key.length < 2) continue;
        maxTokens = Math.max(maxTokens, tokens.length);
        add(this.exact, key, place);
        if (tokens[0]?.script === 'latin' && key.length >= 4) add(this.loose, looseKey(key), place);
      }
    }
    this.maxTokens = Math.min(maxTokens, 6);
  }

  /**
   * Loads (once per file, then cached) data/places/places.json of the package this module
   * belongs to, or `path`.
   */
  static load(path: string = defaultPlacesPath()): PlaceIndex {
    const key = resolve(path);
    let index = PlaceIndex.cache.get(key);
    if (!index) {
      const parsed = PlaceFile.safeParse(JSON.parse(readFileSync(key, 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${key}: ${issue?.path.join('.')}: ${issue?.message}`);
      }
      index = new PlaceIndex(parsed.data.places);
      PlaceIndex.cache.set(key, index);
    }
    return index;
  }

  byId(id: string): Place | undefined {
    return this.ids.get(id);
  }

  /** Places whose alias has this exact key (see `spanKey`). */
  exactHit(key: string): readonly Place[] | undefined {
    return this.exact.get(key);
  }

  /** Places whose alias has this loose key (see `looseKey`); only for Latin keys of ≥ 4 letters. */
  looseHit(key: string): readonly Place[] | undefined {
    return key.length >= 4 ? this.loose.get(looseKey(key)) : undefined;
  }

  /**
   * Every place a name may denote, exact spellings first.
   * @example PlaceIndex.load().find('Ba`qubah')[0]?.admin1_code // 'IQG10'
   */
  find(name: string): AliasHit {
    const key = spanKey(tokenize(name));
    const exact = this.exact.get(key);
    if (exact) return { places: exact, loose: false };
    return { places: this.looseHit(key) ?? [], loose: true };
  }
}

function add(map: Map<string, Place[]>, key: string, place: Place): void {
  const list = map.get(key);
  if (!list) map.set(key, [place]);
  else if (!list.includes(place)) list.push(place);
}

/** data/places/places.json of the nearest package root above this module (src/ or dist/src/). */
export function defaultPlacesPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`places: no package.json above ${import.meta.url}`);
    dir = up;
  }
  return join(dir, 'data', 'places', 'places.json');
}
