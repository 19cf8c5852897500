export * from './errors.js';
export * from './values.js';
export * from './format.js';
export * from './formats.js';
export * from './mapping.js';
export * from './csv.js';
export * from './normalize.js';
export * from './importer.js';
