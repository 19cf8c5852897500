/**
 * Extraction throughput on ~1 KB documents: UCDP Syria headlines concatenated. Prints
 * documents per second on one core (the goal: ≥ 1,000 docs/s): per wall-clock second,
 * and per second of this process's CPU time, which stays honest on a busy shared machine.
 *
 *   npm run build && node dist/bench/extract.js
 */
import { pathToFileURL } from 'node:url';
import { extract } from '../src/extract/extract.js';
import { headlineDocuments, ucdpRows } from './ucdp-docs.js';

const DOC_CHARS = 1000;
const MIN_SECONDS = 3;

export function main(): void {
  const docs = headlineDocuments(
    ucdpRows().map((r) => r.source_headline),
    DOC_CHARS,
  );
  // Loads the gazetteer and lets the JIT settle before timing.
  for (const text of docs.slice(0, 300)) extract({ id: 'warm', text, published: '2017-06-01' });
  let n = 0;
  let events = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  let seconds = 0;
  while (seconds < MIN_SECONDS) {
    for (const [i, text] of docs.entries()) {
      events += extract({ id: String(i), text, published: '2017-06-01' }).length;
      n++;
    }
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const chars = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  console.log(
    `extract: ${n} docs (mean ${chars.toFixed(0)} chars) in ${seconds.toFixed(2)} s = ` +
      `${(n / seconds).toFixed(0)} docs/s on one core (${(n / cpuSeconds).toFixed(0)} per CPU-second); ` +
      `${(events / n).toFixed(2)} events/doc`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
