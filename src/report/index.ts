export { eventsToGeoJson, type GeoJsonChunk } from './geojson.js';
export { buildBrief, BriefError, type BriefOptions } from './brief.js';
export * from './brief-types.js';
export { dispersionComparison } from './dispersion-finding.js';
export { renderMarkdown, type MarkdownOutput } from './render-md.js';
export { renderHtml } from './render-html.js';
export { renderPdf, type PdfOptions } from './render-pdf.js';
export { tempoSpec, tempoSvg } from './tempo-chart.js';
export { mapSvg, type MapInput, type MapPoint, type MapUnit } from './map-svg.js';
