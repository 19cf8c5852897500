export * from './db.js';
export * from './migrations.js';
export * from './filter-sql.js';
export * from './stage.js';
export * from './events.js';
export * from './imports.js';
export * from './paths.js';
