export { tempo, meanWithInterval } from './tempo.js';
export { concentration, concentrationIndices, type Admin1Source } from './concentration.js';
export {
  tempoFinding,
  concentrationFinding,
  formatWindow,
  keyFindings,
  forecastFinding,
  forecastFindings,
  unitForecastFinding,
  riverFinding,
} from './findings.js';
export { resolveWindow } from './window.js';
export { dispersion, centrography } from './dispersion.js';
export { hotspots } from './hotspots.js';
export { benjaminiHochberg, giStar, twoSidedP, confidenceBin } from './gistar.js';
export { rivers, riverLines } from './rivers.js';
export { riverPosition, segmentsOf, type RiverPosition } from './river-segments.js';
export { bundledRivers, orientDownstream, type RiverLine, type RiverLines } from './river-lines.js';
export { haversineKm, localProjection } from './geo.js';
export { kde, type KdeGrid, type KdeOptions } from './kde.js';
export { regimes, labelSegments, overdispersion } from './regimes.js';
export { pelt, poissonCost } from './pelt.js';
export { regimeFinding } from './regime-finding.js';
export { alerts, seriesAlerts } from './alerts.js';
export { countUpperTail, negBinUpperTail, poissonUpperTail, lnGamma } from './count-tail.js';
export {
  forecast,
  forecastByAdmin1,
  backtest,
  forecastCounts,
  type UnitForecast,
} from './forecast.js';
export * from './comms/index.js';
export { fitHolt, holtForecast, type HoltFit, type HoltForecast } from './holt.js';
