export { commsVolume } from './volume.js';
export { commsNetwork } from './network.js';
export { commsTerms } from './terms.js';
export { commsOpsShare, wilson } from './ops-share.js';
export { commsVsAttacks, crossCorrelation, pearson, VS_ATTACKS_CAUTION } from './vs-attacks.js';
export { logOdds, type LogOddsScore } from './log-odds.js';
export { terms, type TermKind } from './tokenize.js';
export { measureGraph, communities, type WeightedEdge } from './graph.js';
