/**
 * Data sources and their licences, as data/ATTRIBUTION.md states them, for the brief's method
 * section. Event sources are listed when the brief's events come from them; the boundaries and
 * rivers whenever a map is drawn.
 */
import type { DataSource } from './brief-types.js';

const EVENT_SOURCES: Record<string, DataSource> = {
  ucdp_ged: {
    name: 'UCDP Georeferenced Event Dataset (GED 19.1), Uppsala Conflict Data Program',
    licence: 'CC BY 4.0',
    used_for: 'events',
  },
  acled: {
    name: 'Armed Conflict Location & Event Data (ACLED)',
    licence: 'ACLED terms of use (not redistributable)',
    used_for: 'events',
  },
  gtd: {
    name: 'Global Terrorism Database (GTD), START',
    licence: 'GTD terms of use (not redistributable)',
    used_for: 'events',
  },
};

export const BOUNDARY_SOURCE: DataSource = {
  name: 'OCHA COD-AB administrative boundaries, Iraq (CSO/OCHA 2019) and Syria (UNOCHA 2020), via HDX',
  licence: 'CC BY-IGO 3.0',
  used_for: 'map: governorates',
};

export const RIVER_SOURCE: DataSource = {
  name: 'Natural Earth 10m rivers and lake centrelines',
  licence: 'public domain',
  used_for: 'map: Euphrates and Tigris',
};

/** The attribution of an event source id; unknown ids are named as such. */
export function eventSource(id: string): DataSource {
  return (
    EVENT_SOURCES[id] ?? {
      name: `${id} (source id; see its import mapping)`,
      licence: 'not recorded',
      used_for: 'events',
    }
  );
}

/** A communications source (documents' `source` column): named as stored, licence unknown. */
export function documentSource(source: string): DataSource {
  return {
    name: `${source} (documents)`,
    licence: 'as ingested (bundled files: data/ATTRIBUTION.md)',
    used_for: 'communications volume',
  };
}
