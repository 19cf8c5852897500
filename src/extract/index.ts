export { extract, MAX_CHARS } from './extract.js';
export { ExtractDocSchema, ExtractedEventSchema, EXTRACTOR } from './types.js';
export type { ExtractDoc, ExtractedEvent, Span } from './types.js';
export { extractStored, type StoreExtractResult } from './store-mode.js';
