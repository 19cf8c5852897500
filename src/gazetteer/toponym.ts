/** The geoparser's result types live in the model; re-exported here for the gazetteer's modules. */
export type { GeoparseOptions, Toponym, ToponymCandidate } from '../model/index.js';
