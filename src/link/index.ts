export * from './score.js';
export * from './cluster.js';
export * from './tokens.js';
export * from './resolve.js';
export * from './claims.js';
export * from './eval.js';
export * from './weights.js';
