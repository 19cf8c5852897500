/**
 * Communications queries, one module per concern; this file re-exports them so that callers
 * import one place. Values are always bound parameters; the only identifiers spliced in come
 * from whitelists (comms-filter.ts).
 */
export * from './comms-minhash.js';
export * from './comms-duplicate-links.js';
export * from './comms-filter.js';
export * from './comms-volume.js';
export * from './comms-network.js';
export * from './comms-texts.js';
export * from './comms-events.js';
