/** Small shared formatting for the renderers. */
import type { Brief } from './brief-types.js';
import { formatWindow } from '../analyze/index.js';

/** "country=SYR; actor=Islamic State; Jan 2016–Nov 2019 (+ compare IRQ)". */
export function formatFilter(brief: Brief): string {
  const f = brief.inputs.filter;
  const parts = Object.entries(f)
    .filter(([k, v]) => v !== undefined && k !== 'from' && k !== 'to')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  const when = formatWindow(brief.inputs.window, true);
  if (when) parts.push(when);
  if (brief.inputs.compare) parts.push(`compared with ${brief.inputs.compare}`);
  return parts.length ? parts.join('; ') : 'all events';
}
