export { tempo, meanWithInterval } from './tempo.js';
export { concentration, concentrationIndices, type Admin1Source } from './concentration.js';
export { tempoFinding, concentrationFinding, formatWindow, keyFindings } from './findings.js';
export { resolveWindow } from './window.js';
