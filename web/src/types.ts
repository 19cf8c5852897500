/**
 * The API's response shapes, taken from the server's own model types (type-only imports: nothing
 * from src/ is bundled), so the page and the API cannot drift apart unnoticed.
 */
import type { Event, Evidence, Document } from '../../src/model/index.js';

export type {
  TempoResult,
  ConcentrationResult,
  HotspotResult,
  Evidence,
  Document,
} from '../../src/model/index.js';

export type ApiEvent = Omit<Event, 'raw'>;

export interface EventPage {
  total: number;
  limit: number;
  offset: number;
  events: ApiEvent[];
}

export interface EventDetail {
  event: ApiEvent;
  evidence: Evidence[];
  documents: Document[];
}

export interface AuditEntry {
  changed_at: string;
  actor: string;
  table_name: string;
  row_id: string;
  field: string;
  old_value: unknown;
  new_value: unknown;
}

export interface Facet {
  value: string;
  n: number;
}

export interface Facets {
  total: number;
  country: Facet[];
  actor: Facet[];
  attack_type: Facet[];
  target_type: Facet[];
  origin: Facet[];
  admin1: Admin1Props[];
  first: string | null;
  last: string | null;
}

/** Properties of the bundled admin1 boundaries (data/boundaries/*_adm1.geojson). */
export interface Admin1Props {
  country: string;
  name: string;
  name_ar: string;
  code: string;
}

export type { IncidentDetail } from '../../src/model/index.js';
export type { ImportJob } from '../../src/server/import-jobs.js';

/** A page of `/api/incidents`: incidents with their member event ids. */
export interface IncidentPage {
  incidents: { id: string; members: string[] }[];
}

/** `/api/me`: the caller's token name and role (null when reading anonymously). */
export interface Me {
  name: string | null;
  role: 'viewer' | 'analyst' | 'admin' | null;
}
