export { AdminLookup } from './admin-lookup.js';
export type { Admin1Unit, AdminMatch, Iso3 } from './admin-types.js';
export { nameKey, normalizeName } from './normalize-name.js';
export { geoparse } from './geoparse.js';
export { primaryPlace } from './primary.js';
export type { GeoparseOptions, Toponym, ToponymCandidate } from './toponym.js';
export { PlaceIndex, PLACE_KINDS } from './place-index.js';
export type { Place, PlaceKind } from './place-index.js';
