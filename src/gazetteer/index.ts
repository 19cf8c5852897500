export { AdminLookup } from './admin-lookup.js';
export type { Admin1Unit, AdminMatch, Iso3 } from './admin-types.js';
export { nameKey, normalizeName } from './normalize-name.js';
